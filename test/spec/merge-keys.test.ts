/**
 * YAML merge keys (`<<: *common`, `<<: [*a, *b]`), as real specs and configs use them (YAML 1.1):
 * expanded on load with the 1.1 override order, positions of merged keys pointing where they are
 * written under the anchor; in 3.x and Swagger 2.0 specs and in covenant.yaml.
 */
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSource } from '../../src/spec/source.js';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { listOperations } from '../../src/spec/openapi/operations.js';
import { loadConfig } from '../../src/config/load.js';
import { UserError } from '../../src/errors.js';
import { removeScratch, scratch, writeTree } from '../cli/support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

function lineAt(text: string, line: number): string {
  return text.split('\n')[line - 1] ?? '';
}

describe('parseSource: merge keys', () => {
  const text = `a: &a {x: a-x, y: a-y}
b: &b
  y: b-y
  z: b-z
c:
  k: c-k
  <<: [*a, *b]
  x: c-x
d:
  <<: *b
e: {<<: *b, y: e-y}
quoted: {"<<": literal}
`;
  it('expands `<<` with own keys first, then the listed maps in order; a quoted "<<" stays a key', () => {
    const src = parseSource('t.yaml', text);
    expect(src.value).toEqual({
      a: { x: 'a-x', y: 'a-y' },
      b: { y: 'b-y', z: 'b-z' },
      c: { k: 'c-k', x: 'c-x', y: 'a-y', z: 'b-z' },
      d: { y: 'b-y', z: 'b-z' },
      e: { y: 'e-y', z: 'b-z' },
      quoted: { '<<': 'literal' },
    });
    expect(Object.keys((src.value as any).c)).not.toContain('<<');
  });

  it('locates a merged key where it is written under its anchor, an own key where it overrides', () => {
    const src = parseSource('t.yaml', text);
    expect(src.locate(['c', 'z'])).toEqual({ line: 4, column: 3 });
    expect(src.locate(['c', 'y'])).toEqual({ line: 1, column: 16 });
    expect(src.locate(['c', 'x'])).toEqual({ line: 8, column: 3 });
    expect(src.locate(['e', 'y'])).toEqual({ line: 11, column: 13 });
    expect(src.locate(['e', 'z'])).toEqual({ line: 4, column: 3 });
  });

  it('refuses a merge of something that is not a map, at its position', () => {
    try {
      parseSource('bad.yaml', 'a: 1\nb:\n  <<: [1, 2]\n');
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).toLine()).toMatch(/^bad\.yaml:3:7: invalid YAML merge key/);
    }
  });

  // a reference expansion of YAML 1.1 merge keys over random documents: anchors that merge earlier
  // anchors, a target with own keys before and after its `<<`, a single alias or a list
  const key = fc.constantFrom('k0', 'k1', 'k2', 'k3', 'k4', 'k5');
  const anchorSpec = fc.record({ own: fc.uniqueArray(key, { maxLength: 4 }), merges: fc.array(fc.nat(), { maxLength: 3 }) });
  const docSpec = fc.record({
    anchors: fc.array(anchorSpec, { minLength: 1, maxLength: 4 }),
    before: fc.uniqueArray(key, { maxLength: 3 }),
    after: fc.uniqueArray(key, { maxLength: 3 }),
    merges: fc.array(fc.nat(), { minLength: 1, maxLength: 4 }),
    list: fc.boolean(),
  });
  it('agrees with a reference expansion, values and positions (property)', () => {
    fc.assert(
      fc.property(docSpec, (d) => {
        const lines: string[] = ['anchors:'];
        const expanded: Record<string, string>[] = [];
        const where = new Map<string, string>(); // value → the line it is written on
        d.anchors.forEach((anchor, i) => {
          lines.push(`  a${i}: &a${i}`);
          const own: Record<string, string> = {};
          for (const k of anchor.own) {
            own[k] = `a${i}-${k}`;
            lines.push(`    ${k}: ${own[k]}`);
          }
          const merged = i === 0 ? [] : [...new Set(anchor.merges.map((m) => m % i))];
          if (merged.length > 0) lines.push(`    <<: [${merged.map((m) => `*a${m}`).join(', ')}]`);
          if (anchor.own.length === 0 && merged.length === 0) lines.push('    empty: yes-empty');
          const value: Record<string, string> = anchor.own.length === 0 && merged.length === 0 ? { empty: 'yes-empty' } : {};
          Object.assign(value, own);
          for (const m of merged) for (const [k, v] of Object.entries(expanded[m]!)) if (!(k in value)) value[k] = v;
          expanded.push(value);
        });
        const after = d.after.filter((k) => !d.before.includes(k));
        const merges = [...new Set(d.merges.map((m) => m % d.anchors.length))];
        const single = !d.list && merges.length === 1;
        const target: Record<string, string> = {};
        lines.push('target:');
        for (const k of d.before) lines.push(`  ${k}: t-before-${k}`), (target[k] = `t-before-${k}`);
        lines.push(`  <<: ${single ? `*a${merges[0]}` : `[${merges.map((m) => `*a${m}`).join(', ')}]`}`);
        for (const k of after) lines.push(`  ${k}: t-after-${k}`), (target[k] = `t-after-${k}`);
        for (const m of merges) for (const [k, v] of Object.entries(expanded[m]!)) if (!(k in target)) target[k] = v;
        const text = lines.join('\n') + '\n';
        const src = parseSource('p.yaml', text);
        const value = src.value as { target: Record<string, string> };
        expect(value.target).toEqual(target);
        for (const [k, v] of Object.entries(target)) {
          expect(lineAt(text, src.locate(['target', k]).line).trim()).toBe(`${k}: ${v}`);
        }
        void where;
      }),
      { numRuns: 300 },
    );
  });
});

