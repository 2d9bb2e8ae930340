/**
 * covenant as a library: every CLI command is one call here, so tests and tools can use the same
 * work without the command line. Generated code imports `@covenant/runtime` (packages/runtime); Pact consumer tests
 * import `covenant/pact`.
 */
export { UserError, type SourcePosition } from './errors.js';
export { type Finding, type FindingLocation, type Level, failing, sortFindings, countByLevel } from './findings.js';
export { loadConfig, type CovenantConfig, type LoadedConfig } from './config/load.js';
export { discoverSpecs, type SpecEntry } from './spec/discover.js';
export { loadSpec, type Spec } from './spec/load.js';
export { loadOpenApi, type OpenApiSpec, type OpenApiDocument } from './spec/openapi/load.js';
export { listOperations, type Operation, type Parameter } from './spec/openapi/operations.js';
export { loadProtoModule } from './spec/proto/load.js';
export type { ProtoModule } from './spec/proto/module.js';
export { runGen, generateAll, type GenOptions, type GenOutcome } from './gen/run.js';
export type { Target, GeneratedFile, GenContext } from './gen/target.js';
export { registerTarget, registerTargetFamily, findTarget } from './gen/registry.js';
export { runLint } from './lint/run.js';
export { runBreaking, type BreakingOptions, type BreakingResult } from './breaking/run.js';
export { diffOpenApi, OPENAPI_RULES, type OpenApiDiffOptions } from './breaking/openapi/index.js';
export { runContracts, type ContractsOptions, type ContractsResult } from './contracts/check.js';
export { annotateConsumers } from './contracts/consumers.js';
export { runVerify, type VerifyOptions, type VerifyResult } from './contracts/verify/run.js';
export { formatFindings, REPORT_FORMATS, type ReportFormat } from './report/index.js';
export { runTest, type TestOptions, type TestResult } from './conformance/run.js';
export { runMock, type RunMockOptions } from './mock/run.js';
export type { RunningMock } from './mock/server.js';
export { arbitraryFor, violationsFor, validatorFor, type Violation, type SchemaValidator, type SchemaDataOptions } from './schema-data/index.js';
