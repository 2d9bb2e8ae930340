/**
 * One fixture folder per rule (fixtures/<case>/{base,revision}.yaml) and one table: the EXACT set of
 * findings (rule, level, file and line) each pair produces. Cases named `refactor-*` change how the spec is
 * written but not what it accepts or returns: they must produce nothing.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { diffOpenApi, type OpenApiDiffOptions } from '../../../src/breaking/openapi/index.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const TODAY = '2026-11-25';

async function diffCase(name: string, options: OpenApiDiffOptions = {}) {
  const base = await loadOpenApi(join(FIXTURES, name, 'base.yaml'), { name, cwd: FIXTURES });
  const revision = await loadOpenApi(join(FIXTURES, name, 'revision.yaml'), { name, cwd: FIXTURES });
  return diffOpenApi(base, revision, { today: TODAY, ...options });
}

/** `rule level side:line`, side = the file the location points into. */
function summary(findings: Awaited<ReturnType<typeof diffCase>>): string[] {
  return findings.map((f) => `${f.rule} ${f.level} ${f.location!.file.split('/').pop()!.replace('.yaml', '')}:${f.location!.line}`).sort();
}

const CASES: Array<{ name: string; options?: OpenApiDiffOptions; expected: string[] }> = [
  { name: 'api-deprecated-sunset-missing', options: { deprecationDaysStable: 90 }, expected: ['api-deprecated-sunset-missing error revision:7'] },
  { name: 'api-invalid-stability-level', expected: ['api-invalid-stability-level error revision:7'] },
  { name: 'api-operation-id-removed', expected: ['api-operation-id-removed info base:8'] },
  { name: 'api-path-removed-without-deprecation', expected: ['api-path-removed-without-deprecation error base:13'] },
  { name: 'api-removed-before-sunset', expected: ['api-removed-before-sunset error base:11'] },
  { name: 'api-removed-with-deprecation', expected: ['api-removed-with-deprecation info base:11'] },
  { name: 'api-removed-without-deprecation', expected: ['api-removed-without-deprecation error base:11'] },
  { name: 'api-schema-removed', expected: ['api-schema-removed info base:20'] },
  { name: 'api-security-component-oauth-scope-removed', expected: ['api-security-component-oauth-scope-removed info base:27'] },
  { name: 'api-security-removed', expected: ['api-security-removed info base:10'] },
  { name: 'api-security-scope-added', expected: ['api-security-scope-added info revision:10'] },
  { name: 'api-stability-decreased', expected: ['api-stability-decreased error revision:7'] },
  { name: 'api-sunset-date-too-small', options: { deprecationDaysStable: 90 }, expected: ['api-sunset-date-too-small error revision:7'] },
  { name: 'draft-endpoint-removed', expected: [] },
  { name: 'endpoint-added', expected: ['endpoint-added info revision:13'] },
  { name: 'endpoint-deprecated', expected: ['endpoint-deprecated info revision:7'] },
  { name: 'new-optional-request-parameter', expected: ['new-optional-request-parameter info revision:15'] },
  { name: 'new-required-request-parameter', expected: ['new-required-request-parameter error revision:15'] },
  { name: 'new-required-request-property', expected: ['new-required-request-property error revision:19'] },
  { name: 'request-body-added-required', expected: ['request-body-added-required error revision:9'] },
  { name: 'request-body-became-required', expected: ['request-body-became-required error revision:10'] },
  { name: 'request-body-media-type-removed', expected: ['request-body-media-type-removed error base:15'] },
  { name: 'request-body-type-changed', expected: ['request-body-type-changed error revision:13'] },
  { name: 'request-header-parameter-removed', expected: ['request-parameter-removed warning base:15'] },
  { name: 'request-parameter-became-enum', expected: ['request-parameter-became-enum error revision:20'] },
  { name: 'request-parameter-became-not-nullable', expected: ['request-parameter-became-not-nullable error revision:18'] },
  { name: 'request-parameter-became-required', expected: ['request-parameter-became-required error revision:17'] },
  { name: 'request-parameter-default-value-changed', expected: ['request-parameter-default-value-changed error revision:18'] },
  { name: 'request-parameter-enum-value-removed', expected: ['request-parameter-enum-value-removed error base:20'] },
  { name: 'request-parameter-max-length-decreased', expected: ['request-parameter-max-length-decreased error revision:18'] },
  { name: 'request-parameter-pattern-added', expected: ['request-parameter-pattern-added error revision:18'] },
  { name: 'request-parameter-removed', expected: ['request-parameter-removed warning base:15'] },
  { name: 'request-parameter-style-changed', expected: ['request-parameter-style-changed error revision:15'] },
  { name: 'request-parameter-type-changed', expected: ['request-parameter-type-changed error revision:18'] },
  { name: 'request-property-additional-properties-disallowed', expected: ['request-property-additional-properties-disallowed warning revision:13'] },
  { name: 'request-property-became-not-nullable', expected: ['request-property-became-not-nullable error revision:16'] },
  { name: 'request-property-became-required', expected: ['request-property-became-required error revision:17'] },
  { name: 'request-property-deprecated-sunset-missing', options: { deprecationDaysStable: 90 }, expected: ['request-property-deprecated-sunset-missing error revision:16'] },
  { name: 'request-property-enum-value-removed', expected: ['request-property-enum-value-removed error base:18'] },
  { name: 'request-property-list-of-types-narrowed', expected: ['request-property-list-of-types-narrowed error revision:16'] },
  { name: 'request-property-max-decreased', expected: ['request-property-max-decreased error revision:16'] },
  { name: 'request-property-min-set', expected: ['request-property-min-set warning revision:16'] },
  { name: 'request-property-one-of-removed', expected: ['request-property-one-of-removed error base:28'] },
  { name: 'request-property-pattern-changed', expected: ['request-property-pattern-changed warning revision:16'] },
  { name: 'request-property-removed', expected: ['request-property-removed warning base:18'] },
  { name: 'request-property-type-changed', expected: ['request-property-type-changed error revision:16'] },
  { name: 'request-property-type-generalized', expected: ['request-property-type-generalized info revision:16'] },
  { name: 'required-response-header-removed', expected: ['required-response-header-removed error base:19'] },
  { name: 'response-body-one-of-added', expected: ['response-body-one-of-added error revision:26'] },
  { name: 'response-header-became-optional', expected: ['response-header-became-optional error revision:19'] },
  { name: 'response-media-type-removed', expected: ['response-media-type-removed error base:22'] },
  { name: 'response-nested-property-removed', expected: ['response-required-property-removed error base:28'] },
  { name: 'response-optional-property-removed', expected: ['response-optional-property-removed warning base:25'] },
  { name: 'response-property-became-nullable', expected: ['response-property-became-nullable error revision:23'] },
  { name: 'response-property-became-optional', expected: ['response-property-became-optional error revision:23'] },
  { name: 'response-property-discriminator-mapping-deleted', expected: ['response-property-discriminator-mapping-deleted info base:25'] },
  { name: 'response-property-enum-value-added', expected: ['response-property-enum-value-added warning revision:25'] },
  { name: 'response-property-items-type-changed', expected: ['response-property-type-changed error revision:25'] },
  { name: 'response-property-list-of-types-widened', expected: ['response-property-list-of-types-widened error revision:23'] },
  { name: 'response-property-max-length-increased', expected: ['response-property-max-length-increased error revision:23'] },
  { name: 'response-property-stability-decreased', expected: ['response-property-stability-decreased error revision:23'] },
  { name: 'response-property-type-generalized', expected: ['response-property-type-generalized error revision:23'] },
  { name: 'response-property-type-specialized', expected: ['response-property-type-specialized info revision:23'] },
  { name: 'response-required-property-removed', expected: ['response-required-property-removed error base:26'] },
  { name: 'response-success-status-removed', expected: ['response-success-status-removed error base:16'] },
  { name: 'webhook-removed', expected: ['webhook-removed error base:19'] },
];

