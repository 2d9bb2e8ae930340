/**
 * `covenant lint` for OpenAPI through the built CLI: a valid spec has no errors, a structural error
 * is reported at the file:line:col of the offending node (also inside a referenced file), JSON
 * output parses and agrees with itself, `--ruleset spec` keeps validity only, and exit codes follow
 * `--fail-on`.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { covenant, PETS_SPEC, removeScratch, scratch, writeTree } from './support.js';

/** Clean under Redocly's `recommended` rules (no findings at all). */
const CLEAN = `openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
  description: Pets in a shop.
  license: { name: MIT, identifier: MIT }
servers:
  - url: https://pets.acme-demo.dev
security: []
paths:
  /pets/{petId}:
    get:
      operationId: getPet
      summary: One pet
      description: Returns one pet.
      parameters:
        - name: petId
          in: path
          required: true
          description: The pet id.
          schema: { type: string }
      responses:
        '200':
          description: one pet
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
        '404':
          description: not found
components:
  schemas:
    Pet:
      type: object
      required: [id]
      properties:
        id: { type: string }
`;

const INVALID = `openapi: 3.1.0
info:
  title: Bad
  version: '1'
paths:
  /a:
    get:
      operationId: getA
      parameters:
        - name: q
          in: querystring
          schema: { type: string }
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                type: object
                properties:
                  n: { type: integr }
`;

const SPLIT_API = `openapi: 3.0.3
info: { title: Split, version: '1' }
paths:
  /things:
    get:
      operationId: listThings
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema:
                $ref: 'common.yaml#/components/schemas/Thing'
`;

const SPLIT_COMMON = `components:
  schemas:
    Thing:
      type: object
      properties:
        count:
          type: integr
`;

interface JsonReport {
  tool: string;
  command: string;
  summary: { error: number; warning: number; info: number };
  findings: Array<{ rule: string; level: string; message: string; spec?: string; location?: { file: string; line?: number; column?: number; pointer?: string } }>;
}

describe('covenant lint (OpenAPI)', () => {
  let cwd: string;
  beforeAll(() => {
    cwd = scratch('lint');
    writeTree(cwd, {
      'specs/clean.yaml': CLEAN,
      'warn/pets.yaml': PETS_SPEC,
      'bad/invalid.yaml': INVALID,
      'split/api.yaml': SPLIT_API,
      'split/common.yaml': SPLIT_COMMON,
    });
  });
  afterAll(() => removeScratch(cwd));

  it('a valid spec: no findings, exit 0', () => {
    const text = covenant(cwd, ['lint']);
    expect(text.stderr).toBe('');
    expect([text.code, text.stdout]).toEqual([0, 'no findings (lint)\n']);
    const strict = covenant(cwd, ['lint', '--ruleset', 'spec']);
    expect([strict.code, strict.stdout]).toEqual([0, 'no findings (lint)\n']);
  });

  it('a structural error: exit 1, file:line:col of the offending node', () => {
    const run = covenant(cwd, ['lint', 'bad/invalid.yaml', '--ruleset', 'spec']);
    expect(run.code).toBe(1);
    const lines = run.stdout.split('\n').map((l) => l.trim());
    expect(lines).toContain('invalid');
    expect(lines.some((l) => /^bad\/invalid\.yaml:11:11: error `in` can be one of the following only: .*\(struct\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^bad\/invalid\.yaml:21:24: error `type` can be one of the following only: .*Did you mean: integer\? \(struct\)$/.test(l))).toBe(true);
    expect(run.stdout).toMatch(/\n2 errors, 0 warnings, 0 info: 2 failing \(--fail-on error\), 0 accepted\n$/);
  });

  it('an error inside a referenced file is reported in that file', () => {
    const run = covenant(cwd, ['lint', 'split/api.yaml', '--ruleset', 'spec', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings).toHaveLength(1);
    expect(report.findings[0]).toMatchObject({
      rule: 'struct',
      level: 'error',
      spec: 'api',
      location: { file: 'split/common.yaml', line: 7, column: 11, pointer: '/components/schemas/Thing/properties/count/type' },
    });
  });

  it('--format json parses, counts agree with the findings, and every location has a position', () => {
    const run = covenant(cwd, ['lint', 'bad/invalid.yaml', 'warn/pets.yaml', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report).toMatchObject({ tool: 'covenant', command: 'lint' });
    const count = (level: string) => report.findings.filter((f) => f.level === level).length;
    expect(report.summary).toEqual({ error: count('error'), warning: count('warning'), info: count('info'), failing: count('error'), accepted: 0 });
    expect(report.findings.some((f) => f.rule === 'struct' && f.location?.file === 'bad/invalid.yaml' && f.location.line === 11)).toBe(true);
    for (const f of report.findings) {
      expect(f.location?.file).toMatch(/^(bad\/invalid|warn\/pets)\.yaml$/);
      expect(f.location?.line).toBeGreaterThan(0);
      expect(f.location?.column).toBeGreaterThan(0);
      expect(typeof f.location?.pointer).toBe('string');
    }
    // `spec` keeps only the validity errors of the same run
    const strict = JSON.parse(covenant(cwd, ['lint', 'bad/invalid.yaml', '--ruleset', 'spec', '--format', 'json']).stdout) as JsonReport;
    expect(strict.findings.map((f) => f.rule)).toEqual(['struct', 'struct']);
    expect(report.findings.length).toBeGreaterThan(strict.findings.length);
  });

  it('properties named like Object.prototype methods do not crash the rules (Redocly type lookup)', () => {
    const names = ['hasOwnProperty', 'valueOf', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'constructor', '__proto__'];
    const properties = names.map((n) => `        ${JSON.stringify(n)}: { type: string }`).join('\n');
    writeTree(cwd, { 'proto/names.yaml': CLEAN.replace('        id: { type: string }', `        id: { type: string }\n${properties}`) });
    const run = covenant(cwd, ['lint', 'proto/names.yaml', '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect((JSON.parse(run.stdout) as JsonReport).summary.error).toBe(0);
  });

  it('--output writes the report to a file and nothing to stdout', () => {
    const run = covenant(cwd, ['lint', 'bad/invalid.yaml', '--format', 'json', '--output', 'reports/lint.json']);
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    const report = JSON.parse(readFileSync(join(cwd, 'reports/lint.json'), 'utf8')) as JsonReport;
    expect(report.summary.error).toBeGreaterThan(0);
  });

  it('--fail-on: warnings fail the run only when asked', () => {
    writeTree(cwd, { 'warn/clean-but-no-license.yaml': CLEAN.replace(/  license: .*\n/, '') });
    const run = covenant(cwd, ['lint', 'warn/clean-but-no-license.yaml', '--format', 'json']);
    const report = JSON.parse(run.stdout) as JsonReport;
    expect(report.findings.map((f) => `${f.level} ${f.rule} ${f.location?.line}:${f.location?.column}`)).toEqual(['warning info-license 2:1']);
    expect(run.code).toBe(0);
    expect(covenant(cwd, ['lint', 'warn/clean-but-no-license.yaml', '--fail-on', 'warning']).code).toBe(1);
  });
});
