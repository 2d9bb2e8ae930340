/**
 * `covenant lint` for OpenAPI: Redocly's rules run on the document covenant already loaded
 * (no second parse), and each problem is mapped back to file:line:col through the spec's source map.
 */
import { BaseResolver, Source, createConfig, lintDocument, type Document } from '@redocly/openapi-core';
import type { Finding, Level } from '../findings.js';
import type { OpenApiSpec } from '../spec/openapi/load.js';
import '../spec/openapi/redocly-types.js';
import { checkSpecRules, SPEC_RULES } from '../spec/openapi/validity.js';
import { pointerToSegments, segmentsToPointer } from '../spec/source.js';

export type OpenApiRuleset = 'minimal' | 'recommended' | 'recommended-strict' | 'spec';

const configs = new Map<string, Promise<Awaited<ReturnType<typeof createConfig>>>>();

function configFor(ruleset: OpenApiRuleset) {
  let pending = configs.get(ruleset);
  if (!pending) {
    const raw = ruleset === 'spec' ? { extends: ['minimal'], rules: {} } : { extends: [ruleset] };
    pending = createConfig(raw as never);
    configs.set(ruleset, pending);
  }
  return pending;
}

/**
 * Lint one loaded spec. With ruleset `spec`, only structural validity is checked (the errors that
 * make a document not OpenAPI); `recommended` adds Redocly's style rules as warnings.
 */
export async function lintOpenApi(spec: OpenApiSpec, ruleset: OpenApiRuleset = 'recommended'): Promise<Finding[]> {
  const config = await configFor(ruleset);
  const document: Document = { source: new Source(spec.file, ''), parsed: spec.document };
  const problems = await lintDocument({ document, config: config.styleguide, externalRefResolver: new BaseResolver() });
  // our spec rules first (the ones gen refuses); a Redocly problem saying the same at the same place is dropped
  const findings: Finding[] = checkSpecRules(spec).map(({ details: _fix, ...finding }) => finding);
  // the operation a pointer is in (`/paths/~1a/get`), else the pointer itself
  const scope = (pointer: string) => (pointer.startsWith('/paths/') ? segmentsToPointer(pointerToSegments(pointer).slice(0, 3)) : pointer);
  const replaced = (rule: string, pointer: string) =>
    SPEC_RULES.some(
      (r) =>
        r.replaces.includes(rule) &&
        findings.some((f) => f.rule === r.id && (f.location?.pointer === pointer || (rule !== 'struct' && scope(f.location?.pointer ?? '') === scope(pointer)))),
    );
  for (const problem of problems) {
    if (problem.ignored) continue;
    if (ruleset === 'spec' && problem.severity !== 'error') continue;
    const where = problem.location[0];
    const raw = where && 'pointer' in where && typeof where.pointer === 'string' ? where.pointer.replace(/^#/, '') : '';
    // Redocly percent-encodes pointers (`{id}` → `%7Bid%7D`): compare in one spelling
    const pointer = segmentsToPointer(pointerToSegments(raw));
    if (replaced(problem.ruleId, pointer)) continue;
    const level: Level = problem.severity === 'error' ? 'error' : problem.severity === 'warn' ? 'warning' : 'info';
    findings.push({
      rule: problem.ruleId,
      level,
      message: problem.message + (problem.suggest.length ? ` Did you mean: ${problem.suggest.slice(0, 3).join(', ')}?` : ''),
      location: spec.locate(pointer),
      spec: spec.name,
    });
  }
  return findings;
}
