// Install size of covenant for an OpenAPI-only project, before and after the runtime became its own
// package and the proto/Pact/openapi-generator engines became optional peers. Both sides are installed
// from local `npm pack` tarballs into scratch projects OUTSIDE the repo (npm fetches the dependencies
// from its cache or the registry; install scripts off on both sides):
//   before  covenant at 9a2690e (`git archive`, compiled with this repo's node_modules, packed):
//           `npm i -D covenant`; its generated code imported covenant/runtime, so production needed it too
//   after   this tree's covenant and @covenant/runtime, packed: `npm i @covenant/runtime` + `npm i -D covenant`
//           (the documented install), then `npm ci --omit=dev`: what a deployment of generated code installs
// Prints installed packages (folders with a package.json in node_modules, nested ones too) and `du` of
// node_modules for each. Network-bound, not CPU-bound.
//
//   npm run build && node bench/install-size/run.mjs [--keep]
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const HERE = dirname(fileURLToPath(import.meta.url));
const REPO = resolve(HERE, '..', '..');
const BEFORE = '9a2690e';
const WORK = mkdtempSync(join(tmpdir(), 'covenant-install-size-'));
const run = (cmd, args, cwd, timeout = 600_000) => execFileSync(cmd, args, { cwd, encoding: 'utf8', timeout, stdio: ['ignore', 'pipe', 'pipe'] });
const NPM_INSTALL = ['--no-audit', '--no-fund', '--prefer-offline', '--ignore-scripts', '--loglevel=error'];

/** npm pack of `dir` into WORK; returns the tarball's path. */
function pack(dir) {
  const name = run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', WORK, dir], REPO).trim().split('\n').at(-1);
  return join(WORK, name);
}

/** covenant as it was at BEFORE: its sources, compiled with this repo's node_modules, packed. */
function packBefore() {
  const src = join(WORK, `covenant-${BEFORE}`);
  mkdirSync(src);
  execFileSync('sh', ['-c', `git -C "${REPO}" archive ${BEFORE} | tar -x -C "${src}"`], { timeout: 60_000 });
  symlinkSync(join(REPO, 'node_modules'), join(src, 'node_modules'));
  run(process.execPath, [join(REPO, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', 'tsconfig.json'], src);
  run(process.execPath, ['scripts/postbuild.mjs'], src);
  rmSync(join(src, 'node_modules'));
  return pack(src);
}

/** Installed packages: every folder with a package.json directly under a node_modules, at any depth. */
function countPackages(modules) {
  let count = 0;
  for (const entry of readdirSync(modules, { withFileTypes: true })) {
    if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
    const dirs = entry.name.startsWith('@') ? readdirSync(join(modules, entry.name)).map((n) => join(modules, entry.name, n)) : [join(modules, entry.name)];
    for (const dir of dirs) {
      if (!existsSync(join(dir, 'package.json'))) continue;
      count++;
      if (existsSync(join(dir, 'node_modules'))) count += countPackages(join(dir, 'node_modules'));
    }
  }
  return count;
}

function measure(project) {
  const kib = Number(run('du', ['-sk', join(project, 'node_modules')], project).split('\t')[0]);
  return { packages: countPackages(join(project, 'node_modules')), mb: kib / 1024 };
}

function project(name) {
  const dir = join(WORK, name);
  mkdirSync(dir);
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ name: `install-size-${name}`, private: true, type: 'module' }));
  return dir;
}

try {
  const before = packBefore();
  const covenant = pack(REPO);
  const runtime = pack(join(REPO, 'packages', 'runtime'));
  const rows = [];

  const old = project('before');
  run('npm', ['install', '-D', before, ...NPM_INSTALL], old);
  rows.push([`before (${BEFORE}): npm i -D covenant`, measure(old)]);

  const now = project('after');
  // the runtime first: covenant depends on @covenant/runtime 0.2.0, which the local tarball provides
  run('npm', ['install', runtime, ...NPM_INSTALL], now);
  run('npm', ['install', '-D', covenant, ...NPM_INSTALL], now);
  rows.push(['after: npm i @covenant/runtime + npm i -D covenant', measure(now)]);
  rmSync(join(now, 'node_modules'), { recursive: true });
  run('npm', ['ci', '--omit=dev', ...NPM_INSTALL], now);
  rows.push(['after: npm ci --omit=dev (what ships)', measure(now)]);

  console.log('install (OpenAPI-only project)                        packages   node_modules');
  for (const [name, size] of rows) console.log(`${name.padEnd(54)} ${String(size.packages).padStart(8)}   ${size.mb.toFixed(1).padStart(8)} MB`);
  const [b, a] = [rows[0][1], rows[1][1]];
  console.log(`dev install after / before: ${(a.packages / b.packages).toFixed(2)}x packages, ${(a.mb / b.mb).toFixed(2)}x size`);
} finally {
  if (process.argv.includes('--keep')) console.log(`kept ${WORK}`);
  else rmSync(WORK, { recursive: true, force: true });
}
