import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startBroker, type TestBroker } from './support/broker.js';
import { covenant, freePort, REPO, removeScratch, scratch } from './support/cli.js';

const fixtures = join(REPO, 'test', 'contracts', 'fixtures');
const ordersPact = JSON.parse(readFileSync(join(fixtures, 'pacts', 'orders-users.json'), 'utf8'));
const TOKEN = 'broker-token-123';

/** A git checkout of its own, so that the published version and branch are known to the test. */
function gitCheckout(): { dir: string; sha: string } {
  const dir = scratch('broker-git');
  const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@example.com', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@example.com' } }).trim();
  git('init', '-q', '-b', 'feature-x');
  writeFileSync(join(dir, 'README'), 'provider\n');
  git('add', 'README');
  git('commit', '-q', '-m', 'provider');
  return { dir, sha: git('rev-parse', 'HEAD') };
}
const ciEnv = { GITHUB_HEAD_REF: '', GITHUB_REF_NAME: '' };

describe('covenant verify against a Pact Broker', () => {
  let broker: TestBroker;
  beforeAll(async () => {
    broker = await startBroker(
      [
        { consumer: 'orders', provider: 'users', pact: ordersPact },
        { consumer: 'mobile', provider: 'users', pact: { ...ordersPact, consumer: { name: 'mobile' } }, pending: true, wip: true },
      ],
      { token: TOKEN },
    );
  });
  afterAll(async () => {
    await broker.close();
    removeScratch();
  });

  it('fetches pacts with selectors, pending and WIP flags, verifies, and publishes results with the git version and branch', async () => {
    const port = await freePort();
    const checkout = gitCheckout();
    const selectors = [{ branch: 'main' }, { deployed: true }];
    const run = await covenant(
      [
        '--cwd', checkout.dir,
        'verify', '--provider', 'users', '--provider-base-url', `http://127.0.0.1:${port}`,
        '--start', `node ${join(fixtures, 'tiny-provider.mjs')} ${port}`,
        '--broker-url', broker.url, '--consumer-version-selectors', JSON.stringify(selectors),
        '--include-pending', '--include-wip-since', '2026-01-01', '--publish',
      ],
      { env: { ...ciEnv, PACT_BROKER_TOKEN: TOKEN } },
    );
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    expect(run.stdout).toMatch(/orders → users\n {2}ok {6}a request for user 42 \(given user 42 exists\)/);
    expect(run.stdout).toMatch(/mobile → users/);
    const query = broker.requests.find((r) => r.method === 'POST' && r.path.endsWith('/for-verification'));
    expect(query?.body).toMatchObject({ consumerVersionSelectors: selectors, includePendingStatus: true, includeWipPactsSince: '2026-01-01', providerVersionBranch: 'feature-x' });
    expect(broker.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const { sha } = checkout;
    expect(broker.requests.some((r) => r.method === 'PUT' && r.path === `/pacticipants/users/branches/feature-x/versions/${sha}`)).toBe(true);
    expect(broker.results.map((r) => r.consumer).sort()).toEqual(['mobile', 'orders']);
    for (const r of broker.results) expect(r.body).toMatchObject({ success: true, providerApplicationVersion: sha });
    expect(run.stdout).toContain(`results published for users ${sha} (branch feature-x)`);
  });

  it('reports a failing pending pact as pending and does not fail the run', async () => {
    const port = await freePort();
    const pendingOnly = await startBroker([{ consumer: 'mobile', provider: 'users', pact: { ...ordersPact, consumer: { name: 'mobile' } }, pending: true }]);
    try {
      const checkout = gitCheckout();
      const run = await covenant(
        ['--cwd', checkout.dir, 'verify', '--provider', 'users', '--provider-base-url', `http://127.0.0.1:${port}`, '--start', `node ${join(fixtures, 'tiny-provider.mjs')} ${port}`, '--broker-url', pendingOnly.url, '--include-pending'],
        { env: { ...ciEnv, BROKEN: '1' } },
      );
      expect(run.code).toBe(0);
      // the provider branch goes with the selectors even without --publish (pending status depends on it)
      const query = pendingOnly.requests.find((r) => r.method === 'POST' && r.path.endsWith('/for-verification'));
      expect(query?.body).toMatchObject({ includePendingStatus: true, providerVersionBranch: 'feature-x', consumerVersionSelectors: [{ mainBranch: true }, { deployedOrReleased: true }] });
      expect(pendingOnly.results).toEqual([]);
      expect(run.stdout).toMatch(/pending a request for user 42/);
      expect(run.stdout).toMatch(/\$\.address\.city: Expected 7 \(Integer\) to be equal to 'London' \(String\)/);
    } finally {
      await pendingOnly.close();
    }
  });

  it('fails the run when the broker refuses the results', async () => {
    const port = await freePort();
    const refusing = await startBroker([{ consumer: 'orders', provider: 'users', pact: ordersPact }], { failPublish: true });
    try {
      const run = await covenant([
        'verify', '--provider', 'users', '--provider-base-url', `http://127.0.0.1:${port}`, '--start', `node ${join(fixtures, 'tiny-provider.mjs')} ${port}`,
        '--broker-url', refusing.url, '--publish', '--provider-version', '1.2.3', '--provider-branch', 'main',
      ]);
      expect(run.code).toBe(1);
      expect(run.stdout).toMatch(/2 passed, 0 failed/);
      expect(run.stdout).toMatch(/results were NOT published: .+/);
    } finally {
      await refusing.close();
    }
  });

  it('exits 2 with a clear message when the broker has no pacts for the provider', async () => {
    const run = await covenant(['verify', '--provider', 'payments', '--provider-base-url', 'http://127.0.0.1:9', '--broker-url', broker.url], { env: { PACT_BROKER_TOKEN: TOKEN } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^covenant: no pacts for provider "payments" at http:\/\/127\.0\.0\.1:\d+/);
  });
});
