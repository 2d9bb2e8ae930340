/**
 * Spec text is never pasted into client.ts unescaped: hostile operationIds, paths, parameter names,
 * descriptions, media types and scheme names still give valid TypeScript whose operation table holds
 * every string exactly.
 */
import { resolveServerUrl } from '../../../packages/runtime/src/client/servers.js';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import ts from 'typescript';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { emitClient } from '../../../src/gen/typescript/client/emit.js';
import { typescriptClient } from '../../../src/gen/typescript/client/index.js';

const ROOT = resolve(__dirname, '../../..');
const HEADER = '// test header\n';

function hostileSpec(s: { id: string; text: string; name: string; segment: string; scheme: string }) {
  return {
    openapi: '3.1.0',
    info: { title: s.text, version: '1', description: s.text },
    servers: [{ url: `https://{region}.api.example/${encodeURIComponent(s.segment)}`, variables: { region: { default: 'eu-1', enum: ['eu-1', 'us-1', s.text], description: s.text } } }],
    components: { securitySchemes: { [s.scheme]: { type: 'apiKey', in: 'header', name: s.name } } },
    security: [{ [s.scheme]: [] }],
    paths: {
      [`/items/${s.segment.replace(/[{}/?#]/g, '_')}/{id}`]: {
        get: {
          operationId: s.id,
          summary: s.text,
          description: s.text,
          parameters: [
            { name: 'id', in: 'path', required: true, schema: { type: 'string' } },
            { name: s.name, in: 'query', description: s.text, schema: { type: 'string', description: s.text } },
            { name: s.name, in: 'header', schema: { type: 'array', items: { type: 'string' } } },
          ],
          responses: {
            '200': { description: s.text, content: { 'application/json': { schema: { type: 'object', properties: { [s.name]: { type: 'string', enum: [s.text] } } } } } },
            default: { description: s.text },
          },
        },
        post: {
          requestBody: { content: { [`application/vnd.${s.segment.replace(/[^a-z0-9]/gi, 'x') || 'x'}+json`]: { schema: { type: 'object' } } } },
          responses: { '204': { description: s.text } },
        },
      },
    },
  };
}

async function load(doc: unknown) {
  return loadOpenApi('hostile.json', { name: 'hostile', cwd: ROOT, text: JSON.stringify(doc) });
}

/** Transpile client.ts to CommonJS and run it with a stub runtime; returns its exports. */
function evaluate(source: string): any {
  const out = ts.transpileModule(source, { reportDiagnostics: true, compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022 } });
  const errors = (out.diagnostics ?? []).map((d) => ts.flattenDiagnosticMessageText(d.messageText, '\n'));
  expect(errors).toEqual([]);
  const exports: Record<string, unknown> = {};
  const runtime = { createClientCall: () => () => Promise.resolve(), requireRuntime: () => undefined, resolveServerUrl };
  new Function('require', 'exports', out.outputText)((id: string) => (id === '@covenant/runtime/client' ? runtime : {}), exports);
  return exports;
}

const HOSTILE = ['*/ /* `${x}` \\', '"]; process.exit(1); //', '\u2028\u2029</script>', 'constructor', '__proto__', 'Ünïcödé 名前', "it's", '\r\n */'];

describe('typescript-client with hostile spec strings', () => {
  it('keeps every string intact for a fixed set of nasty values', async () => {
    for (const text of HOSTILE) {
      const spec = await load(hostileSpec({ id: text, text, name: text, segment: text, scheme: text }));
      const module = evaluate(emitClient(spec, { validation: true }, HEADER));
      const api = module.api;
      const [operation, second] = Object.values(api.operations) as any[];
      expect(operation.id ?? Object.keys(api.operations)[0]).toBe(text);
      expect(api.servers).toEqual([`https://eu-1.api.example/${encodeURIComponent(text)}`]);
      expect(module.serverUrl({ variables: { region: text } })).toBe(`https://${text}.api.example/${encodeURIComponent(text)}`.replace(/\/+$/, ''));
      expect(operation.parameters.map((p: any) => p.name)).toEqual(['id', text, text]);
      expect(Object.keys(api.securitySchemes)).toEqual([text]);
      expect(operation.security).toEqual([[text]]);
      expect(second.id ?? Object.keys(api.operations)[1]).toMatch(/^post/);
      const [key] = Object.keys(api.operations);
      const schema = api.schemas().document['x-covenant-responses'][key!]['200']['application/json'];
      expect(Object.hasOwn(schema.properties, text)).toBe(true);
      expect(schema.properties[text].enum).toEqual([text]);
    }
  });

  it('fast-check: any strings give valid TypeScript with the strings intact', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(fc.record({ id: text, text, name: text, segment: text, scheme: text }), async (s) => {
        const spec = await load(hostileSpec(s));
        const api = evaluate(emitClient(spec, {}, HEADER)).api;
        const operation = Object.values(api.operations)[0] as any;
        expect(operation.id ?? Object.keys(api.operations)[0]).toBe(s.id);
        expect(operation.parameters[1].name).toBe(s.name);
        expect(api.securitySchemes[s.scheme]).toEqual({ type: 'apiKey', in: 'header', name: s.name });
      }),
      { numRuns: 60 },
    );
  });

  it('compiles under tsc --strict with the real types.ts', async () => {
    const dir = join(ROOT, 'test/.tmp', `client-hostile-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const text = HOSTILE.join(' ');
      const spec = await load(hostileSpec({ id: text, text, name: 'X-Hostile "name"', segment: 'seg ment', scheme: 'key */ scheme' }));
      const files = await typescriptClient.generate(spec, {}, { cwd: ROOT, outputDir: dir, header: HEADER, packageRoot: ROOT, progress() {} });
      for (const file of files) writeFileSync(join(dir, file.path), file.contents);
      const args = ['--strict', '--noEmit', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--lib', 'ES2022,DOM', '--skipLibCheck', '--types', 'node', '--rootDir', '.', 'client.ts', 'types.ts'];
      try {
        execFileSync(join(ROOT, 'node_modules/.bin/tsc'), args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        throw new Error(`tsc failed:\n${(error as { stdout?: string }).stdout}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
