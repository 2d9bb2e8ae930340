/**
 * `@covenant/runtime/client` is browser-safe: the generated demo client bundles with esbuild for the
 * browser with no externals, reaching neither a `node:` module nor ajv; ajv comes in only through
 * `@covenant/runtime/client/validate`, which only a client generated with `validation: true` imports.
 * Bundles the built runtime (packages/runtime/dist: `npm run build` first).
 */
import { describe, expect, it } from 'vitest';
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { gzipSync } from 'node:zlib';
import { join, resolve } from 'node:path';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { typescriptClient } from '../../../src/gen/typescript/client/index.js';
import { createClientCall } from '../../../packages/runtime/src/client/call.js';

const ROOT = resolve(__dirname, '../../..');

async function bundleDemoClient(validation: boolean) {
  const dir = join(ROOT, 'test/.tmp', `client-entry-${validation}-${process.pid}`);
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  try {
    const spec = await loadOpenApi(join(ROOT, 'specs/users.openapi.yaml'), { name: 'users', cwd: ROOT });
    const files = await typescriptClient.generate(spec, { validation }, { cwd: ROOT, outputDir: dir, header: '// test\n', packageRoot: ROOT, progress() {} });
    for (const file of files) writeFileSync(join(dir, file.path), file.contents);
    writeFileSync(join(dir, 'page.ts'), `import { createClient } from './client.js';\n(globalThis as any).users = createClient({ baseUrl: '/v1' });\n`);
    const result = await build({ entryPoints: [join(dir, 'page.ts')], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, metafile: true, logLevel: 'silent' });
    const inputs = Object.keys(result.metafile.inputs).map((path) => path.replace(/^.*node_modules\//, ''));
    return { inputs, gzip: gzipSync(result.outputFiles[0]!.contents, { level: 9 }).length };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

describe('@covenant/runtime/client in a browser bundle', () => {
  it('the default demo client bundles without node: modules and without ajv', async () => {
    const { inputs } = await bundleDemoClient(false);
    expect(inputs.filter((path) => path.startsWith('node:') || /(^|\/)ajv/.test(path))).toEqual([]);
    expect(inputs.some((path) => path.includes('runtime/dist/client/call.js'))).toBe(true);
    expect(inputs.some((path) => path.includes('client/validate.js'))).toBe(false);
  });

  it('stays within 2.5x the gzip size of openapi-fetch bundled the same way (docs/runtime.md, bench/client-bundle)', async () => {
    const { gzip } = await bundleDemoClient(false);
    const peer = await build({ stdin: { contents: "import createClient from 'openapi-fetch';\n(globalThis as any).users = createClient({ baseUrl: '/v1' });\n", loader: 'ts', resolveDir: ROOT }, bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'silent' });
    const peerGzip = gzipSync(peer.outputFiles[0]!.contents, { level: 9 }).length;
    expect(gzip / peerGzip, `covenant ${gzip} B gzip, openapi-fetch ${peerGzip} B gzip`).toBeLessThanOrEqual(2.5);
  });

  it('with validation: true the client imports client/validate, which brings ajv (and still no node: module)', async () => {
    const { inputs } = await bundleDemoClient(true);
    expect(inputs.some((path) => path.includes('runtime/dist/client/validate.js'))).toBe(true);
    expect(inputs.some((path) => path.startsWith('ajv/'))).toBe(true);
    expect(inputs.filter((path) => path.startsWith('node:'))).toEqual([]);
  });

  it('validateResponses on a client generated without validation throws at creation, naming the option', () => {
    const api = { servers: ['http://127.0.0.1:1'], securitySchemes: {}, operations: {} };
    expect(() => createClientCall(api, { validateResponses: true })).toThrow(/generated without response schemas; set `options: \{ validation: true \}`/);
    expect(() => createClientCall(api, {})).not.toThrow();
  });
});
