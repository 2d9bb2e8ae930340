/** The `breaking:` section of covenant.yaml. */
export const breakingConfigSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    failOn: { enum: ['error', 'warning', 'info'] },
  },
} as const;
