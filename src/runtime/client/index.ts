/** The client half of `covenant/runtime`: what generated clients import. */
export { createClientCall, declaredStatus, declaredMediaType, readResponseHeaders } from './call.js';
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
  ClientResponseHeader,
  HeaderValues,
} from './call.js';
export { applySecurity } from './auth.js';
export type { BasicCredentials, ClientSecurityScheme, Credential, Secret } from './auth.js';
export { encodeBody, encodeFormUrlencoded, encodeMultipart } from './body.js';
export type { EncodedBody, EncodingMeta } from './body.js';
export { encodeReserved, encodeUnreserved } from './encode.js';
export { RequestTimeoutError, ResponseValidationError, UnexpectedStatusError } from './errors.js';
export { serializeCookieParameter, serializeHeaderParameter, serializePathParameter, serializeQueryParameter } from './params.js';
export type { ClientSchemas } from './validate.js';
export type { BinaryBody, WithFiles } from './types.js';
