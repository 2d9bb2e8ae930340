/**
 * The contract demo end to end, through the BUILT binary: an "orders" consumer test writes
 * pacts/orders-users.json with the generated users client against Pact's mock server; the pact is
 * checked against the users spec (`covenant contracts`); the generated users server (handlers in
 * demo/users-provider.ts, node adapter) is verified with `covenant verify` (started by --start,
 * states from a .ts module, auth by requestFilter or --header); a broken provider release fails
 * with a readable mismatch; a pact the spec forbids is caught without running anything.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { covenant, freePort, REPO } from './support/cli.js';
import { assertPactMatchesSpec, PactSpecMismatchError } from '../../src/contracts/pact/check.js';

const DEMO = join(REPO, 'test', 'contracts', 'demo');
let dir: string;

beforeAll(async () => {
  mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
  dir = mkdtempSync(join(REPO, 'test', '.tmp', 'contracts-demo-'));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(REPO, 'specs', 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
  writeFileSync(join(dir, 'covenant.yaml'), 'specs:\n  - path: specs/users.openapi.yaml\n    output: generated/users\n    targets: [typescript-client, typescript-server]\n');
  const gen = await covenant(['gen', '--cwd', dir]);
  expect(gen.code, gen.stderr).toBe(0);
  for (const file of readdirSync(DEMO)) copyFileSync(join(DEMO, file), join(dir, file));
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true, rootDir: '.', outDir: 'out' },
      include: ['generated/**/*.ts', '*.ts'],
    }),
  );
  // also proves the typed interactions: every @ts-expect-error in orders-users.pact.ts must be an error
  const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  expect(tsc.status, `tsc --strict failed:\n${tsc.stdout}${tsc.stderr}`).toBe(0);
});

describe('consumer side: orders → users', () => {
  it('writes pacts/orders-users.json from the generated client against the Pact mock server, checked against the spec', async () => {
    const { writeOrdersPact } = await import(join(dir, 'out', 'orders-users.pact.js'));
    const file: string = await writeOrdersPact(join(dir, 'pacts'), join(dir, 'specs', 'users.openapi.yaml'));
    const pact = JSON.parse(readFileSync(file, 'utf8'));
    expect([pact.consumer.name, pact.provider.name]).toEqual(['orders', 'users']);
    expect(pact.interactions.map((i: any) => `${i.request.method} ${i.request.path} → ${i.response.status}`)).toEqual([
      'GET /users/u1 → 200',
      'GET /users/u404 → 404',
      'POST /users → 201',
      'GET /users → 200',
    ]);
    const first = pact.interactions[0];
    expect(first.providerStates).toEqual([{ name: 'user u1 exists' }]);
    expect(first.request.matchingRules.header).toMatchObject({ Authorization: { matchers: [{ match: 'regex', regex: '^Bearer .+$' }] } });
    expect(first.response.matchingRules.body['$.createdAt']).toMatchObject({ matchers: [{ match: 'datetime' }] });
    expect(pact.interactions[3].request.query).toEqual({ limit: ['10'], role: ['admin'] });
    // the demo pact of the repository (pacts/orders-users.json) is this file
    const repoPact = join(REPO, 'pacts', 'orders-users.json');
    const text = readFileSync(file, 'utf8');
    if (!existsSync(repoPact) || readFileSync(repoPact, 'utf8') !== text) {
      mkdirSync(join(REPO, 'pacts'), { recursive: true });
      writeFileSync(repoPact, text);
    }
  });

  it('covenant contracts: the pact agrees with the spec', async () => {
    const run = await covenant(['contracts', '--cwd', dir]);
    expect(run.stderr).toBe('checked pacts/orders-users.json (orders, 4 interactions) against users\n');
    expect(run.stdout).toBe('no findings (contracts)\n');
    expect(run.code).toBe(0);
  });

  it('covenant contracts: a pact the spec forbids is caught, with spec and pact lines', async () => {
    const forbidden = {
      consumer: { name: 'web' },
      provider: { name: 'users' },
      interactions: [
        {
          description: 'a user with an owner role',
          request: { method: 'GET', path: '/users/u1', headers: { Authorization: 'Bearer t' } },
          response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { id: 'u1', email: 'a@example.com', name: 'A', role: 'owner', createdAt: '2026-01-01T00:00:00Z' } },
        },
        {
          description: 'the orders of a user',
          request: { method: 'GET', path: '/users/u1/orders', headers: { Authorization: 'Bearer t' } },
          response: { status: 200 },
        },
      ],
      metadata: { pactSpecification: { version: '3.0.0' } },
    };
    mkdirSync(join(dir, 'pacts-web'), { recursive: true });
    writeFileSync(join(dir, 'pacts-web', 'web-users.json'), JSON.stringify(forbidden, null, 2));
    const run = await covenant(['contracts', '--cwd', dir, '--pacts', 'pacts-web', '--format', 'json']);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    const byRule = report.findings.map((f: any) => [f.rule, f.location.file, f.location.pointer, f.details.pact.file, f.details.pact.line]);
    const lineOf = (file: string, text: string) => readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;
    const ordersPath = lineOf('pacts-web/web-users.json', '"path": "/users/u1/orders"');
    const ownerRole = lineOf('pacts-web/web-users.json', '"role": "owner"');
    const ownerColumn = readFileSync(join(dir, 'pacts-web', 'web-users.json'), 'utf8').split('\n')[ownerRole - 1]!.indexOf('"role"') + 1;
    expect(byRule).toEqual([
      ['pact-request-path-or-method-unknown', 'specs/users.openapi.yaml', '/paths', 'pacts-web/web-users.json', ordersPath],
      ['pact-response-body-incompatible', 'specs/users.openapi.yaml', '/components/schemas/Role/enum', 'pacts-web/web-users.json', ownerRole],
    ]);
    expect(report.findings[1].location.line).toBe(lineOf('specs/users.openapi.yaml', 'enum: [admin, member, viewer]'));
    expect(report.findings[1].message).toBe(
      `web "a user with an owner role" at response.body.role: must be equal to one of the allowed values (allowed: "admin", "member", "viewer"; pact has "owner") (pact pacts-web/web-users.json:${ownerRole}:${ownerColumn})`,
    );
    await expect(assertPactMatchesSpec(join(dir, 'pacts-web', 'web-users.json'), join(dir, 'specs', 'users.openapi.yaml'))).rejects.toThrow(PactSpecMismatchError);
  });
});

