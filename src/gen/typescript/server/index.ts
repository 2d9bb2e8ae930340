/**
 * `typescript-server`: typed handlers and a validating router for an OpenAPI spec. Emits `types.ts`
 * (openapi-typescript, byte-identical to the client target's) and `server.ts` (Handlers, the
 * definition the runtime compiles its validators from, createServer), and with `validators:
 * standalone` also `validators.ts`.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { listOperations } from '../../../spec/openapi/operations.js';
import type { GeneratedFile, Target } from '../../target.js';
import { generateTypes, TYPES_FILE } from '../types.js';
import { validatorPlan } from '@covenant/runtime/toolchain';
import { Validators } from '@covenant/runtime/toolchain';
import { buildDefinition } from './definition.js';
import { discriminatorWarnings } from './discriminators.js';
import { printServer } from './handlers.js';

export interface TypescriptServerOptions {
  /** `runtime` (default): ajv compiles each validator in the running server (on first use); `standalone`: ajv standalone code in validators.ts, generated now. */
  validators?: 'standalone' | 'runtime';
}

export const typescriptServerTarget: Target<OpenApiSpec, TypescriptServerOptions> = {
  name: 'typescript-server',
  kind: 'openapi',
  description: 'Typed request handlers and a validating router (@covenant/runtime/server) with node:http, fetch, Express and Fastify adapters',
  optionsSchema: {
    type: 'object',
    additionalProperties: false,
    properties: { validators: { enum: ['runtime', 'standalone'], description: 'runtime (default): validators compiled by the running server, each on first use; standalone: ajv standalone code generated now into validators.ts (no compilation in the server, much slower generation and larger output on big specs)' } },
  },
  async generate(spec, options, context): Promise<GeneratedFile[]> {
    for (const warning of discriminatorWarnings(spec)) context.warn?.(warning);
    const operations = listOperations(spec);
    const definition = buildDefinition(spec, operations);
    const standalone = options.validators === 'standalone';
    const files: GeneratedFile[] = [
      { path: TYPES_FILE, contents: context.header + (await generateTypes(spec)) },
      { path: 'server.ts', contents: context.header + printServer(spec, operations, definition, standalone) },
    ];
    if (standalone) {
      const code = new Validators(definition, true).standalone(
        validatorPlan(definition),
        "// @ts-nocheck: ajv standalone code (printed by ajv's code generator), compiled with the rest of the service\nimport { standaloneRequire } from '@covenant/runtime/server';\n",
      );
      files.push({ path: 'validators.ts', contents: context.header + code });
    }
    return files;
  },
};
