// Generation benchmark on GitHub's REST spec (13 MB JSON, ~1000 operations):
//   covenant:  load + bundle + types (openapi-typescript) + typescript-client + typescript-server, written to disk
//   peer:      openapi-typescript alone (JSON.parse + openapiTS + astToString), written to disk
// Each side runs in a fresh process (no shared caches or JIT), alternating, `--runs` times; the median
// wall times and their ratio are printed (target: covenant ≤ 1.25× the peer). Then `tsc --strict
// --noEmit` on each side's output (covenant: types.ts + client.ts + server.ts; peer: its types file):
// the ratio of type-check times (target ≤ 1.5×). `--profile` writes a .cpuprofile of one covenant run.
//
// `--validators standalone` asks typescript-server for ajv standalone code generated now instead of
// validators compiled by the server at first use (`runtime`, its default).
//
//   npx tsc -p . && node bench/gen-github/run.mjs [--runs 3] [--spec path] [--validators standalone|runtime] [--profile]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const args = process.argv.slice(2);
const option = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const SPEC = resolve(REPO, option('spec', 'node_modules/@octokit/openapi/generated/api.github.com.json'));
const OUT = join(REPO, 'bench', '.tmp', 'gen-github');
const VALIDATORS = option('validators', undefined);

/** One side, in this (fresh) process: prints `{ ms, phases }` as JSON on stdout. */
async function side(which) {
  const started = performance.now();
  const phases = {};
  const mark = (name, since) => {
    phases[name] = Math.round(performance.now() - since);
    return performance.now();
  };
  if (which === 'peer') {
    let t = performance.now();
    const { default: openapiTS, astToString } = await import('openapi-typescript');
    t = mark('import', t);
    const document = JSON.parse(readFileSync(SPEC, 'utf8'));
    t = mark('parse', t);
    const text = astToString(await openapiTS(document, { silent: true }));
    t = mark('openapi-typescript', t);
    mkdirSync(join(OUT, 'peer'), { recursive: true });
    writeFileSync(join(OUT, 'peer', 'types.ts'), text);
    mark('write', t);
  } else {
    let t = performance.now();
    const { loadOpenApi } = await import(pathToFileURL(join(REPO, 'dist/src/spec/openapi/load.js')).href);
    const { findTarget } = await import(pathToFileURL(join(REPO, 'dist/src/gen/registry.js')).href);
    await import(pathToFileURL(join(REPO, 'dist/src/gen/all-targets.js')).href);
    const { writeOutput } = await import(pathToFileURL(join(REPO, 'dist/src/gen/write.js')).href);
    const { PACKAGE_ROOT } = await import(pathToFileURL(join(REPO, 'dist/src/gen/run.js')).href);
    t = mark('import', t);
    const spec = await loadOpenApi(SPEC, { name: 'github', cwd: REPO });
    t = mark('load', t);
    const ctx = { cwd: REPO, outputDir: join(OUT, 'covenant'), header: '// bench\n', packageRoot: PACKAGE_ROOT, progress() {} };
    const files = new Map();
    for (const name of ['typescript-client', 'typescript-server']) {
      const options = name === 'typescript-server' && VALIDATORS ? { validators: VALIDATORS } : {};
      for (const f of await findTarget(name).generate(spec, options, ctx)) files.set(f.path, f);
      t = mark(name, t);
    }
    writeOutput(join(OUT, 'covenant'), [...files.values()]);
    mark('write', t);
  }
  process.stdout.write(JSON.stringify({ ms: Math.round(performance.now() - started), phases }));
}

function runSide(which, extra = []) {
  const out = execFileSync(process.execPath, ['--max-old-space-size=8192', ...extra, fileURLToPath(import.meta.url), '--side', which, '--spec', SPEC, ...(VALIDATORS ? ['--validators', VALIDATORS] : [])], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  return JSON.parse(out.trim().split('\n').pop());
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

function tscTime(files) {
  const started = performance.now();
  const result = spawnSync(
    process.execPath,
    ['--max-old-space-size=8192', join(REPO, 'node_modules/typescript/bin/tsc'), '--strict', '--noEmit', '--skipLibCheck', '--target', 'ES2022', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--lib', 'ES2022,DOM', '--types', 'node', ...files],
    { cwd: REPO, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 },
  );
  const ms = Math.round(performance.now() - started);
  const errors = result.stdout.split('\n').filter((l) => l.includes('error TS'));
  return { ms, errors };
}

async function main() {
  if (args.includes('--side')) return side(option('side'));
  const runs = Number(option('runs', '3'));
  rmSync(OUT, { recursive: true, force: true });
  console.log(`spec: ${SPEC.replace(REPO + '/', '')} (${(statSync(SPEC).size / 1e6).toFixed(1)} MB), ${runs} runs per side, each in a fresh process${VALIDATORS ? `, server validators: ${VALIDATORS}` : ''}`);
  const results = { covenant: [], peer: [] };
  for (let i = 0; i < runs; i++) {
    for (const which of i % 2 ? ['peer', 'covenant'] : ['covenant', 'peer']) {
      const r = runSide(which);
      results[which].push(r);
      console.log(`  ${which.padEnd(8)} ${String(r.ms).padStart(6)} ms  ${Object.entries(r.phases).map(([k, v]) => `${k} ${v}`).join(', ')}`);
    }
  }
  const ours = median(results.covenant.map((r) => r.ms));
  const peer = median(results.peer.map((r) => r.ms));
  console.log(`gen: covenant (types + client + server) ${ours} ms vs openapi-typescript ${peer} ms → ratio ${(ours / peer).toFixed(2)}× (target ≤ 1.25×)`);

  const ourFiles = ['types.ts', 'client.ts', 'server.ts', 'validators.ts'].map((f) => join(OUT, 'covenant', f)).filter((f) => existsSync(f));
  const size = (files) => (files.reduce((n, f) => n + statSync(f).size, 0) / 1e6).toFixed(1);
  // alternating, `runs` times each, median (one tsc run swings by ±30 % on this machine)
  const tscRuns = { ours: [], peer: [] };
  for (let i = 0; i < runs; i++) {
    tscRuns.ours.push(tscTime(ourFiles));
    tscRuns.peer.push(tscTime([join(OUT, 'peer', 'types.ts')]));
  }
  const byMs = (xs) => [...xs].sort((a, b) => a.ms - b.ms)[Math.floor(xs.length / 2)];
  const tscOurs = byMs(tscRuns.ours);
  const tscPeer = byMs(tscRuns.peer);
  console.log(`tsc runs (ms): covenant ${tscRuns.ours.map((r) => r.ms).join(', ')}; openapi-typescript ${tscRuns.peer.map((r) => r.ms).join(', ')}`);
  console.log(`tsc --strict --noEmit (median of ${runs}): covenant output (${size(ourFiles)} MB) ${tscOurs.ms} ms${tscOurs.errors.length ? ` [${tscOurs.errors.length} errors: ${tscOurs.errors[0]}]` : ''} vs openapi-typescript output (${size([join(OUT, 'peer', 'types.ts')])} MB) ${tscPeer.ms} ms${tscPeer.errors.length ? ` [${tscPeer.errors.length} errors]` : ''} → ratio ${(tscOurs.ms / tscPeer.ms).toFixed(2)}× (target ≤ 1.5×)`);

  if (args.includes('--profile')) {
    const dir = join(OUT, 'profile');
    mkdirSync(dir, { recursive: true });
    runSide('covenant', ['--cpu-prof', `--cpu-prof-dir=${dir}`]);
    console.log(`cpu profile of one covenant run written to ${dir.replace(REPO + '/', '')}/`);
  }
}

await main();
