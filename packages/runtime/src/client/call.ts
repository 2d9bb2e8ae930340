/**
 * The client transport: one generic `call` that turns an operation's table entry and a typed request
 * into a `fetch` call, and the response into a result discriminated by status.
 */
import { applySecurity, type ClientSecurityScheme, type Credential } from './auth.js';
import { encodeBody, type EncodingMeta } from './body.js';
import { RequestTimeoutError, UnexpectedStatusError } from './errors.js';
import { runWithHooks, type ClientHooks } from './hooks.js';
import type { RetryPolicy } from './retry.js';
import {
  serializeCookieParameter,
  serializeHeaderParameter,
  serializePathParameter,
  serializeQueryParameter,
  type ParameterMeta,
} from './params.js';
import type { ClientSchemas, ResponseCheck } from './validate.js';
import { declaredStatus, decodeBody, readResponseHeaders, type ClientResponseHeader } from './response.js';

export type ClientParameter = ParameterMeta;

export interface ClientOperation {
  /** operationId (or the stable fallback name); absent when it is the operation's key in the table. */
  id?: string;
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
  /** The spec's server URLs, their variables at their defaults (the first is the default base URL). */
  servers: readonly string[];
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

export interface ClientOptions<Credentials = Record<string, Credential | undefined>, Operation extends string = string> {
  /** Default: the spec's first server URL (another server, or other variable values: the generated `serverUrl()`). */
  baseUrl?: string;
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
export function createClientCall(api: ClientApi, options: ClientOptions<any, any> = {}): ClientCall {
  const base = (options.baseUrl ?? api.servers[0] ?? '').replace(/\/+$/, '');
  const clientHooks: readonly ClientHooks[] = options.hooks ?? [];
  if (options.validateResponses && !(api.schemas && api.checkResponse)) {
    throw new TypeError('validateResponses: this client was generated without response schemas; set `options: { validation: true }` on its typescript-client target');
  }
  return async function call(key, request = {}, callOptions = {}) {
    const operation = api.operations[key];
    if (!operation) throw new TypeError(`unknown operation "${key}"`);
    const id = operation.id ?? key;

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
      throw new TypeError(`${id}: no absolute base URL (the spec's first server is "${api.servers[0] ?? ''}"); pass baseUrl to createClient`);
    }

    const timeout = callOptions.timeout ?? options.timeout;
    const timer = timeout !== undefined ? AbortSignal.timeout(timeout) : undefined;
    const signals = [callOptions.signal, timer].filter((s): s is AbortSignal => s !== undefined);
    const signal = signals.length > 1 ? AbortSignal.any(signals) : signals[0];
    const timedOut = (error: unknown) => timer?.aborted && !callOptions.signal?.aborted ? new RequestTimeoutError(id, timeout!) : error;

    const policy = callOptions.retry !== undefined ? callOptions.retry : options.retry;
    const hooks = callOptions.hooks?.length ? [...clientHooks, ...callOptions.hooks] : clientHooks;
    const doFetch = options.fetch ?? fetch;
    const stream = body instanceof ReadableStream;
    const init: RequestInit & { duplex?: 'half' } = { method: operation.method, headers, body, signal };
    if (stream) init.duplex = 'half';
    const attempt = (n: number): Promise<Response> =>
      hooks.length
        ? runWithHooks(hooks, { operation: key, operationId: id, path: operation.path, attempt: n }, new Request(url, init), (request) => doFetch(request, { signal }))
        : doFetch(url, init);

    let response: Response;
    let decoded: unknown;
    let declared: string | undefined;
    try {
      response = policy ? await policy(attempt, { method: operation.method, replayable: !stream, timeout, signal }) : await attempt(1);
      declared = declaredStatus(operation.responses, response.status);
      decoded = await decodeBody(id, response, operation.method, declared ? operation.responses[declared] : undefined, !!options.validateResponses);
    } catch (error) {
      throw timedOut(error);
    }
    if (!declared) throw new UnexpectedStatusError(id, response.status, decoded, response);

    if (options.validateResponses && api.schemas && api.checkResponse) {
      await api.checkResponse({ api, schemas: api.schemas, key, operationId: id, status: declared, mediaTypes: operation.responses[declared]!, response, decoded });
    }

    const responseHeaders = readResponseHeaders(operation.responseHeaders?.[declared], response.headers);
    return response.ok
      ? { ok: true, status: response.status, data: decoded, headers: responseHeaders, response }
      : { ok: false, status: response.status, error: decoded, headers: responseHeaders, response };
  };
}
