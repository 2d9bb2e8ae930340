#!/usr/bin/env node
/**
 * covenant gen (ts-proto target) against the same buf + ts-proto invocation by hand, on a
 * googleapis subset (default google/cloud/aiplatform from google-proto-files, with its imports:
 * ~374 .proto files). Both run as child processes, alternating, `--rounds` times each; prints
 * the medians and the ratio covenant / by-hand (target ≤ 1.1). Needs `npx tsc -p .` first.
 *
 *   node bench/gen-proto/run.mjs [--rounds 3] [--path google/cloud/aiplatform]
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const BIN = join(REPO, 'dist', 'cli', 'covenant.js');
if (!existsSync(BIN)) {
  console.error('build first: npx tsc -p .');
  process.exit(2);
}
const { bufBinaryPath } = await import(join(REPO, 'dist', 'src', 'spec', 'proto', 'buf.js'));
const { tsProtoParameters, tsProtoPlugin } = await import(join(REPO, 'dist', 'src', 'gen', 'ts-proto', 'options.js'));

const args = process.argv.slice(2);
const flag = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 ? args[i + 1] : fallback;
};
const rounds = Number(flag('rounds', '3'));
const protoPath = flag('path', 'google/cloud/aiplatform');
const BUF = bufBinaryPath(REPO);
const WORK = join(REPO, 'bench', '.tmp', 'gen-proto');
rmSync(WORK, { recursive: true, force: true });
mkdirSync(WORK, { recursive: true });

// the module: the package and everything it imports, exported by buf
const google = join(REPO, 'node_modules', 'google-proto-files');
run(BUF, ['export', '.', '--path', protoPath, '-o', join(WORK, 'protos')], google);
const protoCount = walk(join(WORK, 'protos')).filter((f) => f.endsWith('.proto')).length;

// by hand: buf generate with a buf.gen.yaml naming the same plugin and the same options covenant uses
const opt = tsProtoParameters({}, REPO);
writeFileSync(
  join(WORK, 'buf.gen.yaml'),
  ['version: v2', 'plugins:', `  - local: [${JSON.stringify(process.execPath)}, ${JSON.stringify(tsProtoPlugin(REPO))}]`, '    out: out-by-hand', '    strategy: all', '    opt:', ...opt.map((o) => `      - ${JSON.stringify(o)}`), ''].join('\n'),
);
writeFileSync(join(WORK, 'covenant.yaml'), 'specs:\n  - path: protos\n    name: bench\n    output: out-covenant\n');

const byHand = () => {
  rmSync(join(WORK, 'out-by-hand'), { recursive: true, force: true });
  return timed(BUF, ['generate', 'protos', '--template', 'buf.gen.yaml'], WORK);
};
const viaCovenant = () => {
  rmSync(join(WORK, 'out-covenant'), { recursive: true, force: true });
  return timed(process.execPath, [BIN, 'gen'], WORK);
};

console.log(`gen-proto: ${protoPath} (${protoCount} .proto files with imports), ${rounds} rounds each, alternating`);
const hand = [];
const cov = [];
for (let i = 0; i < rounds; i++) {
  hand.push(byHand());
  cov.push(viaCovenant());
  console.log(`  round ${i + 1}: by hand ${fmt(hand[i])}, covenant ${fmt(cov[i])}`);
}

// same work: identical files apart from covenant's header line (and its manifest)
const handFiles = walk(join(WORK, 'out-by-hand')).sort();
const covFiles = walk(join(WORK, 'out-covenant')).filter((f) => f !== '.covenant-manifest.json').sort();
if (JSON.stringify(handFiles) !== JSON.stringify(covFiles)) throw new Error('the two runs produced different file lists');
let lines = 0;
for (const f of handFiles) {
  const a = readFileSync(join(WORK, 'out-by-hand', f), 'utf8');
  const b = readFileSync(join(WORK, 'out-covenant', f), 'utf8');
  if (b.slice(b.indexOf('\n') + 1) !== a) throw new Error(`${f} differs beyond the header`);
  lines += a.split('\n').length;
}

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const wallRatio = median(cov.map((r) => r.wall)) / median(hand.map((r) => r.wall));
const cpuRatio = median(cov.map((r) => r.cpu)) / median(hand.map((r) => r.cpu));
console.log(`output: ${handFiles.length} .ts files, ${lines} lines, identical apart from covenant's header`);
console.log(`median by hand (buf generate + ts-proto): ${fmt({ wall: median(hand.map((r) => r.wall)), cpu: median(hand.map((r) => r.cpu)) })}`);
console.log(`median covenant gen:                      ${fmt({ wall: median(cov.map((r) => r.wall)), cpu: median(cov.map((r) => r.cpu)) })}`);
console.log(`ratio covenant / by hand: wall ${wallRatio.toFixed(3)}×, cpu ${cpuRatio.toFixed(3)}× (target ≤ 1.1×) ${wallRatio <= 1.1 ? 'OK' : 'OVER'}`);
const load = (await import('node:os')).loadavg()[0];
console.log(`load average during the run: ${load.toFixed(1)} on ${(await import('node:os')).availableParallelism()} cores${load > 2 ? ' (busy machine: wall times are noisy, the cpu ratio is the steadier figure)' : ''}`);
if (!args.includes('--keep')) rmSync(WORK, { recursive: true, force: true });

function fmt(r) {
  return `${r.wall.toFixed(2)} s wall, ${r.cpu.toFixed(2)} s cpu`;
}

function run(cmd, argv, cwd) {
  const r = spawnSync(cmd, argv, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  if (r.status !== 0) throw new Error(`${cmd} ${argv.join(' ')} failed (${r.status}): ${r.stderr}`);
  return r;
}

/** Wall seconds, and CPU seconds (user + sys of the whole process tree, from bash's `times`). */
function timed(cmd, argv, cwd) {
  const start = process.hrtime.bigint();
  const r = run('bash', ['-c', '"$@" >/dev/null || exit $?; times', 'timed', cmd, ...argv], cwd);
  const wall = Number(process.hrtime.bigint() - start) / 1e9;
  const children = r.stdout.trim().split('\n').pop().split(/\s+/);
  const seconds = (text) => {
    const m = /^(\d+)m([\d.]+)s$/.exec(text);
    return m ? Number(m[1]) * 60 + Number(m[2]) : NaN;
  };
  return { wall, cpu: seconds(children[0]) + seconds(children[1]) };
}

function walk(root) {
  const out = [];
  const visit = (d) => {
    for (const item of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, item.name);
      if (item.isDirectory()) visit(abs);
      else out.push(relative(root, abs).split(sep).join('/'));
    }
  };
  if (existsSync(root)) visit(root);
  return out;
}
