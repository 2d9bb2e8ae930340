// Time of diffOpenApi (GHES 3.17 → 3.18, ~11 MB JSON each) against loading and parsing the same two
// documents in the same process. Target: diff ≤ 3× load. Run after `npx tsc -p .`:
//   node bench/breaking/openapi.mjs
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import { loadOpenApi } from '../../dist/src/spec/openapi/load.js';
import { diffOpenApi } from '../../dist/src/breaking/openapi/index.js';
import { countByLevel } from '../../dist/src/findings.js';

const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dir = join(root, 'node_modules/@octokit/openapi/generated');
const runs = Number(process.env.RUNS ?? 3);

let loadBest = Infinity;
let diffBest = Infinity;
let findings = [];
for (let i = 0; i < runs; i++) {
  const t0 = performance.now();
  const base = await loadOpenApi(join(dir, 'ghes-3.17.json'), { name: 'ghes', cwd: root });
  const revision = await loadOpenApi(join(dir, 'ghes-3.18.json'), { name: 'ghes', cwd: root });
  const t1 = performance.now();
  findings = diffOpenApi(base, revision, { today: '2026-11-25' });
  const t2 = performance.now();
  loadBest = Math.min(loadBest, t1 - t0);
  diffBest = Math.min(diffBest, t2 - t1);
}
const counts = countByLevel(findings);
console.log(`ghes-3.17 → ghes-3.18: ${findings.length} findings (${counts.error} error, ${counts.warning} warning, ${counts.info} info)`);
console.log(`load+parse both: ${loadBest.toFixed(0)} ms   diffOpenApi: ${diffBest.toFixed(0)} ms   ratio diff/load: ${(diffBest / loadBest).toFixed(2)}× (target ≤ 3×, best of ${runs})`);
