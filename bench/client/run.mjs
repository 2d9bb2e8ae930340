// Client benchmark: the covenant-generated client of specs/users.openapi.yaml against hand-written
// `fetch` calls that build the same URLs, on a loopback server in a child process. Three cases: a
// path parameter (getUser), a query with eight styled parameters (listUsers), and listUsers with
// `validateResponses: true`; then the same listUsers with an in-process `fetch` that answers at once,
// which isolates the client's own CPU cost (building the request, decoding the response). Each case
// alternates 1 s slices of both sides (8 calls in flight) for `--duration` seconds and prints calls/s
// and the ratio covenant / hand-written (1.00 = no overhead; the machine's load makes loopback noisy).
//
//   npx tsc -p . && node bench/client/run.mjs [--duration 5]
import { execFileSync, fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};

const USER = { id: 'u1', email: 'ann@example.com', name: 'Ann', role: 'admin', createdAt: '2026-11-24T10:00:00Z', nickname: null, labels: { team: 'core' } };
const PAGE = { items: Array.from({ length: 20 }, (_, i) => ({ ...USER, id: `u${i}` })), nextCursor: 'c2' };


function serve() {
  const user = JSON.stringify(USER);
  const page = JSON.stringify(PAGE);
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(req.url.startsWith('/v1/users?') || req.url === '/v1/users' ? page : user);
    });
  });
  server.listen(0, '127.0.0.1', () => process.send({ port: server.address().port }));
}

function build() {
  mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'bench-client-'));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(REPO, 'specs', 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
  writeFileSync(join(dir, 'covenant.yaml'), 'specs:\n  - path: specs/users.openapi.yaml\n    targets:\n      - name: typescript-client\n        options: { validation: true }\n');
  execFileSync(process.execPath, [join(REPO, 'dist', 'cli', 'covenant.js'), 'gen', '--cwd', dir], { stdio: 'inherit' });
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true, rootDir: '.', outDir: 'out' },
      include: ['generated/**/*.ts'],
    }),
  );
  execFileSync(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { stdio: 'inherit' });
  return dir;
}

const QUERY = {
  limit: 20,
  cursor: 'c1',
  role: ['admin', 'member'],
  sort: ['-createdAt', 'name'],
  filter: { team: 'core', status: 'active' },
  tags: ['on call', 'berlin'],
  fields: ['id', 'name', 'email'],
  where: { roles: ['admin'], hasAvatar: true },
};

/** What one writes by hand for the same two calls. */
function handWritten(base, fetch = globalThis.fetch) {
  const headers = { authorization: 'Bearer t', accept: 'application/json' };
  return {
    async getUser(id) {
      const res = await fetch(`${base}/users/${encodeURIComponent(id)}`, { headers });
      return res.json();
    },
    async listUsers(q) {
      const p = new URLSearchParams();
      p.set('limit', String(q.limit));
      p.set('cursor', q.cursor);
      for (const r of q.role) p.append('role', r);
      p.set('sort', q.sort.join(','));
      p.set('filter[team]', q.filter.team);
      p.set('filter[status]', q.filter.status);
      p.set('tags', q.tags.join(' '));
      p.set('fields', q.fields.join('|'));
      p.set('where', JSON.stringify(q.where));
      const res = await fetch(`${base}/users?${p}`, { headers });
      return res.json();
    },
  };
}

async function slice(fn, ms) {
  let calls = 0;
  const end = performance.now() + ms;
  await Promise.all(
    Array.from({ length: 8 }, async () => {
      while (performance.now() < end) {
        await fn();
        calls++;
      }
    }),
  );
  return calls;
}

async function compare(name, ours, theirs, seconds) {
  await slice(ours, 300);
  await slice(theirs, 300);
  let a = 0;
  let b = 0;
  for (let i = 0; i < seconds; i++) {
    a += await slice(ours, 1000);
    b += await slice(theirs, 1000);
  }
  const ratio = a / b;
  console.log(`${name.padEnd(34)} covenant ${String(Math.round(a / seconds)).padStart(6)} calls/s   hand-written ${String(Math.round(b / seconds)).padStart(6)} calls/s   ratio ${ratio.toFixed(2)}`);
}

async function main() {
  const seconds = Number(option('duration', '5'));
  const dir = build();
  const child = fork(fileURLToPath(import.meta.url), ['--serve', '1'], { stdio: 'inherit' });
  try {
    const { port } = await new Promise((resolveMessage) => child.once('message', resolveMessage));
    const base = `http://127.0.0.1:${port}/v1`;
    const { createClient } = await import(pathToFileURL(join(dir, 'out', 'generated', 'users', 'client.js')).href);
    const client = createClient({ baseUrl: base, auth: { bearerAuth: 't' } });
    const validating = createClient({ baseUrl: base, auth: { bearerAuth: 't' }, validateResponses: true });
    const raw = handWritten(base);
    console.log(`client benchmark: ${seconds} s per side and case, 8 calls in flight, Node ${process.version}`);
    await compare('getUser (path param)', () => client.getUser({ path: { userId: 'u1' } }), () => raw.getUser('u1'), seconds);
    await compare('listUsers (8 styled query params)', () => client.listUsers({ query: QUERY }), () => raw.listUsers(QUERY), seconds);
    await compare('listUsers + validateResponses', () => validating.listUsers({ query: QUERY }), () => raw.listUsers(QUERY), seconds);
    const page = JSON.stringify(PAGE);
    const instant = async () => new Response(page, { headers: { 'content-type': 'application/json' } });
    const inProcess = createClient({ baseUrl: base, auth: { bearerAuth: 't' }, fetch: instant });
    const rawInProcess = handWritten(base, instant);
    await compare('listUsers, in-process fetch', () => inProcess.listUsers({ query: QUERY }), () => rawInProcess.listUsers(QUERY), seconds);
  } finally {
    child.kill();
    rmSync(dir, { recursive: true, force: true });
  }
}

if (option('serve')) serve();
else await main();
