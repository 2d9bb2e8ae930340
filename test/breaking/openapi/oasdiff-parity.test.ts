/**
 * Parity with oasdiff on its own checker tests, read at run time from a fetched mirror of its repository (nothing
 * of oasdiff is committed here): bench/oasdiff-parity/extract.mjs lists every oasdiff Go test that diffs two data
 * files as written, with the rule ids it expects. We run our engine on the same pairs and count how many expected
 * ids we report (recall). Set COVENANT_OASDIFF_GIT to the mirror's git dir (default: the tool library's mirror);
 * without it the test is skipped and says why. `COVENANT_PARITY_REPORT=1` prints each miss.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
// @ts-expect-error: a plain .mjs script without types
import { extractCases } from '../../../bench/oasdiff-parity/extract.mjs';
import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { diffOpenApi } from '../../../src/breaking/openapi/index.js';

interface ParityCase {
  test: string;
  base: string;
  revision: string;
  expected: string[];
  deprecation?: { beta: number; stable: number };
}

const REPO = process.env.COVENANT_OASDIFF_GIT ?? '/work/.mirror/oasdiff+oasdiff/repo';
const available = existsSync(join(REPO, 'HEAD'));
const HERE = available ? mkdtempSync(join(tmpdir(), 'covenant-oasdiff-')) : '';
const cases: ParityCase[] = available ? (extractCases(REPO, HERE) as { cases: ParityCase[] }).cases : [];
afterAll(() => {
  if (HERE) rmSync(HERE, { recursive: true, force: true });
});
/** Recall on oasdiff's expectations we hold ourselves to (measured, rounded down). */
const MIN_RECALL = 0.95;

async function run(c: ParityCase) {
  const base = await loadOpenApi(join(HERE, c.base), { name: 'parity', cwd: HERE });
  const revision = await loadOpenApi(join(HERE, c.revision), { name: 'parity', cwd: HERE });
  return diffOpenApi(base, revision, c.deprecation ? { deprecationDaysBeta: c.deprecation.beta, deprecationDaysStable: c.deprecation.stable } : {});
}

describe('oasdiff parity (its checker test data)', () => {
  it.skipIf(!available)(`reports at least ${MIN_RECALL * 100} % of the rule ids oasdiff's tests expect${available ? '' : ` (skipped: no oasdiff mirror at ${REPO}; set COVENANT_OASDIFF_GIT)`}`, async () => {
    expect(cases.length).toBeGreaterThan(300);
    let expected = 0;
    let found = 0;
    const misses: string[] = [];
    const falseErrors: string[] = [];
    for (const c of cases) {
      let ids: Set<string>;
      let errors: string[];
      try {
        const findings = await run(c);
        ids = new Set(findings.map((f) => f.rule));
        errors = findings.filter((f) => f.level === 'error').map((f) => f.rule);
      } catch (e) {
        ids = new Set();
        errors = [];
        misses.push(`${c.test}: cannot run (${(e as Error).message.split('\n')[0]})`);
      }
      for (const id of c.expected) {
        expected++;
        if (ids.has(id)) found++;
        else misses.push(`${c.test}: ${id} not reported (got ${[...ids].join(', ') || 'nothing'}) [${c.base} -> ${c.revision}]`);
      }
      if (c.expected.length === 0 && errors.length > 0) falseErrors.push(`${c.test}: ${errors.join(', ')} [${c.base} -> ${c.revision}]`);
    }
    const recall = found / expected;
    if (process.env.COVENANT_PARITY_REPORT) {
      console.log(`recall ${found}/${expected} = ${(recall * 100).toFixed(1)} % on ${cases.length} cases`);
      console.log(misses.join('\n'));
      console.log('errors where oasdiff expects none:\n' + falseErrors.join('\n'));
    }
    expect(recall, misses.join('\n')).toBeGreaterThanOrEqual(MIN_RECALL);
  }, 120_000);
});
