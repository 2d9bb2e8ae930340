/**
 * The runtime as a user gets it: `npm pack` of packages/runtime, installed with `--omit=dev` into a scratch
 * project outside the repo (so nothing of the repo's node_modules is visible, and covenant is not
 * installed), plus server code the BUILT covenant generated (standalone validators, which load ajv's
 * run-time helpers from the project); compiled with tsc --strict, started, and called over loopback.
 * npm reads ajv and ajv-formats from its cache or the registry. Needs `npm run build`.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync, spawn, spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm';

const SPEC = `openapi: 3.1.0
info: { title: Hello, version: '1.0.0' }
paths:
  /hello/{name}:
    get:
      operationId: sayHello
      parameters:
        - { name: name, in: path, required: true, schema: { type: string, maxLength: 8 } }
      responses:
        '200':
          description: A greeting.
          content:
            application/json:
              schema: { type: object, required: [greeting], properties: { greeting: { type: string } } }
`;

const APP = `import { createServer as createHttpServer } from 'node:http';
import { toNodeHandler } from '@covenant/runtime/server';
import { createServer } from './generated/hello/server.js';

const server = createServer({ sayHello: ({ params }) => ({ status: 200, body: { greeting: \`hello \${params.path.name}\` } }) });
const http = createHttpServer(toNodeHandler(server));
http.listen(0, '127.0.0.1', () => {
  const address = http.address();
  console.log(typeof address === 'object' && address ? address.port : 0);
});
`;

function installedPackages(modules: string): string[] {
  return readdirSync(modules).filter((n) => !n.startsWith('.')).flatMap((n) => (n.startsWith('@') ? readdirSync(join(modules, n)).map((i) => `${n}/${i}`) : [n]));
}

describe('the packed runtime in a project without covenant', () => {
  it('installs with --omit=dev, compiles generated server code with tsc --strict, and serves a request', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'covenant-runtime-packed-'));
    let child: ReturnType<typeof spawn> | undefined;
    try {
      const tarball = execFileSync(NPM, ['pack', '--silent', '--ignore-scripts', '--pack-destination', dir, join(ROOT, 'packages/runtime')], { encoding: 'utf8', timeout: 60_000 }).trim().split('\n').at(-1)!;
      writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: 'hello-service', private: true, type: 'module', dependencies: { '@covenant/runtime': `file:./${tarball}` } }));
      const install = spawnSync(NPM, ['install', '--omit=dev', '--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts'], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
      expect(install.status, install.stderr).toBe(0);
      const installed = installedPackages(join(dir, 'node_modules'));
      expect(installed).toContain('@covenant/runtime');
      expect(installed.filter((n) => n === 'covenant' || n === 'typescript')).toEqual([]);
      expect(installed.length).toBeLessThanOrEqual(8);

      mkdirSync(join(dir, 'specs'));
      writeFileSync(join(dir, 'specs/hello.yaml'), SPEC);
      writeFileSync(join(dir, 'covenant.yaml'), 'specs:\n  - path: specs/hello.yaml\n    targets:\n      - name: typescript-server\n        options: { validators: standalone }\n');
      const gen = spawnSync(process.execPath, [join(ROOT, 'dist/cli/covenant.js'), 'gen', '--cwd', dir], { encoding: 'utf8', timeout: 60_000 });
      expect(gen.status, gen.stderr).toBe(0);
      writeFileSync(join(dir, 'app.ts'), APP);
      // the project's dev tools (typescript, @types/node) are the repo's: --omit=dev left them out of the project
      const tsconfig = { compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], typeRoots: [join(ROOT, 'node_modules/@types')], rootDir: '.', outDir: 'out' }, include: ['app.ts', 'generated/**/*.ts'] };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', dir], { encoding: 'utf8', timeout: 120_000 });
      expect(tsc.stdout + tsc.stderr).toBe('');

      child = spawn(process.execPath, [join(dir, 'out/app.js')], { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
      const port = await new Promise<number>((resolvePort, reject) => {
        let out = '';
        let err = '';
        child!.stdout!.on('data', (chunk: Buffer) => {
          out += chunk;
          if (out.includes('\n')) resolvePort(Number(out.trim()));
        });
        child!.stderr!.on('data', (chunk: Buffer) => (err += chunk));
        child!.on('exit', (code) => reject(new Error(`the service exited (${code}): ${err}`)));
        setTimeout(() => reject(new Error('the service did not start within 30 s')), 30_000).unref();
      });
      const ok = await fetch(`http://127.0.0.1:${port}/hello/ann`);
      expect(ok.status).toBe(200);
      expect(await ok.json()).toEqual({ greeting: 'hello ann' });
      const invalid = await fetch(`http://127.0.0.1:${port}/hello/far-too-long-a-name`);
      expect(invalid.status).toBe(400);
      expect(invalid.headers.get('content-type')).toContain('application/problem+json');
    } finally {
      child?.kill();
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);
});
