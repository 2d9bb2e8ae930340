#!/usr/bin/env node
/**
 * Reads oasdiff's checker tests from a git mirror of github.com/oasdiff/oasdiff (nothing of it is committed here):
 * for each Go test that diffs two data files as written (no spec edited in Go code), the two files, the
 * deprecation policy and the rule ids the test expects (or [] when it expects no change). The data files the cases
 * use are written to `outDir` (a scratch folder). Used by test/breaking/openapi/oasdiff-parity.test.ts.
 *
 *   node bench/oasdiff-parity/extract.mjs /path/to/oasdiff.git /tmp/out   (prints the case count)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync, readFileSync } from 'node:fs';
import { dirname, join, posix } from 'node:path';

const here = dirname(new URL(import.meta.url).pathname);

export function extractCases(repo, outDir) {
const git = (...args) => execFileSync('git', ['--git-dir', repo, ...args], { encoding: 'utf8', maxBuffer: 64 << 20 });
const commit = git('rev-parse', 'HEAD').trim();
const known = new Set(readFileSync(join(here, '..', '..', 'test', 'breaking', 'openapi', 'oasdiff-check-ids.tsv'), 'utf8').split('\n').slice(1).map((l) => l.split('\t')[0]).filter(Boolean));

// constant name -> id string, from every non-test Go file of checker/
const constants = new Map();
for (const file of git('ls-tree', '-r', '--name-only', 'HEAD', 'checker').split('\n')) {
  if (!file.endsWith('.go') || file.endsWith('_test.go')) continue;
  for (const m of git('show', `HEAD:${file}`).matchAll(/\b(\w+Id)\s*=\s*"([^"]+)"/g)) constants.set(m[1], m[2]);
}

const HELPERS = { deprecationFile: 'data/deprecation/', paramDeprecationFile: 'data/param-deprecation/', requiredPropertyFile: 'data/required-properties/' };
function resolvePath(expr) {
  let m = /^"\.\.\/(data\/[^"]+)"/.exec(expr);
  if (m) return /\.(ya?ml|json)$/.test(m[1]) ? m[1] : undefined;
  m = /^(\w+)\("([^"]+)"\)/.exec(expr);
  if (m && HELPERS[m[1]]) return HELPERS[m[1]] + m[2];
  return undefined;
}

const cases = [];
const skipped = { mutates: 0, unresolved: 0, noDiff: 0, noExpectation: 0 };
const tests = git('ls-tree', '-r', '--name-only', 'HEAD', 'checker').split('\n').filter((f) => /^checker\/[^/]+_test\.go$/.test(f));
for (const file of tests) {
  const source = git('show', `HEAD:${file}`);
  for (const chunk of source.split(/\nfunc (?=Test)/).slice(1)) {
    const name = /^(\w+)/.exec(chunk)[1];
    const body = chunk.split(/\n}\n/)[0];
    if (!/data\//.test(body) && !/File\(/.test(body)) continue;
    const vars = new Map();
    for (const m of body.matchAll(/(\w+),\s*err\s*:?=\s*open\(([^\n]*)\)\s*\n/g)) vars.set(m[1], resolvePath(m[2]));
    for (const m of body.matchAll(/(\w+)\s*:?=\s*loadFrom\(t,\s*"\.\.\/(data\/[^"]+)",\s*(\d)\)/g)) vars.set(m[1], `${m[2]}spec${m[3]}.yaml`);
    const call = /diff\.Get\w*\([^,]+,\s*(\w+)(?:\.Spec)?,\s*(\w+)(?:\.Spec)?\)/.exec(body);
    if (!call) { skipped.noDiff++; continue; }
    // several diffs in one test (subtests): which ids belong to which pair is not written down
    if (body.match(/diff\.Get\w*\(/g).length > 1) { skipped.severalDiffs = (skipped.severalDiffs ?? 0) + 1; continue; }
    const base = vars.get(call[1]);
    const revision = vars.get(call[2]);
    if (!base || !revision) { skipped.unresolved++; continue; }
    // the same file on both sides: the test edits one of them in code
    if (base === revision) { skipped.mutates++; continue; }
    const mutated = [...vars.keys()].some((v) => new RegExp(`\\b${v}\\.Spec\\b[^\\n]*(?<![=!<>:])=(?!=)|delete\\(${v}\\.Spec|\\b${v}\\.Spec\\b[^\\n]*\\.(Set|Delete|Add)\\w*\\(`).test(body));
    if (mutated || /toJson\(|os\.WriteFile|time\.Now/.test(body)) { skipped.mutates++; continue; }
    const expected = new Set();
    for (const line of body.split('\n')) {
      if (/NoChange|NotContains|NotEqual|Comment:|require\.False|assert\.False/.test(line)) continue;
      for (const m of line.matchAll(/checker\.(\w+Id)\b/g)) {
        const id = constants.get(m[1]);
        if (id && known.has(id)) expected.add(id);
      }
    }
    const empty = /require\.Empty\(t, errs\)|require\.Len\(t, errs, 0\)/.test(body);
    if (expected.size === 0 && !empty) { skipped.noExpectation++; continue; }
    const dep = /WithDeprecation\((\d+),\s*(\d+)\)/.exec(body);
    const entry = { test: `${file.slice('checker/'.length)}:${name}`, base, revision, expected: [...expected].sort() };
    if (dep) entry.deprecation = { beta: Number(dep[1]), stable: Number(dep[2]) };
    cases.push(entry);
  }
}

// the files the cases read, and the files those refer to ($ref: other.yaml#/...)
const pending = cases.flatMap((c) => [c.base, c.revision]);
const copied = new Set();
while (pending.length) {
  const f = pending.pop();
  if (copied.has(f)) continue;
  copied.add(f);
  const text = git('show', `HEAD:${f}`);
  const out = join(outDir, f);
  mkdirSync(dirname(out), { recursive: true });
  writeFileSync(out, text);
  for (const m of text.matchAll(/\$ref:\s*['"]?([^'"#\s]+\.(?:ya?ml|json))/g)) pending.push(posix.normalize(posix.join(posix.dirname(f), m[1])));
}
return { source: `github.com/oasdiff/oasdiff@${commit}`, skipped, cases };
}

if (process.argv[1] && new URL(import.meta.url).pathname === process.argv[1]) {
  const [repo, outDir] = process.argv.slice(2);
  if (!repo || !outDir) throw new Error('usage: extract.mjs <oasdiff git dir> <out dir>');
  const { cases, skipped } = extractCases(repo, outDir);
  console.log(`${cases.length} cases, ${cases.reduce((n, c) => n + c.expected.length, 0)} expected ids; skipped`, skipped);
}
