/**
 * covenant/pact's typed interactions, compiled by tsc --strict (test/contracts/pact-types/cases.ts):
 * unknown or mistyped fields are refused inside like() / eachLike() / atLeastOneLike() as in plain
 * literals (each negative line carries @ts-expect-error, and tsc fails on an unused one), in the
 * PactV3 and the PactV4 forms; then the V4 form runs against pact's real mock server.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { PactV4, typedInteractionV4, Matchers } from '../../src/contracts/pact/index.js';
import type { paths } from './pact-types/paths.js';
import { REPO, removeScratch, scratch } from './support/cli.js';

afterAll(removeScratch);

describe('covenant/pact types', () => {
  it('compile: positives pass, every negative is an error (unknown and mistyped fields inside matchers)', () => {
    const dir = scratch('pact-types');
    cpSync(join(REPO, 'test', 'contracts', 'pact-types'), dir, { recursive: true });
    writeFileSync(
      join(dir, 'tsconfig.json'),
      JSON.stringify({ compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true }, files: ['cases.ts'] }),
    );
    const negatives = readFileSync(join(dir, 'cases.ts'), 'utf8').split('\n').filter((l) => l.startsWith('// @ts-expect-error')).length;
    expect(negatives).toBeGreaterThanOrEqual(10);
    const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
    expect(tsc.stdout + tsc.stderr).toBe('');
    expect(tsc.status).toBe(0);
  }, 120_000);
});

describe('the PactV4 form', () => {
  it('writes the interaction with its states, path and body matchers through the real mock server', async () => {
    const dir = scratch('pact-v4-form');
    const pact = new PactV4({ consumer: 'shop', provider: 'products', dir, logLevel: 'error' });
    const products = typedInteractionV4<paths>(pact);
    await products({
      description: 'a product',
      states: ['product p1 exists'],
      path: '/products/{id}',
      method: 'get',
      request: { params: { id: Matchers.regex('^p\\d+$', 'p1') } },
      response: { status: 200, body: Matchers.like({ id: 'p1', name: 'Lamp', price: 12.5 }) },
    }).executeTest(async (server) => {
      const reply = await fetch(`${server.url}/products/p1`);
      expect(await reply.json()).toEqual({ id: 'p1', name: 'Lamp', price: 12.5 });
    });
    const written = JSON.parse(readFileSync(join(dir, 'shop-products.json'), 'utf8'));
    const interaction = written.interactions[0];
    expect(written.metadata.pactSpecification.version).toBe('4.0');
    expect(interaction.providerStates).toEqual([{ name: 'product p1 exists' }]);
    expect(interaction.request.path).toBe('/products/p1');
    expect(interaction.request.matchingRules.path.matchers[0]).toMatchObject({ match: 'regex', regex: '^/products/(?:p\\d+)$' });
    expect(interaction.response.body.content).toEqual({ id: 'p1', name: 'Lamp', price: 12.5 });
    expect(interaction.response.matchingRules.body.$.matchers[0]).toEqual({ match: 'type' });
  });
});
