/** The `typescript-client` target: `types.ts` (shared with the server target) and `client.ts`. */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import type { Target } from '../../target.js';
import { TYPES_FILE, generateTypes } from '../types.js';
import { emitClient, type ClientEmitOptions } from './emit.js';

export const typescriptClient: Target<OpenApiSpec, ClientEmitOptions> = {
  name: 'typescript-client',
  kind: 'openapi',
  description: 'Typed fetch client: one function per operation, every parameter style, auth, optional response validation',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: {
      validation: { type: 'boolean', description: 'embed response schemas and import ajv (@covenant/runtime/client/validate) for validateResponses (default false: the client then bundles without ajv)' },
    },
  },
  async generate(spec, options, context) {
    return [
      { path: TYPES_FILE, contents: context.header + (await generateTypes(spec)) },
      { path: 'client.ts', contents: emitClient(spec, options, context.header) },
    ];
  },
};
