/** Registers every built-in target. Import this module once before findTarget(). */
import { registerTarget, registerTargetFamily } from './registry.js';

// Each target module exports its Target; one line each.
void registerTarget;
void registerTargetFamily;
registerTarget((await import('./ts-proto/index.js')).tsProtoTarget);
registerTargetFamily('openapi-generator', (await import('./openapi-generator/index.js')).openApiGeneratorTarget);
registerTarget((await import('./go-grpc/index.js')).goGrpcTarget);
registerTarget((await import('./typescript/client/index.js')).typescriptClient);
registerTarget((await import('./typescript/server/index.js')).typescriptServerTarget);
