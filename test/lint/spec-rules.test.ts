/**
 * `covenant lint` (library call) reports the spec rules gen refuses, once each: a Redocly problem
 * saying the same thing at the same place is dropped, Redocly's other findings stay.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { lintOpenApi } from '../../src/lint/openapi.js';
import { removeScratch, scratch, writeTree } from '../cli/support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

const SPEC = `openapi: 3.0.3
info: { title: T, version: '1' }
paths:
  /a/{id}:
    get:
      operationId: same
      responses:
        '2000': { description: x }
  /b:
    get:
      operationId: same
      security: [{ nope: [] }]
      responses: { '200': { description: ok } }
`;

describe('lint: spec rules next to Redocly', () => {
  for (const ruleset of ['spec', 'recommended'] as const) {
    it(`${ruleset}: each problem once, under covenant's rule id, at its position`, async () => {
      const cwd = scratch('lint-spec-rules');
      dirs.push(cwd);
      writeTree(cwd, { 'api.yaml': SPEC });
      const findings = await lintOpenApi(await loadOpenApi('api.yaml', { cwd }), ruleset);
      const at = (f: (typeof findings)[number]) => `${f.rule}@${f.location?.line}:${f.location?.column}`;
      const ours = ['path-parameters-defined@5:5', 'response-status-code@8:9', 'operation-operationId-unique@11:7', 'security-scheme-defined@12:20'];
      for (const id of ours) expect(findings.filter((f) => at(f) === id), id).toHaveLength(1);
      // Redocly's own words for the same problems are gone
      expect(findings.filter((f) => f.rule === 'struct' && f.location?.line === 8)).toEqual([]);
      expect(findings.filter((f) => f.rule === 'operation-operationId-unique' && f.location?.line !== 11)).toEqual([]);
      expect(findings.filter((f) => f.rule === 'security-defined' && f.location?.line === 12)).toEqual([]);
      expect(findings.filter((f) => f.message.includes('does not define the path parameter'))).toEqual([]);
      if (ruleset === 'recommended') {
        // a different problem Redocly finds on the same operation stays (no security at all on GET /a)
        expect(findings.some((f) => f.rule === 'security-defined' && f.location?.line === 5)).toBe(true);
        expect(findings.some((f) => f.rule === 'operation-summary')).toBe(true);
      }
    });
  }
});