const openapi30 = `openapi: 3.0.3
info: { title: Merge, version: '1' }
x-common-responses: &common
  '401': { description: unauthorized }
  '500': { description: boom }
paths:
  /items:
    get:
      operationId: listItems
      responses:
        '200': { description: ok }
        <<: *common
`;

const swagger2 = `swagger: '2.0'
info: { title: Merge, version: '1' }
x-errors: &errors
  '404': { description: missing }
x-more: &more
  '404': { description: shadowed }
  '500': { description: boom }
paths:
  /items:
    get:
      operationId: listItems
      produces: [application/json]
      responses:
        '200': { description: ok, schema: { type: string } }
        <<: [*errors, *more]
`;

describe('loadOpenApi: merge keys', () => {
  it('a 3.0 spec gets the merged responses (no response named "<<"), located under the anchor', async () => {
    const cwd = scratch('merge-30');
    dirs.push(cwd);
    writeTree(cwd, { 'api.yaml': openapi30 });
    const spec = await loadOpenApi('api.yaml', { cwd });
    const [op] = listOperations(spec);
    expect(op!.responses.map((r) => r.status)).toEqual(['200', '401', '500']);
    expect(spec.locate(['paths', '/items', 'get', 'responses', '500'])).toMatchObject({ file: 'api.yaml', line: 5, column: 3 });
  });

  it('a Swagger 2.0 spec converts, with the first listed map winning', async () => {
    const cwd = scratch('merge-20');
    dirs.push(cwd);
    writeTree(cwd, { 'api.yaml': swagger2 });
    const spec = await loadOpenApi('api.yaml', { cwd });
    const [op] = listOperations(spec);
    expect(op!.responses.map((r) => [r.status, r.description])).toEqual([
      ['200', 'ok'],
      ['404', 'missing'],
      ['500', 'boom'],
    ]);
  });

  it('covenant.yaml expands merge keys too (shared target lists), errors keep positions', () => {
    const cwd = scratch('merge-config');
    dirs.push(cwd);
    writeTree(cwd, {
      'covenant.yaml': `x: &defaults
  output: out/a
specs:
  - path: a.yaml
    <<: *defaults
`,
    });
    // `x` is not a config key: the error names its line, and nothing about `<<`
    expect(() => loadConfig({ cwd })).toThrowError(/unknown key "x"/);
    writeTree(cwd, {
      'covenant.yaml': `specs:
  - &first
    path: a.yaml
    output: out/a
    targets: [typescript-client]
  - <<: *first
    path: b.yaml
    output: out/b
`,
    });
    const loaded = loadConfig({ cwd });
    expect(loaded.config.specs).toEqual([
      { path: 'a.yaml', output: 'out/a', targets: ['typescript-client'] },
      { path: 'b.yaml', output: 'out/b', targets: ['typescript-client'] },
    ]);
    expect(loaded.locate!(['specs', 1, 'targets'])).toEqual({ file: 'covenant.yaml', line: 5, column: 5 });
  });
});
