/**
 * `covenant gen` refuses a spec that breaks a spec rule: one line `file:line:col: ... (fix)`, exit
 * 2, and the output folder as it was (nothing written); `covenant lint --ruleset spec` reports the
 * same problems as findings, with positions for Swagger 2.0 input too.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { covenant, PETS_SPEC, removeScratch, scratch, snapshotTree, writeTree } from './support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

const head = "openapi: 3.0.3\ninfo: { title: T, version: '1' }\npaths:\n";
const ok = "      responses: { '200': { description: ok } }\n";
const param = (name: string) => `      - { in: path, name: ${name}, required: true, schema: { type: string } }\n`;

const CASES: Array<[string, string, RegExp]> = [
  ['undeclared path parameter', `  /a/{id}:\n    get:\n${ok}`, /^covenant: specs\/bad\.yaml:5:5: GET \/a\/\{id\} does not declare its path parameter \{id\} \[path-parameters-defined\] \(declare it/],
  ['response key 2000', `  /a:\n    get:\n      responses:\n        '2000': { description: x }\n`, /^covenant: specs\/bad\.yaml:7:9: GET \/a: response "2000" is not a status code \[response-status-code\]/],
  ['response key ok', `  /a:\n    get:\n      responses:\n        ok: { description: x }\n`, /^covenant: specs\/bad\.yaml:7:9: GET \/a: response "ok" is not a status code/],
  ['unknown security scheme', `  /a:\n    get:\n      security: [{ nope: [] }]\n${ok}`, /^covenant: specs\/bad\.yaml:6:20: GET \/a requires security scheme "nope", which is not declared \[security-scheme-defined\]/],
  ['adjacent parameters', `  /c/{x}{y}:\n    parameters:\n${param('x')}${param('y')}    get:\n${ok}`, /^covenant: specs\/bad\.yaml:4:3: path \/c\/\{x\}\{y\}: parameters \{x\} and \{y\} touch/],
  ['duplicate operationId', `  /a:\n    get:\n      operationId: same\n${ok}  /b:\n    get:\n      operationId: same\n${ok}`, /^covenant: specs\/bad\.yaml:10:7: operationId "same" of GET \/b is already used by GET \/a \[operation-operationId-unique\]/],
  [
    'discriminator mapping to a missing file (openapi-typescript refuses it: its own error lines are not printed)',
    `  /a:\n    post:\n      requestBody:\n        content:\n          application/json:\n            schema:\n              oneOf: [{ $ref: '#/components/schemas/A' }]\n              discriminator: { propertyName: kind, mapping: { a: models/a.yml } }\n${ok}components:\n  schemas:\n    A: { type: object, properties: { kind: { type: string } } }\n`,
    /^covenant: specs\/bad\.yaml:11:\d+: openapi-typescript could not read the spec: .*models\/a\.yml.* \(at #\/paths\/~1a\/post\/requestBody\/content\/application~1json\/schema\/discriminator\/mapping\/a\)$/m,
  ],
];

describe('covenant gen: invalid specs are refused at their position', () => {
  for (const [name, paths, line] of CASES) {
    it(`${name}: one line, exit 2, output untouched`, () => {
      const cwd = scratch('gen-invalid');
      dirs.push(cwd);
      writeTree(cwd, { 'specs/pets.yaml': PETS_SPEC });
      expect(covenant(cwd, ['gen']).code).toBe(0);
      const before = snapshotTree(join(cwd, 'generated'));
      writeTree(cwd, { 'specs/bad.yaml': head + paths });
      const result = covenant(cwd, ['gen']);
      expect(result.code).toBe(2);
      expect(result.stdout).toBe('');
      expect(result.stderr.split('\n').filter(Boolean)).toHaveLength(1);
      expect(result.stderr).toMatch(line);
      // not even the valid spec's folder is rewritten, and no folder appears for the bad one
      expect(snapshotTree(join(cwd, 'generated'))).toEqual(before);
    });
  }

  it('lint --ruleset spec reports the same, with positions in a Swagger 2.0 file', () => {
    const cwd = scratch('lint-invalid-20');
    dirs.push(cwd);
    writeTree(cwd, {
      'specs/bad.yaml': `swagger: '2.0'
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
      parameters:
        - { in: query, name: limit, type: integer, minimum: 'x' }
      responses: { '200': { description: ok } }
`,
    });
    const result = covenant(cwd, ['lint', '--ruleset', 'spec']);
    expect(result.code).toBe(1);
    const lines = result.stdout.split('\n').filter((l) => l.includes('specs/bad.yaml'));
    expect(lines.map((l) => l.trim().replace(/: error .*\((.+)\)$/, ' $1'))).toEqual([
      'specs/bad.yaml:5:5 path-parameters-defined',
      'specs/bad.yaml:8:9 response-status-code',
      'specs/bad.yaml:11:7 operation-operationId-unique',
      'specs/bad.yaml:12:20 security-scheme-defined',
      'specs/bad.yaml:14:11 struct',
    ]);
    const gen = covenant(cwd, ['gen']);
    expect(gen.code).toBe(2);
    expect(gen.stderr).toMatch(/^covenant: specs\/bad\.yaml:5:5: GET \/a\/\{id\} does not declare/);
    // a declared path parameter the path lacks is named: most often the same one, misspelt
    writeTree(cwd, { 'specs/bad.yaml': head + `  /a/{id}:\n    get:\n      parameters:\n${param('idd')}${ok}` });
    const typo = covenant(cwd, ['gen']);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain('specs/bad.yaml:5:5: GET /a/{id} does not declare its path parameter {id} (it declares {idd}, which the path does not have)');
  });
});
