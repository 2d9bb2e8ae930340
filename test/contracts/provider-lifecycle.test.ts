/** `covenant verify --start`: the provider's whole process group is stopped, and a provider that does not come up is a clear exit 2. */
import { afterAll, describe, expect, it } from 'vitest';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { covenant, freePort, REPO, removeScratch, scratch as scratchDir } from './support/cli.js';
import { startProvider } from '../../src/contracts/verify/provider.js';

const fixtures = join(REPO, 'test', 'contracts', 'fixtures');
const alive = (pid: number) => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};
const scratch = () => scratchDir('provider-lifecycle');
afterAll(removeScratch);

describe('provider lifecycle', () => {
  it('verifies against a started provider, then stops its whole process group (grandchildren too)', async () => {
    const dir = scratch();
    const port = await freePort();
    const start = `sleep 300 & echo $! > ${join(dir, 'grandchild.pid')}; node ${join(fixtures, 'tiny-provider.mjs')} ${port}`;
    const run = await covenant(['verify', '--provider', 'users', '--provider-base-url', `http://127.0.0.1:${port}`, '--start', start, '--pacts', join(fixtures, 'pacts', 'orders-users.json')]);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toMatch(/2 passed, 0 failed/);
    const grandchild = Number(readFileSync(join(dir, 'grandchild.pid'), 'utf8'));
    expect(grandchild).toBeGreaterThan(0);
    expect(alive(grandchild)).toBe(false);
  });

  it('a provider that exits before it is healthy: exit 2 with its last words', async () => {
    const run = await covenant(['verify', '--provider', 'users', '--provider-base-url', 'http://127.0.0.1:9', '--start', "node -e \"console.error('port 9 is taken'); process.exit(3)\"", '--pacts', join(fixtures, 'pacts', 'orders-users.json')]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('covenant: the provider command exited (code 3) before http://127.0.0.1:9/health answered; it printed: port 9 is taken (check --start; it must keep the provider running in the foreground)\n');
  });

  it('a provider that never gets healthy is stopped after --start-timeout', async () => {
    const dir = scratch();
    const port = await freePort();
    const provider = startProvider(`echo $$ > ${join(dir, 'shell.pid')}; exec sleep 300`, { cwd: dir, healthUrl: `http://127.0.0.1:${port}/health`, timeoutMs: 1500 });
    await expect(provider).rejects.toThrow(new RegExp(`^the provider did not become healthy at http://127\\.0\\.0\\.1:${port}/health within 2s \\(ECONNREFUSED\\)$`));
    const pid = Number(readFileSync(join(dir, 'shell.pid'), 'utf8'));
    expect(alive(pid)).toBe(false);
  });
});
