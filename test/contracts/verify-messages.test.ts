/**
 * `covenant verify` with message pacts (v3 `messages[]`, v4 asynchronous and synchronous
 * messages) through pact-js's message provider support: `--messages` maps each description to
 * the function that produces the message. Without it, or for a plugin interaction whose plugin is
 * not installed, the run is refused in one line before anything starts.
 */
import { cpSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { covenant, freePort, REPO, removeScratch, scratch } from './support/cli.js';

const fixtures = join(REPO, 'test', 'contracts', 'fixtures');
let dir: string;
let port: number;
const base = () => ['verify', '--provider', 'product-service', '--provider-base-url', `http://127.0.0.1:${port}`, '--pacts', join(dir, 'pacts')];

beforeAll(async () => {
  dir = scratch('verify-messages');
  cpSync(join(fixtures, 'messages'), join(dir, 'pacts'), { recursive: true });
  port = await freePort();
  writeFileSync(
    join(dir, 'messages.mjs'),
    [
      "import { providerWithMetadata } from '@pact-foundation/pact';",
      'export default {',
      "  'a product created event': providerWithMetadata(() => ({ id: '10', type: 'CREDIT_CARD', name: '28 Degrees', event: 'CREATED' }), { 'content-type': 'application/json', topic: 'products' }),",
      "  'a product updated event': providerWithMetadata(() => ({ id: '10', event: 'DELETED' }), { topic: 'products' }),",
      "  'a price request': () => ({ price: 10 }),",
      '};',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'states.mjs'), "export default { 'a product with ID 10 exists': () => {}, 'products exist': () => {} };\n");
});
afterAll(removeScratch);

describe('message pacts', () => {
  it('a plugin interaction whose plugin is not installed: one line naming the plugin, exit 2', async () => {
    const run = await covenant(base(), { env: { PACT_PLUGIN_DIR: join(dir, 'no-plugins') } });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^covenant: .*pacts\/grpc-client-product-service\.json:5:5: interaction "get product 10 over gRPC" \(Synchronous\/Messages\) needs the Pact plugin "protobuf" \(install it with pact-plugin-cli;.*\)\n$/);
  });

  it('message interactions without --messages: one line, exit 2', async () => {
    rmSync(join(dir, 'pacts', 'grpc-client-product-service.json'));
    const run = await covenant(base());
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^covenant: .*pacts\/product-events-consumer-product-service\.json:6:5: 1 message interaction \("a product created event"\) needs a message producer \(pass --messages <module>: .*\)\n$/);
  });

  it('verifies v3 and v4 messages with the producers of --messages, beside HTTP interactions; another provider\'s message pact is skipped', async () => {
    const provider = `node ${join(fixtures, 'products', 'provider.mjs')} ${port}`;
    const run = await covenant([...base(), '--messages', join(dir, 'messages.mjs'), '--states', join(dir, 'states.mjs'), '--start', provider], { cwd: REPO });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('product-events-consumer → product-service\n  ok      a product created event (given a product with ID 10 exists)\n');
    expect(run.stdout).toContain('  ok      a price request (given a product with ID 10 exists)\n');
    expect(run.stdout).toContain("  FAILED  a product updated event (given a product with ID 10 exists)\n          $.event: Expected 'DELETED' (String) to be equal to 'UPDATED' (String)\n");
    expect(run.stdout).not.toContain('inventory');
  });
});
