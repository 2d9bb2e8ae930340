/**
 * The spec rules gen refuses and lint reports (src/spec/openapi/validity.ts): one table of invalid
 * specs, each with the exact findings (rule, line:col), in 3.0 and in Swagger 2.0 (positions in the
 * 2.0 file as written); path templates agree with the runtime router on what can be split.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { checkSpecRules, parsePathTemplate, SPEC_RULES } from '../../src/spec/openapi/validity.js';
import { Router } from '../../packages/runtime/src/server/router.js';
import { removeScratch, scratch, writeTree } from '../cli/support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

const head = `openapi: 3.0.3
info: { title: T, version: '1' }
components:
  securitySchemes:
    key: { type: apiKey, in: header, name: X-Key }
paths:
`;
const ok = "      responses: { '200': { description: ok } }\n";

/** Each case: the `paths:` body (from line 7) and the findings expected, as `rule@line:col`. */
const CASES: Array<{ name: string; paths: string; expected: string[] }> = [
  {
    name: 'a path parameter no operation declares',
    paths: `  /a/{id}:\n    get:\n${ok}`,
    expected: ['path-parameters-defined@8:5'],
  },
  {
    name: 'a path parameter declared on the path item is enough',
    paths: `  /a/{id}:\n    parameters: [{ in: path, name: id, required: true, schema: { type: string } }]\n    get:\n${ok}`,
    expected: [],
  },
  {
    name: 'response keys that are not status codes',
    paths: `  /a:\n    get:\n      responses:\n        '2000': { description: x }\n        ok: { description: x }\n        '4XX': { description: x }\n        default: { description: x }\n        '600': { description: x }\n`,
    expected: ['response-status-code@10:9', 'response-status-code@11:9', 'response-status-code@14:9'],
  },
  {
    name: 'a security requirement naming an unknown scheme',
    paths: `  /a:\n    get:\n      security: [{ key: [] }, { nope: [] }]\n${ok}`,
    expected: ['security-scheme-defined@9:33'],
  },
  {
    name: 'adjacent path parameters',
    paths: `  /c/{x}{y}:\n    parameters:\n      - { in: path, name: x, required: true, schema: { type: string } }\n      - { in: path, name: y, required: true, schema: { type: string } }\n    get:\n${ok}`,
    expected: ['path-template-valid@7:3'],
  },
  {
    name: 'a query string written into the path (its parameters are not path parameters)',
    paths: `  /rides?page={page}:\n    get:\n${ok}`,
    expected: ['path-template-valid@7:3'],
  },
  {
    name: 'parameters split by literal text are fine',
    paths: `  /c/{x}.{y}:\n    parameters:\n      - { in: path, name: x, required: true, schema: { type: string } }\n      - { in: path, name: y, required: true, schema: { type: string } }\n    get:\n${ok}`,
    expected: [],
  },
  {
    name: 'a duplicate operationId',
    paths: `  /a:\n    get:\n      operationId: same\n${ok}  /b:\n    get:\n      operationId: same\n${ok}`,
    expected: ['operation-operationId-unique@13:7'],
  },
  {
    name: 'two paths that differ only in parameter names',
    paths: `  /u/{a}:\n    parameters: [{ in: path, name: a, required: true, schema: { type: string } }]\n    get:\n${ok}  /u/{b}:\n    parameters: [{ in: path, name: b, required: true, schema: { type: string } }]\n    get:\n${ok}`,
    expected: ['path-template-unique@13:5'],
  },
];

describe('spec rules', () => {
  for (const c of CASES) {
    it(`${c.name}: ${c.expected.join(', ') || 'no finding'}`, async () => {
      const cwd = scratch('validity');
      dirs.push(cwd);
      writeTree(cwd, { 'api.yaml': head + c.paths });
      const spec = await loadOpenApi('api.yaml', { cwd });
      const found = checkSpecRules(spec).map((f) => `${f.rule}@${f.location?.line}:${f.location?.column}`);
      expect(found.sort()).toEqual([...c.expected].sort());
    });
  }

  it('every rule is exercised by a case, and ids are unique', () => {
    const ids = SPEC_RULES.map((r) => r.id);
    expect(new Set(ids).size).toBe(ids.length);
    const used = new Set(CASES.flatMap((c) => c.expected.map((e) => e.split('@')[0])));
    expect(ids.filter((id) => !used.has(id))).toEqual([]);
  });

  it('Swagger 2.0: the same rules, at positions in the 2.0 file (parameter indexes skip the body)', async () => {
    const cwd = scratch('validity-20');
    dirs.push(cwd);
    writeTree(cwd, {
      'api.yaml': `swagger: '2.0'
info: { title: T, version: '1' }
securityDefinitions:
  key: { type: apiKey, in: header, name: X-Key }
paths:
  /a/{id}:
    get:
      operationId: same
      responses:
        '2000': { description: x }
  /b:
    post:
      operationId: same
      security: [{ nope: [] }]
      parameters:
        - { in: body, name: body, schema: { type: object } }
        - { in: query, name: limit, type: integer }
      responses:
        '200': { description: ok, schema: { $ref: '#/definitions/Thing' } }
definitions:
  Thing: { type: object }
`,
    });
    const spec = await loadOpenApi('api.yaml', { cwd });
    const found = checkSpecRules(spec).map((f) => `${f.rule}@${f.location?.line}:${f.location?.column}`);
    expect(found.sort()).toEqual(
      ['path-parameters-defined@7:5', 'response-status-code@10:9', 'operation-operationId-unique@13:7', 'security-scheme-defined@14:20'].sort(),
    );
    expect(spec.locate(['paths', '/b', 'post', 'parameters', 0])).toMatchObject({ line: 17, column: 11 });
    expect(spec.locate(['paths', '/b', 'post', 'requestBody'])).toMatchObject({ line: 15, column: 7 });
    expect(spec.locate(['components', 'schemas', 'Thing'])).toMatchObject({ line: 21, column: 3 });
    expect(spec.locate(['paths', '/b', 'post', 'responses', '200', 'content', 'application/json', 'schema'])).toMatchObject({ line: 19, column: 35 });
  });

  it('path templates: a problem is reported exactly when the runtime router cannot route the path (property)', () => {
    const literal = fc.stringMatching(/^[a-z.-]{0,3}$/);
    const param = fc.constantFrom('{a}', '{b}', '{c}', '{d}');
    const segment = fc.array(fc.oneof(literal, param), { minLength: 1, maxLength: 4 }).map((parts) => parts.join(''));
    const path = fc.array(segment, { minLength: 1, maxLength: 4 }).map((segments) => '/' + segments.join('/'));
    fc.assert(
      fc.property(path, (p) => {
        let routerRefuses = false;
        try {
          new Router<number>().add('get', p, 1);
        } catch {
          routerRefuses = true;
        }
        expect(parsePathTemplate(p).problems.length > 0, p).toBe(routerRefuses);
      }),
      { numRuns: 500 },
    );
  });
});
