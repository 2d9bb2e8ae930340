/**
 * `@covenant/runtime/toolchain`: the pieces the covenant generator shares with the server runtime, so
 * that what `covenant gen` decides at build time (which validators, which body kinds, which schema
 * copies) is computed by the same code the server runs. Not for application code.
 */
export { validatorPlan, type ValidatorNeed } from './server/plan.js';
export { Validators, type SchemaKind } from './server/validation.js';
export { bodyKind } from './server/body.js';
export { collectRefs, mapSchema } from './server/schema.js';
export { judgeDiscriminator, type DiscriminatorVerdict } from './server/discriminator.js';
export type { OperationDefinition, ServiceDefinition } from './server/definition.js';
export { RUNTIME_VERSION, runtimeLine } from './version.js';
