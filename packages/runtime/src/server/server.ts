/**
 * The server core: `createServer(definition, handlers, options)` compiles routes, parameter readers,
 * security and ajv validators once, then `dispatch` runs each request through route → credentials →
 * Accept → parameters → body → handler → (optional) response check. Errors it answers itself are
 * problem+json. Adapters (node:http, fetch, Express, Fastify) are thin files over `dispatch`.
 */
import { coercedJsonParts, compileMedia, decodeBody, jsonPartValues, PartRefused, type CompiledMedia } from './body.js';
import type { OperationDefinition, ServiceDefinition } from './definition.js';
import { BasePath, basePathsOf } from './base-path.js';
import { Cors } from './cors.js';
import { errorAnswer, type ErrorDetails, type FormatError, type ServerErrorReason } from './errors.js';
import { BodyTooLarge, type Incoming, type Outgoing } from './exchange.js';
import { acceptsAny, isJson, matchMediaType } from './media.js';
import { compileParameter, Malformed, readCookie, readHeader, readPath, readQuery, type CompiledParameter } from './params.js';
import { Router } from './router.js';
import { declaredProperties, shapeOf } from './schema.js';
import { authenticateRequest, compileSecurity, type Authenticate, type CompiledSecurity } from './security.js';
import { validatorPlan } from './plan.js';
import { escapePointer, fieldErrors, Validators, type FieldError, type Validate } from './validation.js';
import { FetchIncoming, toResponse } from './web.js';
import { notImplemented, type CovenantServer, type Handler, type HandlerResult, type ServerOptions } from './api.js';
import { pathOf, RequestState } from './request.js';

export { notImplemented, type CovenantServer, type Handler, type HandlerInput, type HandlerResult, type RequestInfo, type ServerOptions } from './api.js';

interface CompiledResponse {
  types: string[];
  /** The first documented media type and whether it is JSON (the default when a handler names none). */
  primaryType: string | undefined;
  primaryJson: boolean;
  validators: Map<string, Validate | undefined>;
}

interface CompiledOperation {
  id: string;
  handler: Handler;
  parameters: CompiledParameter[];
  claimedQuery: Set<string>;
  validateParams: Validate | undefined;
  body: { required: boolean; types: string[]; media: Map<string, { compiled: CompiledMedia; validate: Validate | undefined }> } | undefined;
  security: CompiledSecurity | undefined;
  produces: string[];
  responses: Map<string, CompiledResponse>;
  /** status → documented response (exact, NXX, default), filled on first use. */
  byStatus: Map<number, CompiledResponse | undefined>;
}

const LOCATION_KEY = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' } as const;
const DEFAULT_BODY_LIMIT = 1024 * 1024;
type Params = Record<'path' | 'query' | 'headers' | 'cookies', Record<string, unknown>>;
/** What operations without parameters get (shared, frozen). */
const NO_PARAMS: Params = Object.freeze({ path: Object.freeze({}), query: Object.freeze({}), headers: Object.freeze({}), cookies: Object.freeze({}) });

export function createServer<Auth = unknown, ErrorBody = unknown>(
  definition: ServiceDefinition,
  handlers: object,
  options: ServerOptions<Auth, ErrorBody> = {},
): CovenantServer {
  return new Server(definition, handlers as Record<string, Handler>, options as ServerOptions);
}

class Server implements CovenantServer {
  private readonly router = new Router<CompiledOperation>();
  readonly bodyLimit: number;
  private readonly validateResponses: boolean;
  private readonly authenticate: Authenticate | undefined;
  private readonly onError: NonNullable<ServerOptions['onError']>;
  private readonly cors: Cors | undefined;
  private readonly formatError: FormatError | undefined;
  private readonly base: BasePath;

