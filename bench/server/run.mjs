// Server benchmark: the covenant-generated server (node adapter) against Fastify 5 with the same JSON
// schemas, on a validated JSON POST and a GET with path + query parameters. Each server runs in its
// own child process on 127.0.0.1; autocannon (programmatic API) loads them from this process in
// alternating 1 s slices after a warmup, `--duration` seconds each. Prints req/s, p99 latency and the
// ratio covenant / fastify.
//
//   npx tsc -p . && node bench/server/run.mjs [--duration 10] [--connections 50] [--baseline]
//   (--baseline adds a bare node:http server with no routing or validation, for scale)
import { execFileSync, fork } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
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

const ITEM = { id: 7, name: 'Lamp', price: 19.5, tags: ['home', 'light'] };
const NEW_ITEM = JSON.stringify({ name: 'Lamp', price: 19.5, tags: ['home', 'light'], owner: { id: 3, email: 'owner@example.com' } });

if (option('serve')) await serve(option('serve'), option('dir'));
else await main();

/** Generate the bench spec's server with the built CLI and compile it with tsc. */
function build() {
  mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'bench-server-'));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(HERE, 'bench.openapi.yaml'), join(dir, 'specs', 'bench.openapi.yaml'));
  writeFileSync(join(dir, 'covenant.yaml'), 'specs:\n  - path: specs/bench.openapi.yaml\n    targets: [typescript-server]\n');
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

async function serve(kind, dir) {
  let server;
  if (kind === 'node') {
    // baseline: node:http with JSON.parse / JSON.stringify and no validation at all
    server = createServer((req, res) => {
      const send = (status, value) => {
        const text = JSON.stringify(value);
        res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
        res.end(text);
      };
      if (req.method === 'POST') {
        const chunks = [];
        req.on('data', (c) => chunks.push(c));
        req.on('end', () => {
          const body = JSON.parse(Buffer.concat(chunks).toString('utf8'));
          send(201, { id: 1, name: body.name, price: body.price, tags: body.tags });
        });
      } else {
        const url = new URL(req.url, 'http://x');
        send(200, { ...ITEM, id: Number(url.pathname.split('/')[2]), verbose: url.searchParams.get('verbose') === 'true' });
      }
    });
  } else if (kind === 'covenant') {
    const started = performance.now();
    const { createServer: createBench } = await import(pathToFileURL(join(dir, 'out', 'generated', 'bench', 'server.js')).href);
    const { toNodeHandler } = await import('@covenant/runtime/server');
    const app = createBench({
      createItem: ({ body }) => ({ status: 201, body: { id: 1, name: body.name, price: body.price, tags: body.tags } }),
      getItem: ({ params }) => ({ status: 200, body: { ...ITEM, id: params.path.id, verbose: params.query.verbose === true } }),
    });
    const startup = performance.now() - started;
    server = createServer(toNodeHandler(app));
    process.send?.({ startup });
  } else {
    const { default: Fastify } = await import('fastify');
    const yaml = await import('yaml');
    const { readFileSync } = await import('node:fs');
    const spec = yaml.parse(readFileSync(join(HERE, 'bench.openapi.yaml'), 'utf8'));
    const { NewItem, Item } = spec.components.schemas;
    const app = Fastify({ logger: false });
    app.post('/items', { schema: { body: NewItem, response: { 201: Item } } }, async (request, reply) => {
      const body = request.body;
      reply.code(201);
      return { id: 1, name: body.name, price: body.price, tags: body.tags };
    });
    app.get(
      '/items/:id',
      {
        schema: {
          params: { type: 'object', required: ['id'], properties: { id: { type: 'integer', minimum: 1 } } },
          querystring: { type: 'object', properties: { verbose: { type: 'boolean' }, limit: { type: 'integer', minimum: 1, maximum: 100 } } },
          response: { 200: Item },
        },
      },
      async (request) => ({ ...ITEM, id: request.params.id, verbose: request.query.verbose === true }),
    );
    await app.ready();
    server = app.server;
  }
  server.keepAliveTimeout = 60_000;
  // the parent asks for this process's CPU time around each slice: CPU per request does not depend on
  // how the machine's cores were shared during the run
  process.on('message', (message) => {
    if (message === 'cpu') process.send?.({ cpu: process.cpuUsage() });
  });
  server.listen(0, '127.0.0.1', () => process.send?.({ port: server.address().port }));
}

