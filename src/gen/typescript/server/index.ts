/**
 * `typescript-server`: typed handlers and a validating router for an OpenAPI spec. Emits `types.ts`
 * (openapi-typescript, byte-identical to the client target's) and `server.ts` (Handlers, the
 * definition the runtime compiles its validators from at startup, createServer).
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { listOperations } from '../../../spec/openapi/operations.js';
import type { GeneratedFile, Target } from '../../target.js';
import { generateTypes, TYPES_FILE } from '../types.js';
import { buildDefinition } from './definition.js';
import { printServer } from './handlers.js';

export const typescriptServerTarget: Target<OpenApiSpec, Record<string, never>> = {
  name: 'typescript-server',
  kind: 'openapi',
  description: 'Typed request handlers and a validating router (covenant/runtime) with node:http, fetch, Express and Fastify adapters',
  optionsSchema: { type: 'object', additionalProperties: false, properties: {} },
  async generate(spec, _options, context): Promise<GeneratedFile[]> {
    const operations = listOperations(spec);
    const definition = buildDefinition(spec, operations);
    return [
      { path: TYPES_FILE, contents: context.header + (await generateTypes(spec)) },
      { path: 'server.ts', contents: context.header + printServer(spec, operations, definition) },
    ];
  },
};
