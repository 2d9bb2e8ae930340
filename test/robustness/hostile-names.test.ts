/**
 * Property test: specs whose names and texts are hostile (comment terminators, backticks, `${`,
 * quotes, U+2028, unicode, `__proto__`, `constructor`, leading digits, reserved words, empty
 * strings, names equal after normalisation) in operationIds, parameter names, property names,
 * schema names, enum values, descriptions and titles. The generated types + client + server:
 *  - compile with `tsc --strict` (one tsc run over a batch of specs: compiling is the slow part);
 *  - can be imported without running any spec text (globalThis stays clean, the process is not
 *    exited by a `*\/ process.exit(1) /*` description).
 */
import { spawnSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { runGen } from '../../src/gen/run.js';
import type { LoadedConfig } from '../../src/config/load.js';
import { REPO, removeScratch, scratch, writeTree } from '../cli/support.js';

/** Spec text that would do something if it ever reached code unescaped. */
const PAYLOADS = [
  '*/ process.exit(1) /*',
  '${globalThis.pwned=1}',
  '`; globalThis.pwned = 1; `',
  '"; globalThis.pwned = 1; "',
  "'); globalThis.pwned = 1; ('",
  '\u2028globalThis.pwned = 1\u2029',
  '</script><script>globalThis.pwned=1</script>',
  '\\"); globalThis.pwned = 1; //',
  '*/ globalThis.pwned = 1; /**',
  '\n}; globalThis.pwned = 1; {\n',
];

const NAMES = [
  '',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
  '123abc',
  '0',
  'class',
  'delete',
  'default',
  'await',
  'yield',
  'let',
  'enum',
  'eval',
  'arguments',
  'undefined',
  'then',
  'user-id',
  'user_id',
  'userId',
  'UserID',
  'ünïcödé',
  '名前',
  '😀',
  'a b',
  '$ref',
  '@type',
  'x-custom',
  '`',
  '"',
  "'",
  '\\',
  '${x}',
  '*/',
  '\u2028',
];

const hostile = fc.oneof(fc.constantFrom(...NAMES), fc.constantFrom(...PAYLOADS), fc.string({ unit: 'grapheme', maxLength: 8 }));

/** A name usable as a path parameter inside `{...}` of a path template. */
const pathName = hostile.map((n) => n.replace(/[/{}?#%\s]/g, '') || 'id');

function componentName(name: string): string {
  return name.replace(/[^A-Za-z0-9._-]/g, '') || 'Schema';
}

/** Own data property, even for `__proto__` (so JSON.stringify writes it as a plain key). */
function put(target: Record<string, unknown>, key: string, value: unknown): void {
  Object.defineProperty(target, key, { value, enumerable: true, writable: true, configurable: true });
}

function object(entries: Array<[string, unknown]>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of entries) put(out, k, v);
  return out;
}

const schemaArb = fc.record({
  title: hostile,
  description: hostile,
  properties: fc.uniqueArray(fc.tuple(hostile, hostile, fc.constantFrom('string', 'integer', 'enum', 'array')), { maxLength: 6, selector: ([name]) => name }),
  enumValues: fc.uniqueArray(hostile, { minLength: 1, maxLength: 5 }),
});

interface SchemaShape {
  title: string;
  description: string;
  properties: Array<[string, string, string]>;
  enumValues: string[];
}

function buildSchema(s: SchemaShape) {
  return object([
    ['type', 'object'],
    ['title', s.title],
    ['description', s.description],
    ['required', s.properties.slice(0, 1).map(([n]) => n)],
    [
      'properties',
      object(
        s.properties.map(([name, description, kind]) => [
          name,
          kind === 'enum'
            ? { type: 'string', enum: s.enumValues, description }
            : kind === 'array'
              ? { type: 'array', items: { type: 'string', enum: s.enumValues }, description }
              : { type: kind, description },
        ]),
      ),
    ],
  ]);
}

const operationArb = fc.record({
  operationId: hostile,
  summary: hostile,
  description: hostile,
  pathParam: pathName,
  query: fc.uniqueArray(hostile, { maxLength: 3 }),
  header: fc.uniqueArray(hostile.map((h) => h.replace(/[^\x21-\x7e]/g, '') || 'x-h'), { maxLength: 2 }),
  cookie: fc.uniqueArray(hostile.map((h) => h.replace(/[^A-Za-z0-9_-]/g, '') || 'c'), { maxLength: 1 }),
  body: fc.boolean(),
  status: fc.constantFrom('200', '201', '4XX', 'default'),
});

const specArb = fc.record({
  title: hostile,
  description: hostile,
  // component names are limited by OpenAPI itself to ^[a-zA-Z0-9.\-_]+$ (still: `__proto__`, `constructor`, `0`, `class` ...)
  schemas: fc.uniqueArray(fc.tuple(hostile.map(componentName), schemaArb), { minLength: 1, maxLength: 3, selector: ([name]) => name }),
  operations: fc.uniqueArray(operationArb, { minLength: 1, maxLength: 4, selector: (o) => o.operationId }),
});

type SpecShape = typeof specArb extends fc.Arbitrary<infer T> ? T : never;

function buildSpec(shape: SpecShape): Record<string, unknown> {
  const schemaNames = shape.schemas.map(([name]) => name);
  const paths: Record<string, unknown> = {};
  shape.operations.forEach((op, i) => {
    const path = `/op${i}/{${op.pathParam}}`;
    const parameters = [
      { name: op.pathParam, in: 'path', required: true, description: op.description, schema: { type: 'string' } },
      ...op.query.map((name, k) => ({ name, in: 'query', required: k === 0, description: op.summary, schema: k % 2 ? { type: 'array', items: { type: 'string' } } : { type: 'string', enum: [name, op.summary] } })),
      ...op.header.filter((h) => !['accept', 'content-type', 'authorization'].includes(h.toLowerCase())).map((name) => ({ name, in: 'header', schema: { type: 'integer' } })),
      ...op.cookie.map((name) => ({ name, in: 'cookie', schema: { type: 'string' } })),
    ];
    const ref = { $ref: `#/components/schemas/${encodeURIComponent(schemaNames[i % schemaNames.length]!.replace(/~/g, '~0').replace(/\//g, '~1'))}` };
    paths[path] = {
      [i % 2 ? 'post' : 'get']: {
        operationId: op.operationId,
        summary: op.summary,
        description: op.description,
        parameters,
        ...(op.body && i % 2 ? { requestBody: { required: true, description: op.description, content: { 'application/json': { schema: ref } } } } : {}),
        responses: object([[op.status, { description: op.summary || 'ok', content: { 'application/json': { schema: ref } } }]]),
      },
    };
  });
  return {
    openapi: '3.1.0',
    info: { title: shape.title, description: shape.description, version: shape.description },
    paths,
    components: { schemas: object(shape.schemas.map(([name, s]) => [name, buildSchema(s)])) },
  };
}

/** One spec with every hostile string in every place at once. */
function everythingSpec(): Record<string, unknown> {
  const all = [...NAMES, ...PAYLOADS];
  return buildSpec({
    title: PAYLOADS.join(' '),
    description: PAYLOADS.join('\n'),
    schemas: [...new Set(all.map(componentName))].map((name, i) => [name, { title: all[(i + 1) % all.length]!, description: all[(i + 2) % all.length]!, properties: all.map((p, k) => [p, all[(k + 3) % all.length]!, ['string', 'integer', 'enum', 'array'][k % 4]!] as [string, string, string]), enumValues: all }]),
    operations: all.map((name, i) => ({
      operationId: name,
      summary: all[(i + 4) % all.length]!,
      description: all[(i + 5) % all.length]!,
      pathParam: name.replace(/[/{}?#%\s]/g, '') || 'id',
      query: all.slice(i, i + 3),
      header: [],
      cookie: [],
      body: true,
      status: '200',
    })),
  });
}

describe('hostile names and texts', () => {
  const cwd = scratch('hostile');
  afterAll(() => {
    if (!process.env.COVENANT_KEEP_HOSTILE) removeScratch(cwd);
  });

  it('generated types, client and server compile under --strict, and importing them runs no spec text', async () => {
    const specs = [everythingSpec(), ...fc.sample(specArb, { seed: 20261124, numRuns: 5 }).map(buildSpec)];
    const files: Record<string, string> = {};
    specs.forEach((spec, i) => {
      files[`specs/hostile${i}.json`] = JSON.stringify(spec, null, 2);
    });
    writeTree(cwd, files);
    const config: LoadedConfig = {
      config: { specs: specs.map((_, i) => ({ path: `specs/hostile${i}.json`, targets: ['typescript-client', 'typescript-server'] })) },
      root: cwd,
    };
    const outcomes = await runGen({ cwd, config });
    expect(outcomes).toHaveLength(specs.length);

    // one tsc run over every output, emitting JS beside it for the import check
    writeFileSync(
      join(cwd, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], strict: true, skipLibCheck: true, types: ['node'], outDir: 'js', rootDir: 'generated' },
        include: ['generated/**/*.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules/typescript/bin/tsc'), '-p', 'tsconfig.json', '--pretty', 'false'], { cwd, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    expect(tsc.stdout.split('\n').filter((l) => l.includes('error TS')).slice(0, 20)).toEqual([]);
    expect(tsc.status).toBe(0);

    const modules = readdirSync(join(cwd, 'js'), { recursive: true, encoding: 'utf8' }).filter((f) => /(client|server)\.js$/.test(f));
    expect(modules.length).toBe(specs.length * 2);
    const script = `
      const before = Object.getOwnPropertyNames(globalThis).sort().join(',');
      for (const m of ${JSON.stringify(modules.map((m) => `./js/${m}`))}) {
        const mod = await import(m);
        if (Object.keys(mod).length === 0) throw new Error('empty module ' + m);
      }
      const after = Object.getOwnPropertyNames(globalThis).sort().join(',');
      if (globalThis.pwned !== undefined) throw new Error('spec text ran: globalThis.pwned is set');
      if (before !== after) throw new Error('importing generated code changed globalThis');
      process.stdout.write('clean');
    `;
    writeFileSync(join(cwd, 'import-all.mjs'), script);
    const run = spawnSync(process.execPath, ['import-all.mjs'], { cwd, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect([run.status, run.stdout]).toEqual([0, 'clean']);
  }, 300_000);
});
