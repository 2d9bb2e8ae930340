/** OpenAPI breaking-change engine: compare two loaded specs, direction-aware (see docs/readme/breaking-openapi.md). */
import type { Finding, Level } from '../../findings.js';
import type { OpenApiSpec } from '../../spec/openapi/load.js';

export interface OpenApiDiffOptions {
  /** Minimum days between deprecation (x-sunset) and removal for stable operations/properties. */
  deprecationDaysStable?: number;
  /** Same for beta. */
  deprecationDaysBeta?: number;
  /** "Today" for sunset checks (ISO date); defaults to the current date. */
  today?: string;
}

export interface OpenApiRule {
  id: string;
  level: Level;
  direction: 'request' | 'response' | 'none';
  area: string;
  description: string;
}

export const OPENAPI_RULES: ReadonlyArray<OpenApiRule> = [];

export function diffOpenApi(_base: OpenApiSpec, _revision: OpenApiSpec, _options: OpenApiDiffOptions = {}): Finding[] {
  return [];
}
