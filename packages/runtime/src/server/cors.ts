/**
 * CORS (the fetch standard's protocol): every answer to an allowed origin, problem answers
 * included, carries `Access-Control-Allow-Origin` (and credentials / exposed headers); a preflight
 * (`OPTIONS` with `Origin` and `Access-Control-Request-Method`) is answered from the spec: 204 with
 * the methods of the matched path, 404 when no path matches, 405 when the path lacks the method,
 * 403 when the origin or a requested header is not allowed.
 */
import type { ErrorDetails, ServerErrorReason } from './errors.js';
import type { Incoming, Outgoing } from './exchange.js';

/** How the server answers an error (problem+json, or the service's formatError). */
export type Refuse = (incoming: Incoming, reason: ServerErrorReason, details: ErrorDetails) => Outgoing;

export interface CorsOptions {
  /**
   * Which origins may call: `'*'` (any), a list of exact origins (`https://app.example.com`), or a
   * function deciding per origin. With `credentials`, `'*'` answers the caller's own origin, as the
   * fetch standard forbids `*` together with credentials.
   */
  origins: '*' | readonly string[] | ((origin: string) => boolean | Promise<boolean>);
  /** Let browsers send cookies / Authorization (`Access-Control-Allow-Credentials: true`). */
  credentials?: boolean;
  /** Response headers scripts may read besides the safelisted ones (`Location`, `ETag`, ...). */
  exposedHeaders?: readonly string[];
  /** Request headers a preflight may ask for (case-insensitive); default: whatever it asks for. */
  allowedHeaders?: readonly string[];
  /** How long (seconds) a browser may cache a preflight answer (`Access-Control-Max-Age`). */
  maxAge?: number;
}

/** CORS decisions for one server, compiled once from its options. */
export class Cors {
  private readonly originList: Set<string> | undefined;
  private readonly originCheck: ((origin: string) => boolean | Promise<boolean>) | undefined;
  private readonly any: boolean;
  private readonly credentials: boolean;
  private readonly exposed: string | undefined;
  private readonly allowedHeaders: Set<string> | undefined;
  private readonly maxAge: string | undefined;

  constructor(options: CorsOptions, private readonly fail: Refuse) {
    const origins = options.origins;
    this.any = origins === '*';
    if (typeof origins === 'function') this.originCheck = origins;
    else if (origins !== '*') {
      if (!Array.isArray(origins)) throw new Error("covenant: cors.origins must be '*', a list of origins or a function");
      this.originList = new Set(origins.map((o) => o.replace(/\/$/, '')));
    }
    this.credentials = options.credentials === true;
    this.exposed = options.exposedHeaders && options.exposedHeaders.length > 0 ? options.exposedHeaders.join(', ') : undefined;
    this.allowedHeaders = options.allowedHeaders ? new Set(options.allowedHeaders.map((h) => h.toLowerCase())) : undefined;
    if (options.maxAge !== undefined && (!Number.isInteger(options.maxAge) || options.maxAge < 0)) throw new Error('covenant: cors.maxAge must be a whole number of seconds');
    this.maxAge = options.maxAge === undefined ? undefined : String(options.maxAge);
  }

  /** Whether the request is a preflight the runtime answers itself. */
  static isPreflight(incoming: Incoming): boolean {
    return incoming.method === 'OPTIONS' && incoming.header('origin') !== undefined && incoming.header('access-control-request-method') !== undefined;
  }

  /** The `Access-Control-Allow-Origin` value for this request, or undefined when the origin may not call. */
  async allowOrigin(origin: string | undefined): Promise<string | undefined> {
    if (origin === undefined) return undefined;
    if (this.any) return this.credentials ? origin : '*';
    if (this.originList) return this.originList.has(origin) ? origin : undefined;
    return (await this.originCheck!(origin)) === true ? origin : undefined;
  }

  /** Add the CORS headers of an actual (non-preflight) answer. */
  async decorate(incoming: Incoming, out: Outgoing): Promise<Outgoing> {
    const allowed = await this.allowOrigin(incoming.header('origin'));
    const headers = out.headers;
    // answers that depend on Origin must say so to caches, whether or not this origin is allowed
    if (allowed !== '*') addVary(headers, 'Origin');
    if (allowed === undefined) return out;
    headers['access-control-allow-origin'] ??= allowed;
    if (this.credentials) headers['access-control-allow-credentials'] ??= 'true';
    if (this.exposed !== undefined) headers['access-control-expose-headers'] ??= this.exposed;
    return out;
  }

  /**
   * Answer a preflight. `methods` are those of the path the request names (undefined: no operation
   * has that path).
   */
  async preflight(incoming: Incoming, path: string, methods: readonly string[] | undefined): Promise<Outgoing> {
    const origin = incoming.header('origin')!;
    const requested = incoming.header('access-control-request-method')!.trim();
    const vary = 'Origin, Access-Control-Request-Method, Access-Control-Request-Headers';
    const allowed = await this.allowOrigin(origin);
    const refuse = (reason: ServerErrorReason, detail: string, extra: Record<string, string> = {}): Outgoing => {
      const out = this.fail(incoming, reason, { detail, headers: { vary, ...extra } });
      if (allowed !== undefined) {
        out.headers['access-control-allow-origin'] = allowed;
        if (this.credentials) out.headers['access-control-allow-credentials'] = 'true';
      }
      return out;
    };
    if (allowed === undefined) return refuse('forbidden', `the origin ${origin} may not call this API`);
    if (methods === undefined) return refuse('not-found', `no operation matches ${path}`);
    const upper = requested.toUpperCase();
    if (!methods.includes(upper)) {
      return refuse('method-not-allowed', `${requested} is not allowed on ${path}; allowed: ${methods.join(', ')}`, { allow: methods.join(', ') });
    }
    const askedHeaders = splitList(incoming.header('access-control-request-headers'));
    if (this.allowedHeaders) {
      const refused = askedHeaders.filter((h) => !this.allowedHeaders!.has(h.toLowerCase()));
      if (refused.length > 0) return refuse('forbidden', `request header(s) ${refused.join(', ')} may not be sent from another origin`);
    }
    const headers: Record<string, string> = {
      vary,
      'access-control-allow-origin': allowed,
      // the requested method as sent (methods other than the six standard ones are case-sensitive)
      'access-control-allow-methods': methods.includes(requested) ? methods.join(', ') : [requested, ...methods].join(', '),
    };
    if (askedHeaders.length > 0) headers['access-control-allow-headers'] = askedHeaders.join(', ');
    if (this.credentials) headers['access-control-allow-credentials'] = 'true';
    if (this.maxAge !== undefined) headers['access-control-max-age'] = this.maxAge;
    return { status: 204, headers, body: null };
  }
}

function splitList(value: string | undefined): string[] {
  if (!value) return [];
  return value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

function addVary(headers: Record<string, string>, name: string): void {
  const current = headers['vary'];
  if (current === undefined) headers['vary'] = name;
  else if (current !== '*' && !current.toLowerCase().split(/\s*,\s*/).includes(name.toLowerCase())) headers['vary'] = `${current}, ${name}`;
}
