// `covenant contracts` on 100 interactions against the demo users spec vs the comparator alone
// (@pactflow/openapi-pact-comparator on the same spec and pact, no positions, no findings).
// Run after `npx tsc -p .`: node bench/contracts/contracts.mjs [runs]
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { parse } from 'yaml';
import { Comparator } from '@pactflow/openapi-pact-comparator';
import { writePact, median } from './pacts.mjs';
import { loadOpenApi } from '../../dist/src/spec/openapi/load.js';
import { readPactsDir } from '../../dist/src/contracts/pacts.js';
import { comparePacts, comparatorDocument } from '../../dist/src/contracts/compare.js';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const runs = Number(process.argv[2] ?? 5);
const count = 100;
const dir = mkdtempSync(join(repo, 'test', '.tmp', 'bench-contracts-'));
mkdirSync(join(dir, 'specs'));
copyFileSync(join(repo, 'specs', 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
const pactFile = writePact(join(dir, 'pacts'), count);
const specText = readFileSync(join(dir, 'specs', 'users.openapi.yaml'), 'utf8');
const pactDoc = JSON.parse(readFileSync(pactFile, 'utf8'));

const cli = [];
const library = [];
const peer = [];
for (let r = 0; r < runs; r++) {
  let t = performance.now();
  const run = spawnSync(process.execPath, [join(repo, 'dist', 'cli', 'covenant.js'), 'contracts', '--cwd', dir, '--format', 'json'], { encoding: 'utf8' });
  cli.push(performance.now() - t);
  if (run.status !== 0) throw new Error(`covenant contracts failed: ${run.stdout.slice(0, 800)}${run.stderr}`);
  t = performance.now();
  const spec = await loadOpenApi(join(dir, 'specs', 'users.openapi.yaml'), { cwd: dir });
  const findings = await comparePacts(spec, readPactsDir(join(dir, 'pacts')));
  library.push(performance.now() - t);
  if (findings.some((f) => f.level === 'error')) throw new Error(JSON.stringify(findings[0]));
  t = performance.now();
  // comparatorDocument: the comparator alone throws on this spec's discriminator (see README, "Consumer-driven contracts")
  const comparator = new Comparator(comparatorDocument(parse(specText)));
  const results = [];
  for await (const result of comparator.compare(pactDoc)) results.push(result);
  peer.push(performance.now() - t);
}
rmSync(dir, { recursive: true, force: true });
const [c, l, p] = [median(cli), median(library), median(peer)];
console.log(`covenant contracts (CLI process), ${count} interactions vs the users spec: median ${c.toFixed(0)} ms over ${runs} runs`);
console.log(`covenant library (load spec with positions + read pact + compare + findings): median ${l.toFixed(1)} ms`);
console.log(`openapi-pact-comparator alone (YAML parse + compare):                      median ${p.toFixed(1)} ms`);
console.log(`ratio library / comparator alone: ${(l / p).toFixed(2)}x; CLI / comparator alone: ${(c / p).toFixed(1)}x (node start + imports)`);
