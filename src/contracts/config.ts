/** The `contracts:` section of covenant.yaml. */
export const contractsConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pacts: { type: 'string', description: 'Folder of pact files (default: pacts).' },
    providers: {
      type: 'object',
      description: 'Pact provider name → spec name, for providers whose pact name differs from the spec name (default: the spec `provider:`, else the spec name).',
      additionalProperties: { type: 'string' },
    },
  },
} as const;

export interface ContractsConfig {
  pacts?: string;
  providers?: Record<string, string>;
}

export const DEFAULT_PACTS_DIR = 'pacts';
