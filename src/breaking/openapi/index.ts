/**
 * OpenAPI breaking-change engine of `covenant breaking`: compares two loaded specs and returns findings,
 * direction-aware like oasdiff (a change to what clients send is judged opposite to a change to what
 * they receive). See docs/breaking.md.
 */
import { sortFindings, type Finding } from '../../findings.js';
import type { OpenApiSpec } from '../../spec/openapi/load.js';
import { diffComponents } from './components.js';
import { DiffContext } from './context.js';
import type { OpenApiDiffOptions } from './options.js';
import { diffPaths } from './paths.js';
import { diffSecurity, diffSecuritySchemes } from './security.js';

export type { OpenApiDiffOptions } from './options.js';
export { OPENAPI_RULES, RULES_BY_ID, type OpenApiRule } from './rules.js';

export function diffOpenApi(base: OpenApiSpec, revision: OpenApiSpec, options: OpenApiDiffOptions = {}): Finding[] {
  const ctx = new DiffContext(base, revision, options);
  diffPaths(ctx);
  if (base.document.security !== undefined || revision.document.security !== undefined) {
    diffSecurity(ctx, base.document.security ?? [], revision.document.security ?? [], { base: ['security'], revision: ['security'] }, true);
  }
  diffSecuritySchemes(ctx);
  diffComponents(ctx);
  return sortFindings(ctx.findings);
}