  constructor(definition: ServiceDefinition, handlers: Record<string, Handler>, options: ServerOptions) {
    this.bodyLimit = options.bodyLimit ?? DEFAULT_BODY_LIMIT;
    this.validateResponses = options.validateResponses === true;
    this.authenticate = options.authenticate;
    this.formatError = options.formatError;
    this.cors = options.cors ? new Cors(options.cors, (incoming, reason, details) => this.fail(incoming, reason, details)) : undefined;
    const basePath = options.basePath;
    this.base = new BasePath(basePath === undefined ? basePathsOf(definition.servers) : typeof basePath === 'string' ? [basePath] : basePath);
    this.onError = options.onError ?? ((error, context) => console.error(`covenant: ${context.method} ${context.target}${context.operationId ? ` (${context.operationId})` : ''}:`, error));
    const missing = definition.operations.filter((op) => typeof handlers[op.id] !== 'function').map((op) => op.id);
    if (missing.length > 0 && options.partial !== true) throw new Error(`covenant: no handler for operation(s) ${missing.join(', ')} (createPartialServer, or notImplemented, answers 501 for them)`);
    const schemas = (definition.schemas ?? {}) as Record<string, Record<string, any>>;
    const resolve = (ref: string) => schemas[ref];
    const validator = this.validatorSource(definition, options.compileValidators === 'startup');
    for (const op of definition.operations) {
      const compiled = this.compileOperation(op, typeof handlers[op.id] === 'function' ? handlers[op.id]! : notImplemented, definition, validator, resolve);
      this.router.add(op.method, op.path, compiled);
    }
  }

  /**
   * Validator by plan key: the precompiled one when the definition carries matching standalone code,
   * else compiled now (`eager`) or on its first call (compiled once, never per request).
   */
  private validatorSource(definition: ServiceDefinition, eager: boolean): (key: string) => Validate | undefined {
    const plan = validatorPlan(definition);
    const index = new Map(plan.map((need, i) => [need.key, i]));
    const given = definition.validators;
    const precompiled = given && given.keys.length === plan.length && given.keys.every((key, i) => key === plan[i]!.key) ? given.functions : undefined;
    const validators = new Validators(definition);
    return (key) => {
      const i = index.get(key);
      if (i === undefined) return undefined;
      const ready = precompiled?.[`v${i}`];
      if (typeof ready === 'function') return ready as Validate;
      const need = plan[i]!;
      if (eager) return validators.compile(need.kind, need.schema);
      let compiled: Validate | undefined;
      const validate = ((data: unknown) => {
        compiled ??= validators.compile(need.kind, need.schema);
        const valid = compiled(data);
        validate.errors = compiled.errors;
        return valid;
      }) as Validate;
      return validate;
    };
  }

