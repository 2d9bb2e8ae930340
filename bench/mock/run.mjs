// Mock benchmark: `covenant mock` (the built CLI) against Prism (`prism mock`, @stoplight/prism-cli) and
// a hand-written Fastify 5 server with the same routes, schemas and example answers, on one spec:
// a GET with path + query parameters and a validated JSON POST. Each server is a child process on
// 127.0.0.1; autocannon loads them from this process in alternating 1 s slices after a warmup.
// Request logging is off in all three (covenant --quiet, prism -v silent, Fastify logger: false);
// `--logs` turns it on for covenant and Prism. Prints req/s, p99 and the ratios.
//
//   npm run build && node bench/mock/run.mjs [--duration 6] [--connections 20] [--logs]
import { fork, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const SPEC = join(HERE, 'bench.openapi.yaml');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const logs = args.includes('--logs');
const NEW_ITEM = JSON.stringify({ name: 'Lamp', price: 19.5, tags: ['home', 'light'], owner: { id: 3, email: 'owner@example.com' } });

if (args.includes('--fastify')) await serveFastify();
else await main();

/** The hand-written equivalent: the spec's schemas on Fastify routes answering the spec's examples. */
async function serveFastify() {
  const { default: Fastify } = await import('fastify');
  const yaml = await import('yaml');
  const spec = yaml.parse(readFileSync(SPEC, 'utf8'));
  const { NewItem, Item } = spec.components.schemas;
  const created = spec.paths['/items'].post.responses['201'].content['application/json'].example;
  const item = spec.paths['/items/{id}'].get.responses['200'].content['application/json'].example;
  const app = Fastify({ logger: false });
  app.post('/items', { schema: { body: NewItem, response: { 201: Item } } }, async (_request, reply) => {
    reply.code(201);
    return created;
  });
  const params = { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } };
  const querystring = { type: 'object', properties: { verbose: { type: 'boolean' } } };
  app.get('/items/:id', { schema: { params, querystring, response: { 200: Item } } }, async () => item);
  await app.listen({ port: 0, host: '127.0.0.1' });
  process.send?.({ port: app.server.address().port });
}

function freePort() {
  return new Promise((done) => {
    const probe = createServer().listen(0, '127.0.0.1', () => {
      const { port } = probe.address();
      probe.close(() => done(port));
    });
  });
}

/** Start a child; resolves with its port once it answers. */
async function start(kind) {
  if (kind === 'fastify') {
    return new Promise((done, fail) => {
      const child = fork(fileURLToPath(import.meta.url), ['--fastify'], { stdio: 'inherit' });
      child.once('message', (m) => done({ child, port: m.port }));
      child.once('error', fail);
    });
  }
  const port = await freePort();
  const command =
    kind === 'covenant'
      ? [process.execPath, [join(REPO, 'dist', 'cli', 'covenant.js'), 'mock', SPEC, '--port', String(port), '--no-watch', ...(logs ? [] : ['--quiet'])]]
      : [join(REPO, 'node_modules', '.bin', 'prism'), ['mock', SPEC, '-h', '127.0.0.1', '-p', String(port), '-v', logs ? 'info' : 'silent']];
  const child = spawn(command[0], command[1], { stdio: ['ignore', logs ? 'ignore' : 'pipe', 'inherit'] });
  child.stdout?.resume();
  const deadline = Date.now() + 60_000;
  for (;;) {
    try {
      const response = await fetch(`http://127.0.0.1:${port}/items/1`);
      await response.arrayBuffer();
      return { child, port };
    } catch {
      if (Date.now() > deadline || child.exitCode !== null) throw new Error(`${kind} did not start on port ${port}`);
      await new Promise((r) => setTimeout(r, 200));
    }
  }
}

async function compare(autocannon, urls, request, duration, connections) {
  const run = async (url, seconds) => {
    const result = await autocannon({ url, connections, pipelining: 1, duration: seconds, ...request });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return result;
  };
  for (const url of Object.values(urls)) await run(url, 2); // warmup
  const kinds = Object.keys(urls);
  const totals = Object.fromEntries(kinds.map((k) => [k, { requests: 0, seconds: 0, p99: [] }]));
  for (let round = 0; round < duration; round++) {
    for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
      const result = await run(urls[kind], 1);
      totals[kind].requests += result.requests.total;
      totals[kind].seconds += result.duration;
      totals[kind].p99.push(result.latency.p99);
    }
  }
  const out = {};
  for (const [kind, t] of Object.entries(totals)) {
    const sorted = t.p99.sort((a, b) => a - b);
    out[kind] = { rps: t.requests / t.seconds, p99: sorted[Math.floor(sorted.length / 2)] };
  }
  return out;
}

async function main() {
  const duration = Number(option('duration', '6'));
  const connections = Number(option('connections', '20'));
  const { default: autocannon } = await import('autocannon');
  const scenarios = [
    { name: 'GET /items/{id}?verbose (path + query validated, example answer)', path: '/items/42?verbose=true', request: { method: 'GET' } },
    { name: 'POST /items (validated JSON body, example answer)', path: '/items', request: { method: 'POST', headers: { 'content-type': 'application/json' }, body: NEW_ITEM } },
  ];
  const servers = {};
  try {
    for (const kind of ['covenant', 'prism', 'fastify']) servers[kind] = await start(kind);
    const rows = [];
    for (const scenario of scenarios) {
      const urls = Object.fromEntries(Object.entries(servers).map(([kind, s]) => [kind, `http://127.0.0.1:${s.port}${scenario.path}`]));
      rows.push({ scenario: scenario.name, ...(await compare(autocannon, urls, scenario.request, duration, connections)) });
    }
    console.log(`\nmock benchmark: ${duration} x 1s slices per server after a 2s warmup, ${connections} connections, request logs ${logs ? 'on' : 'off'}, node ${process.version}`);
    for (const row of rows) {
      console.log(`\n${row.scenario}`);
      for (const kind of ['covenant', 'prism', 'fastify']) console.log(`  ${kind.padEnd(9)} ${row[kind].rps.toFixed(0).padStart(7)} req/s   p99 ${String(row[kind].p99).padStart(4)} ms`);
      const vsFastify = row.covenant.rps / row.fastify.rps;
      console.log(`  covenant/fastify ${vsFastify.toFixed(2)}x (goal >= 0.50x ${vsFastify >= 0.5 ? 'OK' : 'BELOW GOAL'})   covenant/prism ${(row.covenant.rps / row.prism.rps).toFixed(1)}x   prism/fastify ${(row.prism.rps / row.fastify.rps).toFixed(2)}x`);
    }
  } finally {
    for (const s of Object.values(servers)) s.child.kill();
  }
}
