// Go ↔ TypeScript gRPC, side by side: the ts-proto TypeScript client calling the Go server the
// go-grpc target generated (test/interop/fixtures/orders-server.go), and the same client calling a
// TypeScript nice-grpc server on the ts-proto code (test/interop/fixtures/orders-client.ts); each
// server in its own process.
// Prints calls (messages) per second and the Go/TypeScript ratio.
//
//   npx tsc -p . && node bench/go-interop/run.mjs      (needs go, protoc-gen-go, protoc-gen-go-grpc)
import { spawn, spawnSync } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = fileURLToPath(new URL('../..', import.meta.url));
const UNARY = Number(process.env.CALLS ?? 10000);
const CONCURRENCY = Number(process.env.CONCURRENCY ?? 64);
const STREAMED = Number(process.env.STREAMED ?? 2000);

function run(command, args, options = {}) {
  const result = spawnSync(command, args, { encoding: 'utf8', ...options });
  if (result.status !== 0) throw new Error(`${command} ${args.join(' ')} failed:\n${result.stdout}${result.stderr}${result.error ?? ''}`);
  return result;
}

mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'bench-go-interop-'));
let goServer;
let tsServer;
try {
  cpSync(join(REPO, 'specs', 'orders'), join(dir, 'specs', 'orders'), { recursive: true });
  writeFileSync(
    join(dir, 'covenant.yaml'),
    'specs:\n  - path: specs\n    name: orders\n    kind: proto\n    targets:\n      - name: ts-proto\n        output: generated/ts\n      - name: go-grpc\n        output: go/src/example.com/interop/gen\n        options: { goPackagePrefix: example.com/interop/gen }\n',
  );
  run(process.execPath, [join(REPO, 'dist', 'cli', 'covenant.js'), 'gen'], { cwd: dir });
  mkdirSync(join(dir, 'go', 'src', 'example.com', 'interop', 'server'), { recursive: true });
  copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'orders-server.go'), join(dir, 'go', 'src', 'example.com', 'interop', 'server', 'main.go'));
  run('go', ['build', '-o', join(dir, 'orders-server'), 'example.com/interop/server'], {
    cwd: join(dir, 'go'),
    env: { ...process.env, GO111MODULE: 'off', GOPATH: `${join(dir, 'go')}:/usr/share/gocode`, GOFLAGS: '' },
  });
  // the interop test's TypeScript side: the ts-proto client and a TypeScript orders server
  copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'orders-client.ts'), join(dir, 'harness.ts'));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({ compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', strict: true, skipLibCheck: true, types: ['node'], outDir: 'build', rootDir: '.' }, include: ['**/*.ts'], exclude: ['build', 'go'] }),
  );
  run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', dir], { cwd: dir });
  const harness = await import(pathToFileURL(join(dir, 'build', 'harness.js')).href);

  // each server in its own process; the client in this one
  const started = (child) =>
    new Promise((resolve, reject) => {
      let out = '';
      child.stdout.on('data', (b) => {
        out += b;
        const match = /listening (\S+)/.exec(out);
        if (match) resolve(match[1]);
      });
      child.once('exit', (code) => reject(new Error(`server exited ${code}: ${out}`)));
    });
  goServer = spawn(join(dir, 'orders-server'), ['-addr', '127.0.0.1:0'], { stdio: ['pipe', 'pipe', 'inherit'] });
  const goAddress = await started(goServer);
  const serverMain = `import(${JSON.stringify(pathToFileURL(join(dir, 'build', 'harness.js')).href)}).then((h) => h.startTypeScriptServer()).then((s) => console.log('listening ' + s.address));`;
  tsServer = spawn(process.execPath, ['--input-type=module', '-e', serverMain], { stdio: ['pipe', 'pipe', 'inherit'] });
  const tsAddress = await started(tsServer);

  async function measure(address) {
    const { client, close } = harness.connect(address);
    try {
      const { order } = await client.createOrder({ customerId: 'bench', items: [{ sku: 'a', quantity: 2, unitPrice: { currency: 'EUR', amountMinor: 2n ** 53n + 1n } }] });
      for (let i = 1; i < STREAMED; i++) await client.createOrder({ customerId: 'bench-stream', items: [] }).catch(() => {});
      const unary = async (calls) => {
        let left = calls;
        await Promise.all(
          Array.from({ length: CONCURRENCY }, async () => {
            while (left-- > 0) {
              const { order: got } = await client.getOrder({ id: order.id });
              if (got.total.amountMinor !== (2n ** 53n + 1n) * 2n) throw new Error('wrong total');
            }
          }),
        );
      };
      await unary(Math.min(2000, UNARY)); // warm-up
      let start = process.hrtime.bigint();
      await unary(UNARY);
      const unaryPerSecond = UNARY / (Number(process.hrtime.bigint() - start) / 1e9);
      start = process.hrtime.bigint();
      let streamed = 0;
      for await (const _ of client.listOrders({ customerId: 'bench-stream' })) streamed++;
      const streamPerSecond = streamed / (Number(process.hrtime.bigint() - start) / 1e9);
      return { unaryPerSecond, streamPerSecond, streamed };
    } finally {
      close();
    }
  }

  const go = await measure(goAddress);
  const ts = await measure(tsAddress);
  const fmt = (n) => Math.round(n).toLocaleString('en-US');
  console.log(`unary GetOrder (${UNARY} calls, ${CONCURRENCY} in flight), ts-proto client:`);
  console.log(`  → Go server (go-grpc)          ${fmt(go.unaryPerSecond)} calls/s`);
  console.log(`  → TypeScript server (ts-proto) ${fmt(ts.unaryPerSecond)} calls/s`);
  console.log(`  ratio Go / TypeScript: ${(go.unaryPerSecond / ts.unaryPerSecond).toFixed(2)}`);
  console.log(`server streaming ListOrders (${go.streamed} / ${ts.streamed} messages):`);
  console.log(`  → Go server ${fmt(go.streamPerSecond)} msg/s, → TypeScript server ${fmt(ts.streamPerSecond)} msg/s, ratio ${(go.streamPerSecond / ts.streamPerSecond).toFixed(2)}`);
} finally {
  goServer?.kill('SIGTERM');
  tsServer?.kill('SIGTERM');
  rmSync(dir, { recursive: true, force: true });
}
