/**
 * The client transport: one generic `call` that turns an operation's table entry and a typed request
 * into a `fetch` call, and the response into a result discriminated by status.
 */
import { applySecurity, type ClientSecurityScheme, type Credential } from './auth.js';
import { encodeBody, isJsonMediaType, type EncodingMeta } from './body.js';
import { RequestTimeoutError, ResponseValidationError, UnexpectedStatusError } from './errors.js';
import { runWithHooks, type ClientHooks } from './hooks.js';
import type { RetryPolicy } from './retry.js';
import { defaultServerUrl, resolveBaseUrl, type ClientServer, type ServerChoice } from './servers.js';
import {
  serializeCookieParameter,
  serializeHeaderParameter,
  serializePathParameter,
  serializeQueryParameter,
  type ParameterMeta,
} from './params.js';
import type { ClientSchemas, ResponseCheck } from './validate.js';
import { declaredMediaType, declaredStatus, decodeBody, decodeUndeclared, essence, readResponseHeaders, type ClientResponseHeader } from './response.js';

export type ClientParameter = ParameterMeta;

export interface ClientOperation {
  /** operationId (or the stable fallback name). */
  id: string;
  method: string;
  /** Path template as in the spec (`/users/{userId}`). */
  path: string;
  parameters: readonly ClientParameter[];
  body?: {
    required: boolean;
    /** Media types in spec order (the first is the default) with their Encoding Objects. */
    content: Readonly<Record<string, Readonly<Record<string, EncodingMeta>>>>;
  };
  /** Security alternatives (OR) of scheme names (AND); `[]` = no auth, `[[]]` = auth optional. */
  security: ReadonlyArray<ReadonlyArray<string>>;
  /** Declared statuses (`200`, `4XX`, `default`) with their media types. */
  responses: Readonly<Record<string, readonly string[]>>;
  /** Declared response headers by status, with how to read their values. */
  responseHeaders?: Readonly<Record<string, Readonly<Record<string, ClientResponseHeader>>>>;
}

export interface ClientApi {
  /** The spec's servers: URLs, or URL templates with their variables. */
  servers: readonly ClientServer[];
  securitySchemes: Readonly<Record<string, ClientSecurityScheme>>;
  operations: Readonly<Record<string, ClientOperation>>;
  /** Response schemas for `validateResponses` (parsed on first use). */
  schemas?: () => ClientSchemas;
  /**
   * The checker from `@covenant/runtime/client/validate` (ajv): set only by clients generated with
   * `validation: true`, so that a client without it never loads ajv (and bundles without it).
   */
  checkResponse?: ResponseCheck;
}

export type HeaderValues = Record<string, string>;

export interface ClientOptions<Credentials = Record<string, Credential | undefined>, Server = ServerChoice, Operation extends string = string> {
  /** The base URL; overrides `server`. */
  baseUrl?: string;
  /** A server of the spec, by index (default 0), with values for its variables (defaults: the spec's). */
  server?: Server;
  /** Default: the global `fetch`. */
  fetch?: typeof fetch;
  /** Headers sent with every request (a function is called per request). */
  headers?: HeaderValues | (() => HeaderValues | Promise<HeaderValues>);
  /** Credentials by security scheme name; applied only to operations that use the scheme. */
  auth?: Credentials;
  /** Default timeout per call, in ms (none by default). */
  timeout?: number;
  /** Check every declared response body against the spec (for tests and staging). */
  validateResponses?: boolean;
  /** Middleware around every request (see ClientHooks); a call's own hooks run inside these. */
  hooks?: readonly ClientHooks<Operation>[];
  /** Retries (`retry(...)` from this package): off by default. */
  retry?: RetryPolicy;
}

export interface CallOptions<Operation extends string = string> {
  signal?: AbortSignal;
  /** Timeout for this call, in ms, retries and their waits included (overrides the client's). */
  timeout?: number;
  headers?: HeaderValues;
  /** Hooks for this call only, run inside the client's. */
  hooks?: readonly ClientHooks<Operation>[];
  /** Retries for this call (overrides the client's; `false` = none). */
  retry?: RetryPolicy | false;
}

