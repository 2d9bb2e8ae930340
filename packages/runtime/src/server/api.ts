/**
 * The public shapes of the server runtime: what handlers receive and return, the options of
 * `createServer`, the server object it returns, and `notImplemented`.
 */
import type { CorsOptions } from './cors.js';
import type { FormatError } from './errors.js';
import type { Incoming, Outgoing } from './exchange.js';
import type { Authenticate } from './security.js';

/** What a handler learns about the raw request besides its validated parameters and body. */
export interface RequestInfo {
  readonly method: string;
  /** Path and query as received (`/users?limit=5`). */
  readonly target: string;
  header(name: string): string | undefined;
}

export interface HandlerInput<Params = any, Body = any, Auth = any> {
  operationId: string;
  params: Params;
  body: Body;
  /** The documented request media type the body matched (undefined without a body). */
  contentType: string | undefined;
  /** What `authenticate` returned (undefined for operations without security). */
  auth: Auth;
  request: RequestInfo;
}

export interface HandlerResult {
  status: number;
  body?: unknown;
  headers?: object;
  /** Needed only when a status documents several media types; defaults to the first. */
  contentType?: string;
}

export type Handler = (input: HandlerInput) => HandlerResult | Promise<HandlerResult>;

/**
 * A handler for an operation you have not written yet: the runtime answers 501 (problem+json, or
 * your formatError) without calling anything. Fits every entry of a generated `Handlers`.
 */
export const notImplemented: (input: unknown) => never = function notImplemented(): never {
  throw new Error('covenant: notImplemented is answered by the runtime and never called');
};

export interface ServerOptions<Auth = unknown, ErrorBody = unknown> {
  /** Accept or reject credentials; required when the spec has security requirements. */
  authenticate?: Authenticate<Auth>;
  /** Check every handler result against the spec (status, media type, body): 500 with pointers when it does not match. For development and tests. */
  validateResponses?: boolean;
  /** Largest request body in bytes (default 1 MiB); larger → 413. */
  bodyLimit?: number;
  /**
   * When validators not precompiled (ajv standalone `validators.ts`) are compiled: `first-use`
   * (default) compiles each one when a request first needs it, so startup stays fast on big specs;
   * `startup` compiles them all in createServer (slower start, schema problems surface at once).
   */
  compileValidators?: 'first-use' | 'startup';
  /**
   * The path prefix the API is served under, overriding the spec's: by default the path of its
   * `servers` URLs (`https://api.example.com/v1` → `/v1`; several servers → any of their paths).
   * `''` or `'/'` serves at the root. Not applied under Express / Fastify (their mount point or
   * prefix is the base path).
   */
  basePath?: string | readonly string[];
  /** Answer cross-origin calls from browsers (preflights and the CORS headers of every answer); off by default. */
  cors?: CorsOptions;
  /**
   * Answer the errors the runtime answers itself (400 validation, 401, 404, 405, 406, 413, 415, 500,
   * 501, CORS 403) in the shape your spec documents instead of problem+json: return
   * `{ body, status?, headers?, contentType? }`, or undefined to keep the problem+json answer.
   */
  formatError?: FormatError<ErrorBody>;
  /** Allow operations without a handler: they answer 501 (generated code: `createPartialServer`). */
  partial?: boolean;
  /** Called with unexpected errors and invalid responses (default: console.error). */
  onError?: (error: unknown, context: { operationId?: string; method: string; target: string }) => void;
}

export interface CovenantServer {
  /** Web-standard entry point: Hono, Bun, Deno, workers, tests. */
  handle(request: Request): Promise<Response>;
  /** Adapter entry point (see exchange.ts). */
  dispatch(incoming: Incoming): Promise<Outgoing>;
  /**
   * For adapters: report an error that happened outside `dispatch` (writing the answer failed: a
   * header value with CR/LF, a body stream that broke) to `onError`, and get the 500 answer to send.
   */
  internalError(incoming: Incoming, error: unknown): Promise<Outgoing>;
  /**
   * Whether some operation has this path (for middleware that should fall through otherwise);
   * `mounted`: the target is relative to the base path already (see `Incoming.mounted`).
   */
  hasRoute(target: string, mounted?: boolean): boolean;
  /** The base path(s) requests are served under (`''` is the root). */
  readonly basePaths: readonly string[];
  readonly bodyLimit: number;
}