describe('provider side: covenant verify against the generated users server', () => {
  const verify = async (extra: string[], env: Record<string, string> = {}) => {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    return covenant(
      ['verify', '--cwd', dir, '--provider', 'users', '--provider-base-url', base, '--start', `node out/users-provider.js ${port}`, '--states', 'states.ts', ...extra],
      { env: { USERS_PROVIDER_URL: base, ...env } },
    );
  };

  it('passes, with states from a .ts module and the token swapped by its requestFilter; JUnit for CI', async () => {
    const run = await verify(['--format', 'junit', '--output', 'reports/verify.xml'], { USE_REQUEST_FILTER: '1' });
    expect(run.code, run.stdout + run.stderr).toBe(0);
    const junit = readFileSync(join(dir, 'reports', 'verify.xml'), 'utf8');
    expect(junit).toMatch(/<testsuite name="orders → users" tests="4" failures="0" skipped="0"/);
    expect(junit.match(/<testcase classname="orders\.users" name="([^"]+)"/g)?.length).toBe(4);
    expect(junit).toContain('name="a request for the administrators (given user u1 exists, an administrator exists)"');
  });

  it('passes with --header instead, and prints one line per interaction', async () => {
    const run = await verify(['--header', 'Authorization: Bearer tok-verify']);
    expect(run.code, run.stdout + run.stderr).toBe(0);
    expect(run.stdout).toBe(
      [
        'orders → users',
        '  ok      a request for user u1 (given user u1 exists)',
        '  ok      a request for a user that does not exist (given user u404 does not exist)',
        '  ok      a guest signs up with a first order (given no user has the email grace@example.com)',
        '  ok      a request for the administrators (given user u1 exists, an administrator exists)',
        '',
        '4 passed, 0 failed (4 interactions from pacts)',
        '',
      ].join('\n'),
    );
  });

  it('fails with a readable mismatch when a provider release drops a field the consumer reads', async () => {
    const run = await verify(['--header', 'Authorization: Bearer tok-verify'], { BROKEN: '1' });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('  FAILED  a request for user u1 (given user u1 exists)\n          $: Actual map is missing the following keys: email');
    expect(run.stdout).toContain('  FAILED  a request for the administrators (given user u1 exists, an administrator exists)\n          $.items[0]: Actual map is missing the following keys: email');
    expect(run.stdout).toMatch(/\n\n1 passed, 3 failed \(4 interactions from pacts\): verification failed\n$/);
  });

  it('exits 2 when there is no pact for the provider', async () => {
    const run = await covenant(['verify', '--cwd', dir, '--provider', 'payments', '--provider-base-url', 'http://127.0.0.1:9']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('covenant: pacts: no pacts for provider "payments" in pacts (run the consumer tests first, check --provider against the pacts\' provider.name, or use --broker-url)\n');
  });
});

afterAll(() => {
  // COVENANT_KEEP_TMP=1 keeps the scratch folder for inspection
  if (dir && !process.env.COVENANT_KEEP_TMP) rmSync(dir, { recursive: true, force: true });
});
