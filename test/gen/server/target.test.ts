/**
 * The typescript-server target: deterministic output, types.ts identical to the client target's,
 * and hostile spec text (names, summaries, enum values, paths) that still compiles with tsc --strict
 * and still routes and validates when the generated server runs.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../../src/gen/all-targets.js';
import { findTarget } from '../../../src/gen/registry.js';
import type { GenContext, GeneratedFile } from '../../../src/gen/target.js';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
const context = (header = '// header\n'): GenContext => ({ cwd: REPO, outputDir: '/tmp/unused', header, packageRoot: REPO, progress: () => {} });
const text = (files: GeneratedFile[], path: string) => String(files.find((f) => f.path === path)?.contents);

async function generate(target: string, file: string, textOverride?: string) {
  const spec = await loadOpenApi(file, { cwd: REPO, text: textOverride });
  return findTarget(target).generate(spec, {}, context());
}

describe('typescript-server target', () => {
  it('is deterministic and its types.ts is byte-identical to the client target', async () => {
    const a = await generate('typescript-server', 'specs/users.openapi.yaml');
    const b = await generate('typescript-server', 'specs/users.openapi.yaml');
    expect(a.map((f) => f.path)).toEqual(['types.ts', 'server.ts']);
    expect(a.map((f) => f.contents)).toEqual(b.map((f) => f.contents));
    const client = await generate('typescript-client', 'specs/users.openapi.yaml');
    expect(text(client, 'types.ts')).toBe(text(a, 'types.ts'));
    expect(text(a, 'server.ts').startsWith('// header\n')).toBe(true);
  });

  it('validators: runtime (the default) leaves validators.ts out; standalone emits it', async () => {
    const spec = await loadOpenApi('specs/users.openapi.yaml', { cwd: REPO });
    const runtime = await findTarget('typescript-server').generate(spec, { validators: 'runtime' }, context());
    expect(runtime.map((f) => f.path)).toEqual(['types.ts', 'server.ts']);
    expect(text(runtime, 'server.ts')).not.toContain('./validators.js');
    expect(runtime.map((f) => f.contents)).toEqual((await generate('typescript-server', 'specs/users.openapi.yaml')).map((f) => f.contents));
    const standalone = await findTarget('typescript-server').generate(spec, { validators: 'standalone' }, context());
    expect(standalone.map((f) => f.path)).toEqual(['types.ts', 'server.ts', 'validators.ts']);
    expect(text(standalone, 'server.ts')).toContain("from './validators.js'");
    expect(text(standalone, 'validators.ts')).toContain("import { standaloneRequire } from '@covenant/runtime/server';");
  });

  it('the definition (JSON text parsed at load) keeps what the runtime needs and drops annotations', async () => {
    const server = text(await generate('typescript-server', 'specs/users.openapi.yaml'), 'server.ts');
    expect(server).not.toContain('Assigned by the server.'); // a schema description
    expect(server).not.toContain('u_8f3a2c'); // an example
    const line = server.split('\n').find((l) => l.startsWith('export const definition: ServiceDefinition = JSON.parse('))!;
    const definition = JSON.parse(JSON.parse(line.slice(line.indexOf('(') + 1, line.lastIndexOf(')'))));
    expect(Object.keys(definition.schemas)).toContain('#/components/schemas/User');
    expect(definition.operations.flatMap((o: any) => (o.parameters ?? []).map((p: any) => p.style))).toContain('deepObject');
    // the servers (URL + variables) give the base path the runtime serves under
    expect(definition.servers).toEqual([{ url: 'https://users.acme-demo.dev/v1' }]);
  });

  it('response/body shapes: ranges, default, several media types, required headers, optional body, optional auth', async () => {
    const spec = await loadOpenApi('test/gen/server/fixtures/shapes.openapi.yaml', { cwd: REPO });
    const files = await findTarget('typescript-server').generate(spec, {}, context());
    mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'gen-server-shapes-'));
    for (const f of files) writeFileSync(join(dir, f.path), f.contents);
    writeFileSync(join(dir, 'shapes-app.ts'), readFileSync(join(REPO, 'test', 'gen', 'server', 'fixtures', 'shapes-app.ts'), 'utf8'));
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true, rootDir: '.', outDir: 'out' },
        include: ['*.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const { server } = await import(join(dir, 'out', 'shapes-app.js'));
    const put = (init: RequestInit) => server.handle(new Request('http://t/things/4', { method: 'PUT', ...init }));
    const bytes = await put({ headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([1, 2, 3]) });
    expect([bytes.status, bytes.headers.get('content-type'), bytes.headers.get('x-version'), await bytes.text()]).toEqual([200, 'text/csv', '1', 'bytes,3,anonymous']);
    const json = await put({ headers: { 'content-type': 'application/json', authorization: 'Bearer t' }, body: JSON.stringify({ name: null, secret: 's' }) });
    expect(await json.json()).toEqual({ id: 4, name: null });
    expect((await put({ headers: { 'content-type': 'text/plain' }, body: 'nope' })).status).toBe(422);
    expect((await put({})).status).toBe(500);
    expect((await put({ headers: { authorization: 'Bearer wrong' } })).status).toBe(401);
  });

  it('hostile spec text compiles with tsc --strict, and the generated server still routes and validates', async () => {
    const nasty = ['*/ evil /*', '${x}`', '\u2028line', '</script>', "it's \"quoted\"", '__proto__', 'constructor', 'a\\b', 'ünï cødé', '0starts-with-digit', 'class'];
    // `%` is left out: openapi-typescript (types.ts) fails on it ("URI malformed"), not our generator
    const sampled = fc.sample(fc.string({ minLength: 1, maxLength: 12 }).filter((s) => !s.includes('%')), { numRuns: 12, seed: 42 });
    const words = [...nasty, ...sampled];
    const paths: Record<string, unknown> = {};
    words.forEach((word, i) => {
      paths[`/w${i}/{p${i}}`] = {
        get: {
          operationId: word,
          summary: word,
          description: `${word} */ /* ${word}`,
          parameters: [
            { name: `p${i}`, in: 'path', required: true, schema: { type: 'string', enum: [word, 'plain'] } },
            { name: word, in: 'query', schema: { type: 'integer' } },
            { name: `X-${i}`, in: 'header', description: word, schema: { type: 'string' } },
          ],
          responses: {
            // `\ ` is an identity escape that the u flag rejects (seen in the public API corpus)
            '200': { description: word, content: { 'application/json': { schema: { type: 'object', properties: { [word]: { type: 'string', pattern: '^[^*\\ ]*$' } } } } } },
          },
        },
      };
    });
    const spec = { openapi: '3.1.0', info: { title: words[0], version: words[2] }, paths };
    const files = await generate('typescript-server', 'specs/hostile.openapi.json', JSON.stringify(spec));
    mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
    const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'gen-server-hostile-'));
    for (const f of files) writeFileSync(join(dir, f.path), f.contents);
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true, rootDir: '.', outDir: 'out' },
        include: ['*.ts'],
      }),
    );
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    const { createServer, definition } = await import(join(dir, 'out', 'server.js'));
    const handlers = Object.fromEntries(words.map((word) => [word, (input: any) => ({ status: 200, body: { [word]: String(input.params.query[word] ?? 'none') } })]));
    const server = createServer(handlers, { validateResponses: true });
    expect(definition.operations.map((o: any) => o.id)).toEqual(words);
    for (const [i, word] of words.entries()) {
      const ok = await server.handle(new Request(`http://t/w${i}/${encodeURIComponent(word)}?${encodeURIComponent(word)}=5`));
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ [word]: '5' });
      const bad = await server.handle(new Request(`http://t/w${i}/other`));
      expect(bad.status).toBe(400);
      expect((await bad.json()).errors[0].pointer).toBe(`/path/p${i}`);
    }
  });
});
