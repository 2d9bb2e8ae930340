/**
 * action.yml: its shell steps run as GitHub would run them (bash, env from the step), in a real
 * git repository with the real covenant binary; `npx` and `gh` are stand-ins on PATH that call
 * the built binary and record the GitHub API calls.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { BASE_FILES, ORDERS_PROTO, commitAll, removeScratch, repoWith, writeTree, REPO } from './support.js';

interface Step {
  name: string;
  id?: string;
  run?: string;
  env?: Record<string, string>;
}

const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { runs: { using: string; steps: Step[] }; inputs: Record<string, { default?: string }> };
const step = (name: string) => action.runs.steps.find((s) => s.name === name)!;

let repo: string;
let bin: string;

beforeAll(() => {
  repo = repoWith('breaking-action', BASE_FILES);
  writeTree(repo, { 'specs/orders/v1/orders.proto': ORDERS_PROTO.replace('  int64 total = 2;\n', '') });
  commitAll(repo, 'change');
  bin = join(repo, '.bin');
  mkdirSync(bin);
  // npx --no-install covenant … → the built binary
  writeFileSync(join(bin, 'npx'), `#!/bin/sh\nshift 2\nexec '${process.execPath}' '${join(REPO, 'dist', 'cli', 'covenant.js')}' "$@"\n`);
  // gh api … → logged; the comment list answers with $GH_EXISTING (an id or nothing)
  writeFileSync(join(bin, 'gh'), `#!/bin/sh\necho "$*" >> '${join(repo, 'gh.log')}'\ncase "$*" in *--paginate*) echo "$GH_EXISTING";; esac\n`);
  chmodSync(join(bin, 'npx'), 0o755);
  chmodSync(join(bin, 'gh'), 0o755);
});

afterAll(() => removeScratch(repo));

function runStep(s: Step, env: Record<string, string>): { code: number | null; stdout: string; stderr: string } {
  const r = spawnSync('bash', ['-e', '-c', s.run!], { cwd: repo, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', PATH: `${bin}:${process.env.PATH}`, ...env } });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

describe('action.yml', () => {
  it('is a composite action whose every script is valid bash and reads inputs from env, not ${{ }}', () => {
    expect(action.runs.using).toBe('composite');
    for (const s of action.runs.steps) {
      expect(spawnSync('bash', ['-n', '-c', s.run!]).status, s.name).toBe(0);
      expect(s.run, s.name).not.toContain('${{');
    }
  });

  it('writes the markdown report and annotations, records the exit code, and posts then updates one comment', () => {
    const output = join(repo, 'gh-output');
    const summary = join(repo, 'gh-summary');
    const r = runStep(step('covenant breaking'), { AGAINST: 'HEAD~1', BASE_REF: 'main', SPECS: '', FAIL_ON: 'error', GITHUB_OUTPUT: output, GITHUB_STEP_SUMMARY: summary });
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toContain('::error file=specs/orders/v1/orders.proto,line=4,col=1,title=FIELD_NO_DELETE (orders)::');
    expect(readFileSync(output, 'utf8')).toContain('exit-code=1\n');
    const markdown = readFileSync(join(repo, 'covenant-breaking.md'), 'utf8');
    expect(markdown.startsWith('<!-- covenant-report -->\n')).toBe(true);
    expect(readFileSync(summary, 'utf8')).toBe(markdown);

    const comment = step('Comment on the pull request');
    expect(runStep(comment, { GH_TOKEN: 't', PR: '7', REPO: 'acme/shop', GH_EXISTING: '' }).code).toBe(0);
    expect(runStep(comment, { GH_TOKEN: 't', PR: '7', REPO: 'acme/shop', GH_EXISTING: '4242' }).code).toBe(0);
    const calls = readFileSync(join(repo, 'gh.log'), 'utf8').trim().split('\n');
    expect(calls).toEqual([
      expect.stringMatching(/^api --paginate repos\/acme\/shop\/issues\/7\/comments --jq /),
      'api --method POST repos/acme/shop/issues/7/comments -F body=@covenant-breaking.md',
      expect.stringMatching(/^api --paginate repos\/acme\/shop\/issues\/7\/comments --jq /),
      'api --method PATCH repos/acme/shop/issues/comments/4242 -F body=@covenant-breaking.md',
    ]);

    const result = step('Result');
    expect(runStep(result, { CODE: '1' }).code).toBe(1);
    expect(runStep(result, { CODE: '0' }).code).toBe(0);
  });

  it('without a ref to compare with, the step fails with an annotation', () => {
    const r = runStep(step('covenant breaking'), { AGAINST: '', BASE_REF: '', SPECS: '', FAIL_ON: 'error', GITHUB_OUTPUT: join(repo, 'o2') });
    expect(r.code).toBe(2);
    expect(r.stdout).toContain("::error title=covenant breaking::no ref to compare with");
    expect(existsSync(join(repo, 'o2'))).toBe(false);
  });
});
