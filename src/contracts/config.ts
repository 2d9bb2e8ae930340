/** The `contracts:` section of covenant.yaml. */
export const contractsConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    pacts: { type: 'string', description: 'Folder of pact files (default: pacts).' },
  },
} as const;