export interface ClientRequest {
  path?: Record<string, unknown>;
  query?: Record<string, unknown>;
  header?: Record<string, unknown>;
  cookie?: Record<string, unknown>;
  body?: unknown;
  /** Request media type, when the operation accepts several (default: the first). */
  contentType?: string;
}

export interface ApiSuccess<Status extends number, Data, Headers = Record<string, unknown>> {
  ok: true;
  status: Status;
  data: Data;
  /** The response headers the spec declares for this status, parsed (others: `response.headers`). */
  headers: Headers;
  response: Response;
}

export interface ApiFailure<Status extends number, Error, Headers = Record<string, unknown>> {
  ok: false;
  status: Status;
  error: Error;
  headers: Headers;
  response: Response;
}

export type ApiResult = ApiSuccess<number, unknown> | ApiFailure<number, unknown>;

export type ClientCall = (operation: string, request?: ClientRequest, options?: CallOptions) => Promise<ApiResult>;

const acceptHeaders = new WeakMap<ClientOperation, string>();

/** `Accept`: every media type the operation's responses declare (computed once per operation). */
function acceptOf(operation: ClientOperation): string {
  let accept = acceptHeaders.get(operation);
  if (accept === undefined) {
    accept = [...new Set(Object.values(operation.responses).flat())].join(', ');
    acceptHeaders.set(operation, accept);
  }
  return accept;
}

function absolute(url: string): boolean {
  return /^[A-Za-z][A-Za-z0-9+.-]*:/.test(url);
}

