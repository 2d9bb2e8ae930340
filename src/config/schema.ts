/**
 * The JSON Schema of covenant.yaml. `npm run build` writes it to schemas/covenant.schema.json so
 * editors can complete the config (`# yaml-language-server: $schema=./node_modules/covenant/schemas/covenant.schema.json`).
 * Each concern owns its section's schema; this file assembles them.
 */
import { breakingConfigSchema } from '../breaking/config.js';
import { contractsConfigSchema } from '../contracts/config.js';

const targetSchema = {
  oneOf: [
    { type: 'string', description: 'Target name, e.g. typescript-client, typescript-server, ts-proto, openapi-generator:go-server.' },
    {
      type: 'object',
      additionalProperties: false,
      required: ['name'],
      properties: {
        name: { type: 'string' },
        options: { type: 'object', description: 'Options of this target: docs/client.md (typescript-client), docs/server.md (typescript-server), docs/proto.md (ts-proto), docs/go.md (go-grpc, openapi-generator:<name>), shipped in the covenant package.' },
        output: { type: 'string', description: 'Output folder for this target (default: the spec output folder).' },
      },
    },
  ],
};

export const configSchema = {
  $schema: 'http://json-schema.org/draft-07/schema#',
  $id: 'https://covenant.dev/schemas/covenant.schema.json',
  title: 'covenant configuration',
  type: 'object',
  additionalProperties: false,
  properties: {
    $schema: { type: 'string' },
    output: { type: 'string', description: 'Root folder for generated code (default: generated).' },
    specs: {
      type: 'array',
      description: 'The specs of this repository. Default: every OpenAPI file and proto module under specs/.',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['path'],
        properties: {
          path: { type: 'string', description: 'OpenAPI file, or folder of .proto files / buf module.' },
          name: { type: 'string', pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$' },
          kind: { enum: ['openapi', 'proto'] },
          output: { type: 'string', description: 'Output folder (default: <output>/<name>).' },
          targets: { type: 'array', items: targetSchema },
          provider: { type: 'string', description: 'Pact provider name served by this spec (default: the spec name).' },
        },
      },
    },
    breaking: breakingConfigSchema,
    contracts: contractsConfigSchema,
  },
} as const;