describe('OpenAPI breaking rules: one fixture pair per rule', () => {
  it('covers every fixture folder with a table row', () => {
    const folders = readdirSync(FIXTURES).filter((name) => !name.startsWith('refactor-')).sort();
    expect(CASES.map((c) => c.name).sort()).toEqual(folders);
  });

  for (const c of CASES) {
    it(c.name, async () => {
      const findings = await diffCase(c.name, c.options);
      expect(summary(findings)).toEqual([...c.expected].sort());
      for (const f of findings) {
        expect(f.spec).toBe(c.name);
        expect(f.message.length).toBeGreaterThan(10);
        if (f.rule !== 'api-schema-removed' && !f.rule.startsWith('webhook-') && !f.rule.startsWith('api-security-component')) {
          expect(f.operation).toMatch(/^(GET|POST|PUT|PATCH|DELETE) \//);
        }
      }
    });
  }
});

describe('OpenAPI refactors that accept the same values produce no findings', () => {
  const refactors = readdirSync(FIXTURES).filter((name) => name.startsWith('refactor-')).sort();
  it('has refactor cases', () => expect(refactors.length).toBeGreaterThanOrEqual(10));
  for (const name of refactors) {
    it(name, async () => {
      expect(summary(await diffCase(name))).toEqual([]);
      // and the other way round
      const base = await loadOpenApi(join(FIXTURES, name, 'revision.yaml'), { name, cwd: FIXTURES });
      const revision = await loadOpenApi(join(FIXTURES, name, 'base.yaml'), { name, cwd: FIXTURES });
      expect(summary(diffOpenApi(base, revision, { today: TODAY }))).toEqual([]);
    });
  }
});