/** A `call(operation, request, options)` function over the operation table and the client's options. */
export function createClientCall(api: ClientApi, options: ClientOptions<any, any, any> = {}): ClientCall {
  const base = resolveBaseUrl(api.servers, options.baseUrl, options.server);
  const clientHooks: readonly ClientHooks[] = options.hooks ?? [];
  if (options.validateResponses && !(api.schemas && api.checkResponse)) {
    throw new TypeError('validateResponses: this client was generated without response schemas; set `options: { validation: true }` on its typescript-client target and run covenant gen again');
  }
  return async function call(key, request = {}, callOptions = {}) {
    const operation = api.operations[key];
    if (!operation) throw new TypeError(`unknown operation "${key}"`);
    const id = operation.id;

    let path = operation.path;
    const query: string[] = [];
    const cookies: string[] = [];
    // a plain record with lower-case names: cheaper than a Headers object, and any fetch accepts it
    const headers: Record<string, string> = {};
    const defaults = typeof options.headers === 'function' ? await options.headers() : options.headers;
    for (const source of [defaults, callOptions.headers]) {
      if (source) for (const name of Object.keys(source)) headers[name.toLowerCase()] = source[name]!;
    }

    for (const parameter of operation.parameters) {
      const group = request[parameter.in] as Record<string, unknown> | undefined;
      const value = group && Object.hasOwn(group, parameter.name) ? group[parameter.name] : undefined;
      if (parameter.in === 'path') {
        if (value === undefined) throw new TypeError(`${id}: path parameter "${parameter.name}" is required`);
        path = path.split(`{${parameter.name}}`).join(serializePathParameter(parameter, value));
      } else if (parameter.in === 'query') {
        query.push(...serializeQueryParameter(parameter, value));
      } else if (parameter.in === 'header') {
        const text = serializeHeaderParameter(parameter, value);
        if (text !== undefined) headers[parameter.name.toLowerCase()] = text;
      } else {
        cookies.push(...serializeCookieParameter(parameter, value));
      }
    }

    const security = await applySecurity(operation.security, api.securitySchemes, options.auth);
    for (const [name, value] of security.headers) headers[name.toLowerCase()] = value;
    query.push(...security.query);
    cookies.push(...security.cookies);
    if (cookies.length) headers.cookie = [headers.cookie, ...cookies].filter(Boolean).join('; ');

    let body: BodyInit | undefined;
    if (operation.body) {
      const mediaTypes = Object.keys(operation.body.content);
      if (request.body === undefined) {
        if (operation.body.required) throw new TypeError(`${id}: a request body is required`);
      } else {
        const mediaType = request.contentType ?? mediaTypes[0]!;
        if (!(mediaType in operation.body.content)) {
          throw new TypeError(`${id}: content type "${mediaType}" is not one of ${mediaTypes.join(', ')}`);
        }
        const encoded = encodeBody(mediaType, request.body, operation.body.content[mediaType]);
        body = encoded.body;
        headers['content-type'] ??= encoded.contentType;
      }
    }
    if (headers.accept === undefined) {
      const accepted = acceptOf(operation);
      if (accepted) headers.accept = accepted;
    }

    const url = `${base}${path}${query.length ? `?${query.join('&')}` : ''}`;
    if (!absolute(url) && typeof (globalThis as { location?: unknown }).location === 'undefined') {
      throw new TypeError(`${id}: no absolute base URL (the spec's first server is "${defaultServerUrl(api.servers[0])}"); pass baseUrl to createClient`);
    }

    const timeout = callOptions.timeout ?? options.timeout;
    const timer = timeout !== undefined ? AbortSignal.timeout(timeout) : undefined;
    const signals = [callOptions.signal, timer].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const timedOut = (error: unknown) => timer?.aborted && !callOptions.signal?.aborted ? new RequestTimeoutError(id, timeout!) : error;
    const deadline = timeout !== undefined ? Date.now() + timeout : undefined;

    const policy = callOptions.retry !== undefined ? callOptions.retry : options.retry;
    const hooks = callOptions.hooks?.length ? [...clientHooks, ...callOptions.hooks] : clientHooks;
    const doFetch = options.fetch ?? fetch;
    const init: RequestInit & { duplex?: 'half' } = { method: operation.method, headers, body, signal };
    if (body instanceof ReadableStream) init.duplex = 'half';
    const attempt = (n: number): Promise<Response> =>
      hooks.length
        ? runWithHooks(hooks, { operation: key, operationId: id, path: operation.path, attempt: n }, new Request(url, init), (request) => doFetch(request, { signal }))
        : doFetch(url, init);

    let response!: Response;
    let decoded: unknown;
    let declared: string | undefined;
    try {
      for (let n = 1; ; n++) {
        let outcome: { response?: Response; error?: unknown };
        try {
          outcome = { response: await attempt(n) };
        } catch (error) {
          outcome = { error };
        }
        const again = policy && (await policy({ method: operation.method, retriesDone: n - 1, ...outcome, replayable: !(body instanceof ReadableStream), deadline, now: Date.now() }, signal));
        if (!again) {
          if (!outcome.response) throw outcome.error;
          response = outcome.response;
          break;
        }
      }
      declared = declaredStatus(operation.responses, response.status);
      decoded = declared
        ? await decodeBody(id, response, operation.method, operation.responses[declared]!, !!options.validateResponses)
        : await decodeUndeclared(response, operation.method);
    } catch (error) {
      throw timedOut(error);
    }
    if (!declared) throw new UnexpectedStatusError(id, response.status, decoded, response);

    if (options.validateResponses && api.schemas && api.checkResponse) {
      const mediaTypes = operation.responses[declared]!;
      const contentType = response.headers.get('content-type');
      if (mediaTypes.length && decoded !== undefined) {
        const mediaType = contentType ? declaredMediaType(mediaTypes, contentType) : undefined;
        if (!mediaType) {
          throw new ResponseValidationError(id, response.status, essence(contentType) || '(none)', '', `Content-Type is not one of ${mediaTypes.join(', ')}`, [], response);
        }
        if (isJsonMediaType(mediaType)) {
          const mismatch = await api.checkResponse(api, api.schemas, key, declared, mediaType, decoded);
          if (mismatch) {
            throw new ResponseValidationError(id, response.status, mediaType, mismatch.pointer, mismatch.detail, mismatch.errors, response);
          }
        }
      } else if (!mediaTypes.length && decoded !== undefined && decoded !== '') {
        throw new ResponseValidationError(id, response.status, essence(contentType) || '(none)', '', 'the spec declares no body for this response', [], response);
      }
    }

    const responseHeaders = readResponseHeaders(operation.responseHeaders?.[declared], response.headers);
    return response.ok
      ? { ok: true, status: response.status, data: decoded, headers: responseHeaders, response }
      : { ok: false, status: response.status, error: decoded, headers: responseHeaders, response };
  };
}
