/**
 * The demo users provider for `covenant test`'s own tests: the generated typed server (built by
 * test/e2e's buildUsersService, tsc --strict) with the real handlers, plus a copy of those handlers
 * with defects planted, each switched on by the PLANT environment variable of its process. Every
 * provider runs in its own process, so the built CLI and the provider never share an event loop.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildUsersService, REPO, type BuiltService } from '../e2e/support.js';

/** Each defect: where it goes in the handlers (search → replace, guarded by PLANT), and the check that must catch it. */
export const PLANTS: Array<{ name: string; check: string; operations: string[]; search?: string; replace?: string; specEdit?: [string, string] }> = [
  { name: 'wrong-type', check: 'response-schema-conformance', operations: ['GET /health'], search: "version: '1.4.0'", replace: "version: (process.env.PLANT === 'wrong-type' ? 14 : '1.4.0') as any" },
  { name: 'missing-required-field', check: 'response-schema-conformance', operations: ['listUsers'], search: 'body: { items: page.map(publicUser), nextCursor },', replace: "body: (process.env.PLANT === 'missing-required-field' ? { items: page.map(publicUser) } : { items: page.map(publicUser), nextCursor }) as any," },
  { name: 'undocumented-status', check: 'status-code-conformance', operations: ['GET /health'], search: "return { status: 200, body: { status: 'ok'", replace: "return { status: (process.env.PLANT === 'undocumented-status' ? 202 : 200) as any, body: { status: 'ok'" },
  { name: 'server-error-on-boundary', check: 'not-a-server-error', operations: ['listUsers'], search: 'let all = [...users.values()];', replace: "if (process.env.PLANT === 'server-error-on-boundary' && limit === 100) throw new Error('off by one');\n      let all = [...users.values()];" },
  { name: 'server-error-on-unicode', check: 'not-a-server-error', operations: ['createUser'], search: 'const body = input.body;', replace: "const body = input.body;\n      if (process.env.PLANT === 'server-error-on-unicode' && /[^\\x00-\\x7f]/.test(body.name)) throw new Error('latin-1 only');" },
  { name: 'wrong-content-type', check: 'content-type-conformance', operations: ['GET /health'], search: 'getHealth(input) {\n      record(input);', replace: "getHealth(input) {\n      record(input);\n      if (process.env.PLANT === 'wrong-content-type') return { status: 200, headers: { 'Content-Type': 'text/plain' }, body: 'ok' } as any;" },
  { name: 'kept-after-delete', check: 'use-after-free', operations: ['createUser', 'getUser', 'updateUser', 'deleteUser'], search: 'if (!users.delete(input.params.path.userId))', replace: "if (!(process.env.PLANT === 'kept-after-delete' ? users.has(input.params.path.userId) : users.delete(input.params.path.userId)))" },
  { name: 'created-not-readable', check: 'ensure-resource-availability', operations: ['createUser', 'getUser'], search: 'getUser(input) {\n      record(input);\n      const user = users.get(input.params.path.userId);', replace: "getUser(input) {\n      record(input);\n      const user = users.get(process.env.PLANT === 'created-not-readable' ? 'nobody' : input.params.path.userId);" },
  // the provider enforces less than the spec says: the spec the test reads is stricter than the server's
  { name: 'invalid-input-accepted', check: 'negative-data-rejection', operations: ['listUsers'], specEdit: ['maximum: 100\n        default: 20', 'maximum: 50\n        default: 20'] },
  { name: 'credentials-ignored', check: 'missing-required-header', operations: ['GET /health'], specEdit: ['summary: Liveness and readiness of the service\n      security: []', 'summary: Liveness and readiness of the service'] },
  { name: 'undocumented-method-answered', check: 'unsupported-method', operations: ['GET /health'] },
];

const MAIN = `import { createServer as http } from 'node:http';
import { toNodeHandler } from '@covenant/runtime/server';
import { createUsersApp } from './users-app-planted.js';
const planted = process.env.PLANT !== undefined;
const app = createUsersApp({ validateResponses: !planted });
const handler = toNodeHandler(app.server);
const server = http((req, res) => {
  if (process.env.PLANT === 'undocumented-method-answered' && req.method === 'PUT' && req.url === '/v1/health') {
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"status":"ok"}');
    return;
  }
  handler(req, res);
});
server.listen(Number(process.env.PORT ?? 0), '127.0.0.1', () => console.log('http://127.0.0.1:' + (server.address() as { port: number }).port + '/v1'));
`;

export function buildPlantedUsers(): BuiltService {
  let planted = readFileSync(join(REPO, 'test', 'e2e', 'fixtures', 'users-app.ts'), 'utf8');
  for (const plant of PLANTS) {
    if (!plant.search) continue;
    if (!planted.includes(plant.search)) throw new Error(`plant ${plant.name}: "${plant.search}" not found in users-app.ts`);
    planted = planted.replace(plant.search, plant.replace!);
  }
  return buildUsersService('conformance', 'specs/users.openapi.yaml', ['typescript-server'], { 'users-app-planted.ts': planted, 'main.ts': MAIN });
}

export interface Provider {
  url: string;
  stop(): void;
}

/** Start a provider process (PLANT set or not) and wait for the URL it prints. */
export function startProvider(dir: string, plant?: string): Promise<Provider> {
  const child: ChildProcess = spawn(process.execPath, [join(dir, 'out', 'main.js')], { env: { ...process.env, ...(plant ? { PLANT: plant } : {}) }, stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (chunk) => {
      out += chunk;
      const line = out.split('\n')[0];
      if (out.includes('\n')) resolve({ url: line!.trim(), stop: () => child.kill() });
    });
    child.on('exit', (code) => reject(new Error(`provider exited with ${code}`)));
  });
}

export interface CliRun {
  code: number;
  stdout: string;
  stderr: string;
}

/** The BUILT covenant, asynchronously (the provider runs in another process, but the test's own timers keep running). */
export function covenant(args: string[], cwd: string): Promise<CliRun> {
  return new Promise((resolve) => {
    execFile(process.execPath, [join(REPO, 'dist', 'cli', 'covenant.js'), ...args], { cwd, env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

export const USERS_AUTH = ['--auth', 'bearerAuth=tok-alice', '--auth', 'basicAuth=admin:admin-pass', '--auth', 'apiKeyHeader=key-123', '--auth', 'apiKeyCookie=dash-1'];
