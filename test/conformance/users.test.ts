/**
 * `covenant test` (the built CLI) against the generated demo users provider: the correct provider
 * passes, run after run; each planted defect is caught by the check made for it; bad input exits 2.
 */
import { writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { BuiltService } from '../e2e/support.js';
import { buildPlantedUsers, covenant, PLANTS, startProvider, USERS_AUTH, type Provider } from './support.js';

let service: BuiltService;
const spec = () => join(service.dir, 'specs', 'users.openapi.yaml');

beforeAll(() => {
  service = buildPlantedUsers();
});

const rulesOf = (stdout: string) => (JSON.parse(stdout).findings as Array<{ rule: string; level: string }>).filter((f) => f.level === 'error').map((f) => f.rule);

describe('covenant test against the users provider', () => {
  let provider: Provider;
  beforeAll(async () => {
    provider = await startProvider(service.dir);
  });
  afterAll(() => provider?.stop());

  it('passes the correct provider three runs in a row, with stateful sequences, and says what it did', async () => {
    for (const seed of [1, 2, 3]) {
      const run = await covenant(['test', spec(), '--base-url', provider.url, ...USERS_AUTH, '--max-examples', '6', '--seed', String(seed), '--format', 'json'], service.dir);
      expect(run.stderr, run.stdout).toContain(`seed ${seed}`);
      expect(rulesOf(run.stdout)).toEqual([]);
      expect(run.code).toBe(0);
      expect(run.stderr).toMatch(/14 operations, \d{3,} requests/);
    }
    // the stateful sequences created users that are really there
    const list = await fetch(`${provider.url}/users?limit=1`, { headers: { authorization: 'Bearer tok-alice' } });
    expect(((await list.json()) as { items: unknown[] }).items.length).toBe(1);
  });

  it('warns, and does not pretend, when it has no credentials for an operation', async () => {
    const run = await covenant(['test', spec(), '--base-url', provider.url, '--operation', 'getUser', '--max-examples', '3', '--seed', '1', '--format', 'json'], service.dir);
    const findings = JSON.parse(run.stdout).findings as Array<{ rule: string; level: string; message: string }>;
    expect(findings.map((f) => `${f.level} ${f.rule}`)).toEqual(['warning positive-data-acceptance']);
    expect(findings[0]!.message).toContain('--auth');
  });

  it('runs the hooks module: beforeAll, beforeEach per operation, afterAll; a failing hook exits 2', async () => {
    const log = join(service.dir, 'hooks.log');
    writeFileSync(join(service.dir, 'hooks.mjs'), `import { appendFileSync } from 'node:fs';\nconst log = (line) => appendFileSync(${JSON.stringify(log)}, line + '\\n');\nexport const beforeAll = () => log('beforeAll');\nexport const beforeEach = (op) => log('beforeEach ' + op.operationId + ' ' + op.method + ' ' + op.path);\nexport const afterAll = () => log('afterAll');\n`);
    const run = await covenant(['test', spec(), '--base-url', provider.url, ...USERS_AUTH, '--operation', 'getHealth', '--max-examples', '2', '--hooks', 'hooks.mjs'], service.dir);
    expect(run.code, run.stderr).toBe(0);
    expect(readFileSync(log, 'utf8')).toBe('beforeAll\nbeforeEach getHealth get /health\nafterAll\n');
    writeFileSync(join(service.dir, 'broken-hooks.mjs'), `export function beforeEach() { throw new Error('database is down'); }\n`);
    const broken = await covenant(['test', spec(), '--base-url', provider.url, '--operation', 'getHealth', '--hooks', 'broken-hooks.mjs'], service.dir);
    expect([broken.code, broken.stderr.trim()]).toEqual([2, 'covenant: --hooks broken-hooks.mjs: beforeEach failed: database is down']);
  });

  it('exits 2 with one line for an unreachable provider, an unknown operation or scheme', async () => {
    const down = await covenant(['test', spec(), '--base-url', 'http://127.0.0.1:9/v1'], service.dir);
    expect(down.code).toBe(2);
    expect(down.stderr.trim().split('\n')).toHaveLength(1);
    expect(down.stderr).toContain('cannot reach http://127.0.0.1:9/v1');
    const unknown = await covenant(['test', spec(), '--base-url', provider.url, '--operation', 'nope'], service.dir);
    expect([unknown.code, unknown.stderr]).toEqual([2, expect.stringContaining('--operation "nope": no such operation')]);
    const scheme = await covenant(['test', spec(), '--base-url', provider.url, '--auth', 'oauth=x'], service.dir);
    expect([scheme.code, scheme.stderr]).toEqual([2, expect.stringContaining('no security scheme "oauth"')]);
  });
});

describe('planted defects are caught by their check', () => {
  it.each(PLANTS)('$name → $check', async (plant) => {
    const provider = await startProvider(service.dir, plant.name);
    try {
      let file = spec();
      if (plant.specEdit) {
        const text = readFileSync(spec(), 'utf8');
        expect(text).toContain(plant.specEdit[0]);
        file = join(service.dir, 'specs', `${plant.name}.openapi.yaml`);
        writeFileSync(file, text.replace(plant.specEdit[0], plant.specEdit[1]));
      }
      const operations = plant.operations.flatMap((o) => ['--operation', o]);
      const run = await covenant(['test', file, '--base-url', provider.url, ...USERS_AUTH, ...operations, '--max-examples', '15', '--seed', '7', '--format', 'json'], service.dir);
      expect(run.code, run.stderr).toBe(1);
      expect(rulesOf(run.stdout)).toContain(plant.check);
      const finding = (JSON.parse(run.stdout).findings as Array<{ rule: string; message: string; details: { curl: string; seed: number } }>).find((f) => f.rule === plant.check)!;
      expect(finding.details.curl).toMatch(/^curl -sS -X [A-Z]+ 'http:\/\/127\.0\.0\.1:\d+\/v1\//);
      expect(finding.details.seed).toBe(7);
    } finally {
      provider.stop();
    }
  });

  it('replays the same shrunk request for the same seed', async () => {
    const runs = [];
    for (let i = 0; i < 2; i++) {
      const provider = await startProvider(service.dir, 'server-error-on-boundary');
      try {
        const run = await covenant(['test', spec(), '--base-url', provider.url, ...USERS_AUTH, '--operation', 'listUsers', '--max-examples', '15', '--seed', '11', '--format', 'json'], service.dir);
        runs.push((JSON.parse(run.stdout).findings as Array<{ rule: string; details: { curl: string } }>).filter((f) => f.rule === 'not-a-server-error').map((f) => f.details.curl.replace(/:\d+\//, ':PORT/')));
      } finally {
        provider.stop();
      }
    }
    expect(runs[0]).toHaveLength(1);
    // shrunk: only the parameter that matters is left
    expect(runs[0]![0]).toMatch(/\/v1\/users\?limit=100' -H 'Authorization: Bearer tok-alice'$/);
    expect(runs[1]).toEqual(runs[0]);
  });
});

describe("action.yml's covenant test step", () => {
  it('starts the provider, tests it, records the exit code and the markdown summary, and stops the provider', async () => {
    const { parse } = await import('yaml');
    const { chmodSync, mkdtempSync, rmSync } = await import('node:fs');
    const { spawnSync } = await import('node:child_process');
    const { createServer } = await import('node:net');
    const { REPO } = await import('../e2e/support.js');
    const action = parse(readFileSync(join(REPO, 'action.yml'), 'utf8')) as { runs: { steps: Array<{ name: string; run: string; if?: string }> } };
    const step = action.runs.steps.find((s) => s.name === 'covenant test')!;
    expect(step.if).toContain("inputs.command == 'test'");
    const bin = mkdtempSync(join(service.dir, 'bin-'));
    writeFileSync(join(bin, 'npx'), `#!/bin/sh\nshift 2\nexec '${process.execPath}' '${join(REPO, 'dist', 'cli', 'covenant.js')}' "$@"\n`);
    chmodSync(join(bin, 'npx'), 0o755);
    const port = await new Promise<number>((done) => {
      const probe = createServer().listen(0, '127.0.0.1', () => {
        const { port } = probe.address() as { port: number };
        probe.close(() => done(port));
      });
    });
    const run = (plant: string) => {
      const output = join(bin, `output-${plant}`);
      const summary = join(bin, `summary-${plant}`);
      const result = spawnSync('bash', ['-e', '-c', step.run], {
        cwd: service.dir,
        encoding: 'utf8',
        env: {
          ...process.env,
          NO_COLOR: '1',
          PATH: `${bin}:${process.env.PATH}`,
          BASE_URL: `http://127.0.0.1:${port}/v1`,
          START: `PORT=${port} ${plant ? `PLANT=${plant} ` : ''}'${process.execPath}' out/main.js`,
          START_TIMEOUT: '60',
          SPECS: 'specs/users.openapi.yaml',
          TEST_ARGS: `${USERS_AUTH.join(' ')} --operation getHealth --max-examples 3 --seed 5`,
          GITHUB_OUTPUT: output,
          GITHUB_STEP_SUMMARY: summary,
        },
        timeout: 240_000,
      });
      return { result, output: readFileSync(output, 'utf8'), summary: readFileSync(summary, 'utf8') };
    };
    const clean = run('');
    expect(clean.result.status, clean.result.stderr).toBe(0);
    expect(clean.output).toContain('exit-code=0\n');
    const planted = run('undocumented-status');
    expect(planted.output).toContain('exit-code=1\n');
    expect(planted.summary).toContain('status-code-conformance');
    // the provider was stopped: its port is free again
    const closed = await fetch(`http://127.0.0.1:${port}/v1/health`).then(() => false, () => true);
    expect(closed).toBe(true);
    rmSync(bin, { recursive: true, force: true });
  });
});
