/** `covenant contracts` through the built binary, on the fixture spec and pacts. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cpSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { covenant, REPO, removeScratch, scratch } from './support/cli.js';

const fixtures = join(REPO, 'test', 'contracts', 'fixtures');
let dir: string;

beforeAll(() => {
  dir = scratch('contracts-cli');
  mkdirSync(join(dir, 'specs'));
  cpSync(join(fixtures, 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
  cpSync(join(fixtures, 'pacts'), join(dir, 'pacts'), { recursive: true });
});
afterAll(removeScratch);

const lineOf = (file: string, text: string) => readFileSync(join(dir, file), 'utf8').split('\n').findIndex((l) => l.includes(text)) + 1;

describe('covenant contracts', () => {
  it('checks every pact of the provider, reports at the spec element and the pact line, exits 1 on errors', async () => {
    const run = await covenant(['contracts', '--cwd', dir]);
    expect(run.code).toBe(1);
    expect(run.stderr).toBe('checked pacts/billing-users.json (billing, 2 interactions) against users\nchecked pacts/orders-users.json (orders, 2 interactions) against users\n');
    const pathsLine = lineOf('specs/users.openapi.yaml', 'paths:');
    const v1Line = lineOf('pacts/billing-users.json', '"path": "/v1/users"');
    const catalogLine = lineOf('pacts/web-catalog.json', '"provider"');
    const v1Column = readFileSync(join(dir, 'pacts', 'billing-users.json'), 'utf8').split('\n')[v1Line - 1]!.indexOf('"path"') + 1;
    expect(run.stdout).toBe(
      [
        `    pacts/web-catalog.json:${catalogLine}:17: info web → catalog: no spec serves provider "catalog"; map it in covenant.yaml (contracts.providers) to check it (pact-provider-without-spec)`,
        '',
        'users',
        `    pacts/billing-users.json:${lineOf('pacts/billing-users.json', '"type": "Asynchronous/Messages"') - 1}:5: info billing "a user-created message is not an HTTP interaction" (Asynchronous/Messages) is not checked: a message interaction, not HTTP: it has no OpenAPI operation to check against (verify it with covenant verify --messages) (pact-interaction-skipped) [consumers: billing]`,
        `    specs/users.openapi.yaml:${pathsLine}:1: error billing "list users" at request.path: Path or method not defined in spec file: GET /v1/users (pact pacts/billing-users.json:${v1Line}:${v1Column}) (pact-request-path-or-method-unknown) [consumers: billing]`,
        '',
        '1 error, 0 warnings, 2 info: 1 failing (--fail-on error), 0 accepted',
        '',
      ].join('\n'),
    );
  });

  it('maps pact provider names to specs with contracts.providers, and reads the pacts folder from the config', async () => {
    const other = scratch('contracts-cli-config');
    cpSync(join(fixtures, 'users.openapi.yaml'), join(other, 'accounts.yaml'));
    cpSync(join(fixtures, 'pacts', 'web-catalog.json'), join(other, 'contracts', 'web-catalog.json'));
    writeFileSync(join(other, 'covenant.yaml'), 'specs:\n  - path: accounts.yaml\n    name: accounts\ncontracts:\n  pacts: contracts\n  providers:\n    catalog: accounts\n');
    const run = await covenant(['contracts', '--cwd', other, '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout);
    // the catalog pact is now checked against the accounts spec (and its email "e" is not an email)
    expect(report.findings.map((f: any) => [f.spec, f.rule, f.location.file, f.operation, f.consumers])).toEqual([
      ['accounts', 'pact-response-body-incompatible', 'accounts.yaml', 'GET /users/{id}', ['web']],
    ]);
    expect(report.findings[0].message).toMatch(/^web "get user 1 from another provider" at response\.body\.email: must match format "email" \(pact has "e"\)/);
  });

  it('the demo pact (pacts/orders-users.json) agrees with the 3.1 demo spec and with its 3.0 twin', async () => {
    for (const spec of ['specs/users.openapi.yaml', 'test/fixtures/users.openapi-3.0.yaml']) {
      const other = scratch('contracts-cli-demo');
      cpSync(join(REPO, spec), join(other, 'specs', 'users.openapi.yaml'));
      cpSync(join(REPO, 'pacts', 'orders-users.json'), join(other, 'pacts', 'orders-users.json'));
      const run = await covenant(['contracts', '--cwd', other, '--format', 'json']);
      expect(run.code, `${spec}: ${run.stdout}`).toBe(0);
      expect(JSON.parse(run.stdout).findings).toEqual([]);
    }
  });

  it('is refused with exit 2 for an unknown config key in contracts:', async () => {
    const other = scratch('contracts-cli-badconfig');
    writeFileSync(join(other, 'covenant.yaml'), 'contracts:\n  pacts: p\n  provider: x\n');
    const run = await covenant(['contracts', '--cwd', other]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('covenant: covenant.yaml:3:3: unknown key "provider" in contracts (allowed keys: pacts, providers)\n');
  });

  it('exits 2 when there are no pacts', async () => {
    const run = await covenant(['contracts', '--cwd', dir, '--pacts', 'nope']);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe('covenant: nope: no pact files found in nope (run the consumer tests first (they write pacts/<consumer>-<provider>.json), or point --pacts at the folder)\n');
  });

  it('exits 2 with file:line for a malformed pact', async () => {
    const bad = scratch('contracts-cli-bad');
    writeFileSync(join(bad, 'x.json'), '{\n  "consumer": {"name": "a"},\n  "provider": {"name": "users"},\n  "interactions": [\n    {"request": {"method": "GET"}}\n  ]\n}\n');
    const run = await covenant(['contracts', '--cwd', dir, '--pacts', bad]);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^covenant: .*x\.json:5:6: interaction request needs a method and a path\n$/);
  });
});
