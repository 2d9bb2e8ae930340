/** Server runtime: the core used by code from the `typescript-server` target, and its adapters. */
export type { CorsOptions } from './cors.js';
export { ERROR_STATUS, type ErrorAnswer, type FormatError, type ServerError, type ServerErrorReason } from './errors.js';
export { createServer, notImplemented, type CovenantServer, type Handler, type HandlerInput, type HandlerResult, type RequestInfo, type ServerOptions } from './server.js';
export type { ServerUrlDefinition, ServiceDefinition, OperationDefinition, ParameterDefinition, MediaDefinition, ResponseDefinition, SecuritySchemeDefinition } from './definition.js';
export type { Incoming, Outgoing, BodySource } from './exchange.js';
export type { Authenticate, AuthenticationRequest, ServerCredential } from './security.js';
export type { FieldError } from './validation.js';
export { validatorPlan, type ValidatorNeed } from './plan.js';
export { standaloneRequire } from './standalone.js';
export { toNodeHandler, NodeIncoming, writeNodeResponse } from './adapters/node.js';
export { toFetchHandler } from './adapters/fetch.js';
export { toExpressMiddleware, type ExpressLikeMiddleware } from './adapters/express.js';
export { toFastifyPlugin, type FastifyLikeInstance } from './adapters/fastify.js';
export { RUNTIME_VERSION, requireRuntime } from '../version.js';
export type { CovenantRuntime_0_2 } from '../version.js';
