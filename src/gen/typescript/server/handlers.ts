/**
 * `server.ts` of the typescript-server target: the shared generic types (surface.ts), the `Handlers`
 * interface keyed by operationId (one generic member per operation), `InputOf`/`ParamsOf`/`ReplyOf`,
 * the definition the runtime works from, `createServer` and `createPartialServer`.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import type { Operation } from '../../../spec/openapi/operations.js';
import { stringLiteral } from '../../naming.js';
import type { ServiceDefinition } from '@covenant/runtime/toolchain';
import { RUNTIME_MARKER, runtimeGuard } from '../runtime-line.js';
import { GENERIC_TYPES, PUBLIC_NAMES, handlerMember } from './surface.js';

export function printServer(spec: OpenApiSpec, operations: Operation[], definition: ServiceDefinition, standalone: boolean): string {
  const members = operations.map((op) => handlerMember(spec, op));
  const runtimeDefinition = standalone ? '{ ...definition, validators: { keys, functions } }' : 'definition';
  return [
    `import { createServer as createRuntimeServer, requireRuntime, type CovenantServer, type ${RUNTIME_MARKER}, type RequestInfo, type ServerOptions, type ServiceDefinition } from '@covenant/runtime/server';\n`,
    `import type { paths, Readable, Writable } from './types.js';\n`,
    standalone ? `import { functions, keys } from './validators.js';\n` : '',
    `\n${runtimeGuard()}\n`,
    `/** A multipart field documented as \`format: binary\` arrives as a web File. */\n`,
    `export type FileBody = File;\n\n`,
    GENERIC_TYPES,
    `\n/** One handler per operation, keyed by operationId. \`Auth\` is what your \`authenticate\` hook returns. */\n`,
    `export interface Handlers<Auth = unknown> {\n${members.join('')}}\n\n`,
    PUBLIC_NAMES,
    `\n`,
    `/** What the runtime needs to route, parse, validate and authorize requests (generated from the spec). */\n`,
    // JSON text parsed at load: V8 parses JSON faster than an object literal, and tsc does not check
    // megabytes of schema data against ServiceDefinition (a literal dominated tsc on large specs)
    `export const definition: ServiceDefinition = JSON.parse(${stringLiteral(JSON.stringify(definition))});\n\n`,
    `/** The server: \`server.handle(request)\` (fetch), or \`toNodeHandler(server)\`, \`toExpressMiddleware(server)\`, \`toFastifyPlugin(server)\` from @covenant/runtime/server. */\n`,
    `export function createServer<Auth = unknown, ErrorBody = unknown>(handlers: Handlers<Auth>, options: ServerOptions<Auth, ErrorBody> = {}): CovenantServer {\n`,
    `  return createRuntimeServer(${runtimeDefinition}, handlers, options);\n}\n\n`,
    `/** A server while some handlers are still missing: their operations answer 501 (problem+json, or your formatError). */\n`,
    `export function createPartialServer<Auth = unknown, ErrorBody = unknown>(handlers: Partial<Handlers<Auth>>, options: ServerOptions<Auth, ErrorBody> = {}): CovenantServer {\n`,
    `  return createRuntimeServer(${runtimeDefinition}, handlers, { ...options, partial: true });\n}\n`,
  ].join('');
}

