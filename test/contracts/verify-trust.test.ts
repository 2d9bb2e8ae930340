/**
 * `covenant verify` tells the truth about each interaction, through the real Pact core: the right
 * failure when two interactions share a description, consumer and states kept when a reply takes
 * more than a second, a provider-state handler that throws is shown, pacts with states but no
 * --states are warned about, and an unreachable provider is named with its connection error.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { covenant, freePort, REPO, removeScratch, scratch, type CliResult } from './support/cli.js';

const products = join(REPO, 'test', 'contracts', 'fixtures', 'products');
const pact = join(products, 'shop-web-product-service.json');
let dir: string;
let withStates: CliResult;
let withoutStates: CliResult;

beforeAll(async () => {
  dir = scratch('verify-trust');
  writeFileSync(join(dir, 'states.mjs'), "export default {\n  'a product with ID 10 exists': () => { throw new Error('database is down'); },\n  'a product with ID 11 does not exist': () => {},\n  'products exist': () => {},\n};\n");
  const port = await freePort();
  const args = ['verify', '--provider', 'product-service', '--provider-base-url', `http://127.0.0.1:${port}`, '--start', `node ${join(products, 'provider.mjs')} ${port}`, '--pacts', pact];
  withStates = await covenant([...args, '--states', join(dir, 'states.mjs'), '--format', 'junit'], { env: { SLOW_MS: '1100' } });
  withoutStates = await covenant(args);
}, 120_000);
afterAll(removeScratch);

describe('covenant verify against the products provider', () => {
  it('each interaction of the same description gets its own failure; consumer and states survive slow replies', () => {
    expect(withStates.code, withStates.stderr).toBe(1);
    const cases = withStates.stdout.split('<testcase ').slice(1);
    expect(cases).toHaveLength(3);
    expect(cases[0]).toMatch(/^classname="shop-web\.product-service" name="a request to get a product \(given a product with ID 10 exists\)" time="1\.\d+"/);
    expect(cases[0]).toContain('<failure message="/: Expected body Present(52 bytes) but was empty">/: Expected body Present(52 bytes) but was empty\nstatus: expected 200, got 404</failure>');
    expect(cases[1]).toMatch(/^classname="shop-web\.product-service" name="a request to get a product \(given a product with ID 11 does not exist\)"/);
    expect(cases[1]).toContain('<failure message="status: expected 404, got 500">');
    expect(cases[2]).toMatch(/^classname="shop-web\.product-service" name="a request to get all products \(given products exist\)" time="1\.\d+"\/>/);
  });

  it('shows the error of a provider-state handler that threw', () => {
    expect(withStates.stdout.split('<testcase ')[1]).toContain('<system-err>provider state &quot;a product with ID 10 exists&quot; (setup) threw: database is down</system-err>');
  });

  it('warns when the pacts use states and no --states module was given', () => {
    expect(withoutStates.stdout).toContain(
      'warning the pacts use 3 provider states ("a product with ID 10 exists", "a product with ID 11 does not exist", "products exist") and no --states module was given: the provider was not prepared for them',
    );
    expect(withoutStates.stdout).toContain('  FAILED  a request to get a product (given a product with ID 10 exists)\n          /: Expected body Present(52 bytes) but was empty\n          status: expected 200, got 404\n  FAILED  a request to get a product (given a product with ID 11 does not exist)\n          status: expected 404, got 500\n');
    expect(withStates.stdout).not.toContain('no --states module');
  });

  it('an unreachable provider: exit 2 with the URL and the connection error', async () => {
    const port = await freePort();
    const run = await covenant(['verify', '--provider', 'product-service', '--provider-base-url', `http://127.0.0.1:${port}`, '--pacts', pact]);
    expect(run.code).toBe(2);
    expect(run.stderr).toBe(`covenant: cannot reach the provider at http://127.0.0.1:${port}/: connection failed (ECONNREFUSED 127.0.0.1:${port}) (start the provider first, or let covenant start it with --start "<command>")\n`);
  });
});
