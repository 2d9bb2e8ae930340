/** The `breaking:` section of covenant.yaml. */
export const breakingConfigSchema = {
  type: 'object',
  additionalProperties: false,
  description: 'Options of `covenant breaking`.',
  properties: {
    failOn: { enum: ['error', 'warning', 'info'], description: 'Exit 1 when a finding is at or above this level (default: error).' },
    ignore: { type: 'string', description: 'Ignore file (default: .covenant-ignore.yaml when present).' },
    narrow: { type: 'boolean', description: 'With --against, run buf only on the .proto files changed since the ref (default: true).' },
    pairs: {
      type: 'array',
      description: 'Specs that were renamed or moved: compare `revision` with `base` (paths relative to this file).',
      items: {
        type: 'object',
        additionalProperties: false,
        required: ['base', 'revision'],
        properties: {
          base: { type: 'string', description: 'Path of the spec (file or proto folder) at the base.' },
          revision: { type: 'string', description: 'Path of the same spec now.' },
        },
      },
    },
    openapi: {
      type: 'object',
      additionalProperties: false,
      properties: {
        deprecationDaysStable: { type: 'integer', minimum: 0, description: 'Days between deprecation (x-sunset) and removal of a stable operation.' },
        deprecationDaysBeta: { type: 'integer', minimum: 0, description: 'Same for beta operations.' },
      },
    },
  },
} as const;

export interface BreakingConfig {
  failOn?: 'error' | 'warning' | 'info';
  ignore?: string;
  narrow?: boolean;
  pairs?: Array<{ base: string; revision: string }>;
  openapi?: { deprecationDaysStable?: number; deprecationDaysBeta?: number };
}