function start(kind, dir) {
  return new Promise((resolveStart, reject) => {
    const child = fork(fileURLToPath(import.meta.url), ['--serve', kind, '--dir', dir], { stdio: 'inherit' });
    const info = {};
    const onMessage = (message) => {
      Object.assign(info, message);
      if (message.port) {
        child.off('message', onMessage);
        resolveStart({ child, ...info });
      }
    };
    child.on('message', onMessage);
    child.on('error', reject);
  });
}

/**
 * Load both servers in alternating 1-second slices (order swapped every round) so that whatever else
 * runs on the machine weighs on both alike; req/s = requests / seconds over all slices, p99 = median
 * of the slices' p99.
 */
function cpuOf(child) {
  return new Promise((resolve) => {
    child.once('message', (message) => resolve(message.cpu.user + message.cpu.system));
    child.send('cpu');
  });
}

async function compare(autocannon, urls, children, request, duration, connections) {
  const run = async (url, seconds) => {
    const result = await autocannon({ url, connections, pipelining: 1, duration: seconds, ...request });
    if (result.non2xx > 0 || result.errors > 0) throw new Error(`${url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
    return result;
  };
  for (const url of Object.values(urls)) await run(url, 2); // warmup
  const totals = Object.fromEntries(Object.keys(urls).map((k) => [k, { requests: 0, seconds: 0, p99: [], cpu: 0 }]));
  const kinds = Object.keys(urls);
  for (let round = 0; round < duration; round++) {
    for (const kind of round % 2 === 0 ? kinds : [...kinds].reverse()) {
      const before = await cpuOf(children[kind]);
      const result = await run(urls[kind], 1);
      totals[kind].cpu += (await cpuOf(children[kind])) - before;
      totals[kind].requests += result.requests.total;
      totals[kind].seconds += result.duration;
      totals[kind].p99.push(result.latency.p99);
    }
  }
  const out = {};
  for (const [kind, t] of Object.entries(totals)) {
    const sorted = t.p99.sort((a, b) => a - b);
    out[kind] = { rps: t.requests / t.seconds, p99: sorted[Math.floor(sorted.length / 2)], cpuPerRequest: t.cpu / t.requests };
  }
  return out;
}

async function main() {
  const duration = Number(option('duration', '10'));
  const connections = Number(option('connections', '50'));
  const { default: autocannon } = await import('autocannon');
  const dir = build();
  const scenarios = [
    { name: 'POST /items (validated JSON body)', path: '/items', request: { method: 'POST', headers: { 'content-type': 'application/json' }, body: NEW_ITEM } },
    { name: 'GET /items/{id}?verbose&limit (path + query)', path: '/items/42?verbose=true&limit=10', request: { method: 'GET' } },
  ];
  const rows = [];
  const covenant = await start('covenant', dir);
  const fastify = await start('fastify', dir);
  const baseline = args.includes('--baseline') ? await start('node', dir) : undefined;
  try {
    for (const scenario of scenarios) {
      const urls = { covenant: `http://127.0.0.1:${covenant.port}${scenario.path}`, fastify: `http://127.0.0.1:${fastify.port}${scenario.path}` };
      if (baseline) urls.node = `http://127.0.0.1:${baseline.port}${scenario.path}`;
      const children = { covenant: covenant.child, fastify: fastify.child, node: baseline?.child };
      rows.push({ scenario: scenario.name, ...(await compare(autocannon, urls, children, scenario.request, duration, connections)) });
    }
  } finally {
    covenant.child.kill();
    fastify.child.kill();
    baseline?.child.kill();
  }
  console.log(`\nserver benchmark: ${duration}s per run after a 2s warmup, ${connections} connections, node ${process.version}`);
  for (const row of rows) {
    const ratio = row.covenant.rps / row.fastify.rps;
    console.log(`\n${row.scenario}`);
    const line = (name, r) => `  ${name} ${r.rps.toFixed(0).padStart(7)} req/s   p99 ${String(r.p99).padStart(3)} ms   server CPU ${r.cpuPerRequest.toFixed(1)} us/request`;
    console.log(line('covenant ', row.covenant));
    console.log(line('fastify  ', row.fastify));
    if (row.node) console.log(`${line('node:http', row.node)}   (baseline: no routing, no validation)`);
    const efficiency = row.fastify.cpuPerRequest / row.covenant.cpuPerRequest;
    console.log(`  ratio covenant/fastify: throughput ${ratio.toFixed(2)}x, CPU efficiency ${efficiency.toFixed(2)}x  (target >= 0.90x)  ${ratio >= 0.9 ? 'OK' : 'BELOW TARGET'}`);
  }
  console.log(`\ncovenant bench server startup (import runtime + generated server, compile validators): ${covenant.startup.toFixed(1)} ms`);
}
