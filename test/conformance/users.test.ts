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
