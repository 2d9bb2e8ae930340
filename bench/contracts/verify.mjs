// `covenant verify` on 100 interactions vs pact-js's Verifier called directly (same native core),
// against the same local provider. Run after `npx tsc -p .`: node bench/contracts/verify.mjs [runs]
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import pact from '@pact-foundation/pact';
import { writePact, startProvider, median } from './pacts.mjs';

const repo = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const runs = Number(process.argv[2] ?? 3);
const count = 100;
const dir = mkdtempSync(join(repo, 'test', '.tmp', 'bench-verify-'));
const pactFile = writePact(join(dir, 'pacts'), count);
const provider = await startProvider();

const covenantTimes = [];
const pactJsTimes = [];
for (let r = 0; r < runs; r++) {
  // interleaved, so that a busy machine slows both alike
  let t = performance.now();
  // async: the provider lives in this process and must keep answering
  const run = await new Promise((done) => {
    const child = spawn(process.execPath, [join(repo, 'dist', 'cli', 'covenant.js'), 'verify', '--cwd', dir, '--provider', 'users', '--provider-base-url', provider.url, '--format', 'json']);
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    child.on('close', (status) => done({ status, stdout, stderr }));
  });
  covenantTimes.push(performance.now() - t);
  const report = JSON.parse(run.stdout);
  if (run.status !== 0 || report.interactions.filter((i) => i.outcome === 'passed').length !== count) throw new Error(`covenant verify failed: ${run.stdout.slice(0, 500)}${run.stderr}`);
  t = performance.now();
  // the peer: what a hand-written pact-js provider test does (no process start, no report)
  await new pact.Verifier({ providerBaseUrl: provider.url, provider: 'users', pactUrls: [pactFile], logLevel: 'error' }).verifyProvider();
  pactJsTimes.push(performance.now() - t);
}
await provider.close();
rmSync(dir, { recursive: true, force: true });
const c = median(covenantTimes);
const p = median(pactJsTimes);
console.log(`covenant verify, ${count} interactions: median ${c.toFixed(0)} ms over ${runs} runs (whole CLI process: node start, pact read, child verifier, report)`);
console.log(`pact-js Verifier in-process, same pact:  median ${p.toFixed(0)} ms`);
console.log(`ratio covenant / pact-js: ${(c / p).toFixed(2)}x (per interaction: covenant ${(c / count).toFixed(1)} ms, pact-js ${(p / count).toFixed(1)} ms)`);
