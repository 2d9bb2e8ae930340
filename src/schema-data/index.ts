/**
 * Schema-driven data: JSON Schema (as OpenAPI writes it) → fast-check arbitraries of valid values
 * (`arbitraryFor`) and of values breaking exactly one constraint (`violationsFor`), plus an ajv
 * validator prepared the way the runtime's server prepares it (`validatorFor`), to check either.
 * Used by `covenant test` (requests) and `covenant mock` (responses).
 */
export { arbitraryFor } from './arbitrary.js';
export { violationsFor, type Violation } from './violations.js';
export { validatorFor, type SchemaValidator } from './validate.js';
export type { Direction, SchemaDataOptions } from './context.js';