  private compileOperation(
    op: OperationDefinition,
    handler: Handler,
    definition: ServiceDefinition,
    validator: (key: string) => Validate | undefined,
    resolve: (ref: string) => Record<string, any> | undefined,
  ): CompiledOperation {
    const parameters = (op.parameters ?? []).map((p) => compileParameter(p, p.contentType ? 'primitive' : shapeOf(p.schema, resolve), declaredProperties(p.schema, resolve)));
    const claimedQuery = new Set<string>();
    for (const p of parameters) if (p.in === 'query') claimedQuery.add(p.name);
    for (const p of parameters) if (p.in === 'query' && p.style === 'form' && p.explode && p.shape === 'object') for (const key of p.properties) claimedQuery.add(key);
    const validateParams = parameters.length > 0 ? validator(`params ${op.id}`) : undefined;
    let body: CompiledOperation['body'];
    if (op.requestBody) {
      const media = new Map<string, { compiled: CompiledMedia; validate: Validate | undefined }>();
      for (const [type, m] of Object.entries(op.requestBody.content ?? {})) {
        media.set(type, { compiled: compileMedia(type, m, resolve), validate: validator(`body ${op.id} ${type}`) });
      }
      body = { required: op.requestBody.required === true, types: [...media.keys()], media };
    }
    const security = compileSecurity(op.security, definition.securitySchemes ?? {}, op.id);
    if (security && !this.authenticate && security.alternatives.some((a) => a.length > 0)) {
      throw new Error(`covenant: operation ${op.id} requires credentials: pass options.authenticate`);
    }
    const produces = new Set<string>();
    const responses = new Map<string, CompiledResponse>();
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      const types = Object.keys(response.content ?? {});
      for (const t of types) produces.add(t);
      const compiledValidators = new Map<string, Validate | undefined>();
      if (this.validateResponses) {
        for (const type of types) compiledValidators.set(type, validator(`response ${op.id} ${status.toUpperCase()} ${type}`));
      }
      responses.set(status.toUpperCase(), { types, primaryType: types[0], primaryJson: types[0] !== undefined && isJson(types[0]), validators: compiledValidators });
    }
    return { id: op.id, handler, parameters, claimedQuery, validateParams, body, security, produces: [...produces], responses, byStatus: new Map() };
  }

  get basePaths(): readonly string[] {
    return this.base.paths;
  }

  hasRoute(target: string, mounted = false): boolean {
    const path = mounted ? pathOf(target) : this.base.strip(pathOf(target));
    return path !== undefined && this.router.methods(path) !== undefined;
  }

  /** The request path relative to the base path (undefined: outside it). */
  private relativePath(incoming: Incoming, path: string): string | undefined {
    return incoming.mounted === true ? path : this.base.strip(path);
  }

  async handle(request: Request): Promise<Response> {
    const incoming = new FetchIncoming(request);
    const out = await this.dispatch(incoming);
    try {
      return toResponse(out);
    } catch (error) {
      // e.g. a header value a handler returned that a Response refuses (CR/LF)
      return toResponse(await this.internalError(incoming, error));
    }
  }

  async internalError(incoming: Incoming, error: unknown): Promise<Outgoing> {
    const out = this.internal(incoming, error);
    if (this.cors === undefined) return out;
    try {
      return await this.cors.decorate(incoming, out);
    } catch {
      return out;
    }
  }

  /** Report an error to onError and answer 500 (without CORS headers). */
  private internal(incoming: Incoming, error: unknown, operationId?: string): Outgoing {
    try {
      this.onError(error, { operationId, method: incoming.method, target: incoming.target });
    } catch {
      // a failing onError must not take the answer down with it
    }
    return this.fail(incoming, 'internal', { detail: 'the server failed to handle the request', operationId });
  }

  /** The answer to an error the runtime answers itself: formatError's, else problem+json. */
  private fail(incoming: Incoming, reason: ServerErrorReason, details: ErrorDetails): Outgoing {
    if (this.formatError === undefined) return errorAnswer(undefined, reason, details, incoming);
    try {
      return errorAnswer(this.formatError, reason, details, incoming);
    } catch (error) {
      try {
        this.onError(error, { operationId: details.operationId, method: incoming.method, target: incoming.target });
      } catch {
        // ignored: see internalError
      }
      return errorAnswer(undefined, reason, details, incoming);
    }
  }

  async dispatch(incoming: Incoming): Promise<Outgoing> {
    if (this.cors === undefined) return this.answer(incoming);
    try {
      if (Cors.isPreflight(incoming)) {
        const full = pathOf(incoming.target);
        const path = this.relativePath(incoming, full);
        return await this.cors.preflight(incoming, full, path === undefined ? undefined : this.router.methods(path));
      }
      return await this.cors.decorate(incoming, await this.answer(incoming));
    } catch (error) {
      return this.internal(incoming, error);
    }
  }

  /** Everything but CORS; never rejects (failures become a 500 problem through onError). */
  private async answer(incoming: Incoming): Promise<Outgoing> {
    let operationId: string | undefined;
    try {
      const target = incoming.target;
      const q = target.indexOf('?');
      const full = q < 0 ? target : target.slice(0, q);
      const path = this.relativePath(incoming, full);
      if (path === undefined) return this.fail(incoming, 'not-found', { detail: `no operation matches ${incoming.method} ${full} (this API is served under ${this.base.describe()})` });
      const match = this.router.match(incoming.method, path);
      if (match.kind === 'not-found') return this.fail(incoming, 'not-found', { detail: `no operation matches ${incoming.method} ${full}` });
      if (match.kind === 'method-not-allowed') {
        return this.fail(incoming, 'method-not-allowed', { detail: `${incoming.method} is not allowed here`, headers: { allow: match.allowed.join(', ') } });
      }
      const op = match.route;
      operationId = op.id;
      if (op.handler === notImplemented) return this.fail(incoming, 'not-implemented', { detail: `${op.id} is not implemented yet`, operationId });
      const state = new RequestState(incoming, q < 0 ? '' : target.slice(q + 1));
      let auth: unknown;
      if (op.security) {
        const outcome = await authenticateRequest(op.security, state, this.authenticate!, op.id);
        if (!outcome.ok) {
          const headers: Record<string, string> = {};
          if (op.security.challenge) headers['www-authenticate'] = op.security.challenge;
          return this.fail(incoming, 'unauthorized', { detail: outcome.rejected ? 'the credentials were rejected' : 'credentials are required', headers, operationId });
        }
        auth = outcome.auth;
      }
      if (op.produces.length > 0) {
        const accept = incoming.header('accept');
        if (accept && accept !== '*/*' && !acceptsAny(accept, op.produces)) {
          return this.fail(incoming, 'not-acceptable', { detail: `acceptable media types: ${op.produces.join(', ')}`, operationId });
        }
      }
      let params = NO_PARAMS;
      if (op.parameters.length > 0) {
        params = { path: {}, query: {}, headers: {}, cookies: {} };
        const malformed = this.readParameters(op, match.params, state, incoming, params);
        if (malformed) return this.fail(incoming, 'invalid-request', { detail: 'the request parameters are malformed', errors: malformed, operationId });
        if (!op.validateParams!(params)) {
          return this.fail(incoming, 'invalid-request', { detail: 'the request does not match the API description', errors: fieldErrors(op.validateParams!.errors, ''), operationId });
        }
      }
      let body: unknown;
      let contentType: string | undefined;
      if (op.body) {
        const read = await this.readBody(op, incoming);
        if ('status' in read) return read;
        body = read.value;
        contentType = read.contentType;
      }
      const result = op.handler({ operationId: op.id, params, body, contentType, auth, request: state });
      return this.respond(op, result instanceof Promise ? await result : result, incoming);
    } catch (error) {
      return this.internal(incoming, error, operationId);
    }
  }

  private readParameters(
    op: CompiledOperation,
    pathValues: Record<string, string>,
    state: RequestState,
    incoming: Incoming,
    params: Record<'path' | 'query' | 'headers' | 'cookies', Record<string, unknown>>,
  ): FieldError[] | undefined {
    let malformed: FieldError[] | undefined;
    for (const p of op.parameters) {
      let value: unknown;
      if (p.in === 'path') {
        const raw = pathValues[p.name];
        value = raw === undefined ? undefined : readPath(p, raw);
      } else if (p.in === 'query') {
        value = readQuery(p, state.queries(), op.claimedQuery);
      } else if (p.in === 'header') {
        const raw = incoming.header(p.key);
        value = raw === undefined ? undefined : readHeader(p, raw);
      } else {
        const raw = state.cookies().get(p.key);
        value = raw === undefined ? undefined : readCookie(p, raw);
      }
      if (value === undefined) continue;
      const group = LOCATION_KEY[p.in];
      if (value instanceof Malformed) (malformed ??= []).push({ pointer: `/${group}/${escapePointer(p.name)}`, message: value.message });
      else if (p.name === '__proto__') Object.defineProperty(params[group], p.name, { value, enumerable: true, writable: true, configurable: true });
      else params[group][p.name] = value;
    }
    return malformed;
  }

  private async readBody(op: CompiledOperation, incoming: Incoming): Promise<Outgoing | { value: unknown; contentType: string | undefined }> {
    const spec = op.body!;
    const source = incoming.body;
    const operationId = op.id;
    const absent = () => (spec.required ? this.fail(incoming, 'invalid-request', { detail: 'a request body is required', errors: [{ pointer: '/body', message: 'is required' }], operationId }) : { value: undefined, contentType: undefined });
    if (!source || source.length === 0) return absent();
    const contentType = incoming.header('content-type');
    const documented = contentType ? matchMediaType(spec.types, contentType) : undefined;
    if (!documented) {
      return this.fail(incoming, 'unsupported-media-type', { detail: `${contentType ? `${contentType} is not accepted` : 'Content-Type is missing'}; send one of ${spec.types.join(', ')}`, operationId });
    }
    if (source.length !== undefined && source.length > this.bodyLimit) return this.fail(incoming, 'too-large', { detail: `the body is larger than ${this.bodyLimit} bytes`, operationId });
    let bytes: Uint8Array;
    try {
      bytes = await source.bytes(this.bodyLimit);
    } catch (error) {
      if (error instanceof BodyTooLarge) return this.fail(incoming, 'too-large', { detail: `the body is larger than ${this.bodyLimit} bytes`, operationId });
      throw error;
    }
    if (bytes.length === 0) return absent();
    const media = spec.media.get(documented)!;
    let value = decodeBody(media.compiled, bytes, contentType!);
    if (value instanceof Promise) value = await value;
    if (value instanceof Malformed) return this.fail(incoming, 'invalid-request', { detail: `the body ${value.message}`, errors: [{ pointer: '/body', message: value.message }], operationId });
    if (value instanceof PartRefused) {
      const message = `has Content-Type ${value.type}; allowed: ${value.allowed.join(', ')}`;
      return this.fail(incoming, 'unsupported-media-type', { detail: `the part ${value.field} ${message}`, errors: [{ pointer: `/body/${escapePointer(value.field)}`, message }], operationId });
    }
    const jsonParts = jsonPartValues(value, media.compiled);
    if (media.validate && !media.validate(value)) {
      return this.fail(incoming, 'invalid-request', { detail: 'the request does not match the API description', errors: fieldErrors(media.validate.errors, '/body'), operationId });
    }
    if (jsonParts !== undefined) {
      const coerced = coercedJsonParts(jsonParts, value as Record<string, unknown>);
      if (coerced.length > 0) return this.fail(incoming, 'invalid-request', { detail: 'the request does not match the API description', errors: coerced, operationId });
    }
    return { value, contentType: documented };
  }

  private documentedResponse(op: CompiledOperation, status: number): CompiledResponse | undefined {
    let documented = op.byStatus.get(status);
    if (documented === undefined && !op.byStatus.has(status)) {
      documented = op.responses.get(String(status)) ?? op.responses.get(`${Math.floor(status / 100)}XX`) ?? op.responses.get('DEFAULT');
      if (op.byStatus.size < 1000) op.byStatus.set(status, documented);
    }
    return documented;
  }

  private respond(op: CompiledOperation, result: HandlerResult, incoming: Incoming): Outgoing {
    if (!result || typeof result !== 'object' || typeof result.status !== 'number') {
      throw new Error(`handler ${op.id} must return { status, body?, headers? }`);
    }
    const status = result.status;
    const documented = this.documentedResponse(op, status);
    const hasBody = result.body !== undefined && result.body !== null;
    let contentType = result.contentType;
    let json: boolean;
    if (contentType !== undefined) json = isJson(contentType);
    else if (documented?.primaryType !== undefined) {
      contentType = documented.primaryType;
      json = documented.primaryJson;
    } else {
      json = hasBody && typeof result.body !== 'string';
      if (hasBody) contentType = json ? 'application/json' : 'text/plain; charset=utf-8';
    }
    if (this.validateResponses) {
      const errors = this.checkResponse(documented, result, contentType, hasBody);
      if (errors.length > 0) {
        this.onError(new Error(`response of ${op.id} does not match the API description: ${errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}`), {
          operationId: op.id,
          method: incoming.method,
          target: incoming.target,
        });
        return this.fail(incoming, 'internal', { detail: `the response of ${op.id} does not match the API description`, errors, operationId: op.id });
      }
    }
    const headers: Record<string, string> = {};
    const given = result.headers as Record<string, unknown> | undefined;
    if (given !== undefined) {
      for (const name in given) {
        const value = given[name];
        if (value === undefined || value === null) continue;
        headers[name.toLowerCase()] = Array.isArray(value) ? value.map(String).join(', ') : String(value);
      }
    }
    if (!hasBody || status === 204 || status === 304) return { status, headers, body: null };
    if (contentType !== undefined && headers['content-type'] === undefined) headers['content-type'] = contentType;
    let body = result.body;
    if (json) body = JSON.stringify(body);
    else if (!(typeof body === 'string' || body instanceof Uint8Array || body instanceof Blob || body instanceof ReadableStream)) body = String(body);
    return { status, headers, body: incoming.method === 'HEAD' ? null : (body as Outgoing['body']) };
  }

  private checkResponse(documented: CompiledResponse | undefined, result: HandlerResult, contentType: string | undefined, hasBody: boolean): FieldError[] {
    if (!documented) return [{ pointer: '/status', message: `${result.status} is not a documented status of this operation` }];
    if (!hasBody) return [];
    if (documented.types.length === 0) return [{ pointer: '/body', message: `status ${result.status} documents no body` }];
    const type = contentType ? matchMediaType(documented.types, contentType) : undefined;
    if (!type) return [{ pointer: '/contentType', message: `must be one of ${documented.types.join(', ')}` }];
    const validate = documented.validators.get(type);
    if (validate && !validate(result.body)) return fieldErrors(validate.errors, '/body');
    return [];
  }
}
