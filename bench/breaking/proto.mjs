// Proto breaking changes on googleapis (node_modules/google-proto-files, ~8000 files): covenant
// (`covenant breaking protos --against HEAD`) against raw buf on the same git input, with one
// synthetic breaking change (a field deleted in google/cloud/secretmanager/v1/service.proto).
//
//   node bench/breaking/proto.mjs            narrowed runs (3 each) + one full run each
//   BENCH_FULL=0 node bench/breaking/proto.mjs   narrowed runs only (the full ones take minutes)
//
// Narrowed: covenant passes `--path` for the changed files (its default with --against); the peer
// is the same narrowing done by hand with buf's git input. Full: every file (covenant --no-narrow;
// buf without --path). Prints wall times (median) and the covenant/buf ratio.
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const BIN = join(ROOT, 'dist', 'cli', 'covenant.js');
const BUF = join(ROOT, 'node_modules', '@bufbuild', 'buf-linux-x64', 'bin', 'buf');
const SOURCE = join(ROOT, 'node_modules', 'google-proto-files');
const WORK = join(ROOT, 'bench', '.tmp', 'breaking-proto');
const MODULE = join(WORK, 'protos');
const CHANGED = 'google/cloud/secretmanager/v1/service.proto';
const RUNS = Number(process.env.BENCH_RUNS ?? 3);

function run(cmd, args, cwd, allowed = [0]) {
  const start = process.hrtime.bigint();
  const r = spawnSync(cmd, args, { cwd, encoding: 'utf8', maxBuffer: 1 << 28, env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - start) / 1e6;
  if (!allowed.includes(r.status)) throw new Error(`${cmd} ${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return { ms, stdout: r.stdout, status: r.status };
}

function setup() {
  if (!existsSync(join(WORK, '.git'))) {
    rmSync(WORK, { recursive: true, force: true });
    mkdirSync(MODULE, { recursive: true });
    // google/protobuf is buf's own (well-known types): leave it out as googleapis does
    cpSync(join(SOURCE, 'google'), join(MODULE, 'google'), { recursive: true, filter: (p) => !p.includes(`${join('google', 'protobuf')}`) });
    cpSync(join(SOURCE, 'grafeas'), join(MODULE, 'grafeas'), { recursive: true });
    run('git', ['init', '-q', '-b', 'main'], WORK);
    run('git', ['add', '-A'], WORK);
    run('git', ['-c', 'user.email=b@b', '-c', 'user.name=bench', 'commit', '-q', '-m', 'googleapis'], WORK);
  }
  run('git', ['checkout', '-q', '--', '.'], WORK);
  const file = join(MODULE, CHANGED);
  const text = readFileSync(file, 'utf8');
  const changed = text.replace(/\n  int32 page_size = 2 \[\(google\.api\.field_behavior\) = OPTIONAL\];\n/, '\n');
  if (changed === text) throw new Error('synthetic change not applied');
  writeFileSync(file, changed);
}

function median(values) {
  const s = [...values].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)];
}

function measure(label, fn, runs) {
  const times = [];
  let last;
  for (let i = 0; i < runs; i++) {
    last = fn();
    times.push(last.ms);
  }
  return { label, ms: median(times), last };
}

function findingsOf(covenantJson) {
  return JSON.parse(covenantJson).findings.map((f) => `${f.rule} ${f.location.file}:${f.location.line}:${f.location.column}`);
}

function bufFindings(stdout) {
  return stdout
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l))
    .map((d) => `${d.type} protos/${d.path}:${d.start_line}:${d.start_column}`);
}

setup();
const files = run('git', ['ls-files', 'protos'], WORK).stdout.split('\n').filter((f) => f.endsWith('.proto')).length;
console.log(`googleapis: ${files} .proto files; change: field deleted in ${CHANGED}`);

const pairs = [];
const narrowedCovenant = measure('covenant breaking protos --against HEAD', () => run(process.execPath, [BIN, 'breaking', 'protos', '--against', 'HEAD', '--format', 'json'], WORK, [1]), RUNS);
const gitInput = `../.git#ref=HEAD,subdir=protos`;
const narrowedBuf = measure(`buf breaking . --against ${gitInput} --path ${CHANGED}`, () => run(BUF, ['breaking', '.', '--against', gitInput, '--path', CHANGED, '--error-format', 'json'], MODULE, [100]), RUNS);
const a = findingsOf(narrowedCovenant.last.stdout);
const b = bufFindings(narrowedBuf.last.stdout);
if (JSON.stringify(a) !== JSON.stringify(b)) throw new Error(`different findings:\n${a.join('\n')}\n---\n${b.join('\n')}`);
pairs.push(['narrowed (changed files only)', narrowedCovenant, narrowedBuf]);

if (process.env.BENCH_FULL !== '0') {
  const fullCovenant = measure('covenant breaking protos --against HEAD --no-narrow', () => run(process.execPath, [BIN, 'breaking', 'protos', '--against', 'HEAD', '--no-narrow', '--format', 'json'], WORK, [1]), 1);
  const fullBuf = measure(`buf breaking . --against ${gitInput}`, () => run(BUF, ['breaking', '.', '--against', gitInput, '--error-format', 'json'], MODULE, [100]), 1);
  const c = findingsOf(fullCovenant.last.stdout);
  const d = bufFindings(fullBuf.last.stdout);
  if (JSON.stringify(c) !== JSON.stringify(d)) throw new Error(`different findings (full):\n${c.join('\n')}\n---\n${d.join('\n')}`);
  pairs.push(['full module', fullCovenant, fullBuf]);
  console.log(`narrowing: covenant ${(fullCovenant.ms / 1000).toFixed(2)} s → ${(narrowedCovenant.ms / 1000).toFixed(2)} s (${(fullCovenant.ms / narrowedCovenant.ms).toFixed(1)}× faster); buf ${(fullBuf.ms / 1000).toFixed(2)} s → ${(narrowedBuf.ms / 1000).toFixed(2)} s`);
}

for (const [title, ours, peer] of pairs) {
  console.log(`\n${title}`);
  console.log(`  covenant  ${(ours.ms / 1000).toFixed(2)} s   ${ours.label}`);
  console.log(`  buf       ${(peer.ms / 1000).toFixed(2)} s   ${peer.label}`);
  console.log(`  ratio covenant/buf = ${(ours.ms / peer.ms).toFixed(2)}× (target ≤ 1.1×)`);
}
run('git', ['checkout', '-q', '--', '.'], WORK);
