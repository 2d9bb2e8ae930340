/** The client half of `covenant/runtime`: what generated clients import. */
export { createClientCall } from './call.js';
export { declaredMediaType, declaredStatus, mediaKind, readResponseHeaders } from './response.js';
export type { ClientResponseHeader } from './response.js';
export type {
  ApiFailure,
  ApiResult,
  ApiSuccess,
  CallOptions,
  ClientApi,
  ClientCall,
  ClientOperation,
  ClientOptions,
  ClientParameter,
  ClientRequest,
  HeaderValues,
} from './call.js';
export { applySecurity } from './auth.js';
export type { BasicCredentials, ClientSecurityScheme, Credential, Secret } from './auth.js';
export { encodeBody, encodeFormUrlencoded, encodeMultipart } from './body.js';
export type { EncodedBody, EncodingMeta } from './body.js';
export { encodeReserved, encodeUnreserved } from './encode.js';
export { RequestTimeoutError, ResponseParseError, ResponseValidationError, UnexpectedStatusError } from './errors.js';
export type { ClientHooks, HookContext } from './hooks.js';
export { IDEMPOTENT_METHODS, retry, retryAfterMs } from './retry.js';
export type { RetryContext, RetryOptions, RetryPolicy } from './retry.js';
export { resolveServerUrl } from './servers.js';
export type { ClientServer, ServerChoice, ServerVariable } from './servers.js';
export { serializeCookieParameter, serializeHeaderParameter, serializePathParameter, serializeQueryParameter } from './params.js';
export type { ClientSchemas } from './validate.js';
export type { BinaryBody, WithFiles } from './types.js';
export { RUNTIME_VERSION, requireRuntime } from '../version.js';
export type { CovenantRuntime_0_2 } from '../version.js';
