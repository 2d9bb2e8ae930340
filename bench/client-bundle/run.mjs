// Client bundle size: the covenant-generated client of specs/users.openapi.yaml (built `covenant gen`,
// default options) against openapi-fetch, each bundled for the browser by esbuild with no externals
// (`--bundle --platform=browser --format=esm --minify`), from a page that creates one client. Prints
// minified and gzip bytes and the gzip ratio covenant / openapi-fetch (target: <= 2.5). `--validation`
// also prints the client generated with `validation: true` (which brings ajv through
// @covenant/runtime/client/validate). Sizes do not depend on the machine's load.
//
//   npm run build && node bench/client-bundle/run.mjs [--validation]
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const WORK = join(REPO, 'bench', '.tmp', 'client-bundle');
const TARGET = 2.5;

function generate(name, options) {
  const dir = join(WORK, name);
  mkdirSync(join(dir, 'specs'), { recursive: true });
  copyFileSync(join(REPO, 'specs', 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
  const target = options ? `\n      - name: typescript-client\n        options: ${options}\n` : ' [typescript-client]\n';
  writeFileSync(join(dir, 'covenant.yaml'), `specs:\n  - path: specs/users.openapi.yaml\n    targets:${target}`);
  execFileSync(process.execPath, [join(REPO, 'dist', 'cli', 'covenant.js'), 'gen', '--cwd', dir], { stdio: 'pipe' });
  writeFileSync(join(dir, 'page.ts'), `import { createClient } from './generated/users/client.js';\n(globalThis as any).users = createClient({ baseUrl: location.origin + '/v1' });\n`);
  return join(dir, 'page.ts');
}

function openapiFetchPage() {
  const dir = join(WORK, 'openapi-fetch');
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'page.ts'), `import createClient from 'openapi-fetch';\n(globalThis as any).users = createClient({ baseUrl: location.origin + '/v1' });\n`);
  return join(dir, 'page.ts');
}

async function bundle(entry) {
  const result = await build({ entryPoints: [entry], bundle: true, platform: 'browser', format: 'esm', minify: true, write: false, logLevel: 'error', nodePaths: [join(REPO, 'node_modules')] });
  const code = result.outputFiles[0].contents;
  return { minified: code.length, gzip: gzipSync(code, { level: 9 }).length };
}

rmSync(WORK, { recursive: true, force: true });
const rows = [
  ['openapi-fetch', await bundle(openapiFetchPage())],
  ['covenant client (users)', await bundle(generate('covenant', undefined))],
];
if (process.argv.includes('--validation')) rows.push(['covenant client, validation: true', await bundle(generate('covenant-validation', '{ validation: true }'))]);
rmSync(WORK, { recursive: true, force: true });

const base = rows[0][1].gzip;
console.log('bundle (esbuild, browser, no externals)   minified     gzip   gzip ratio');
for (const [name, size] of rows) {
  console.log(`${name.padEnd(40)} ${String(size.minified).padStart(9)} ${String(size.gzip).padStart(8)}   ${(size.gzip / base).toFixed(2)}x`);
}
const ratio = rows[1][1].gzip / base;
console.log(`covenant / openapi-fetch (gzip): ${ratio.toFixed(2)}x (target <= ${TARGET}x)`);
process.exitCode = ratio <= TARGET ? 0 : 1;
