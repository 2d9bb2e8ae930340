/**
 * `covenant contracts` never passes on nothing: a run that checked no interaction says which
 * providers had no pact and exits 1 (unless --allow-empty); a passing JUnit run counts the
 * interactions it checked; message and plugin interactions are listed as skipped with the reason,
 * and pacts of other providers (message pacts too) are never fatal.
 */
import { cpSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { covenant, REPO, removeScratch, scratch } from './support/cli.js';

const FIXTURES = join(REPO, 'test', 'contracts', 'fixtures');
const PACT = 'shop-web-product-service.json';
let dir: string;

beforeAll(() => {
  dir = scratch('contracts-gate');
  mkdirSync(join(dir, 'specs'), { recursive: true });
  mkdirSync(join(dir, 'pacts'), { recursive: true });
  cpSync(join(FIXTURES, 'products', 'product.openapi.yaml'), join(dir, 'specs', 'product.openapi.yaml'));
  cpSync(join(FIXTURES, 'products', PACT), join(dir, 'pacts', PACT));
});
afterAll(() => removeScratch());

describe('a run that checked nothing', () => {
  it('names the specs, the providers looked for and the pacts found, and exits 1', async () => {
    const run = await covenant(['contracts', '--cwd', dir]);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    expect(run.stdout).not.toContain('no findings');
    expect(run.stdout).toContain(
      'error nothing was checked: no HTTP interaction in pacts is for product (provider "product"); the pacts there are for "product-service". Map the provider in covenant.yaml (contracts.providers or specs[].provider), or pass --allow-empty when an empty run is expected (contracts-nothing-checked)',
    );
  });

  it('--allow-empty makes it an info and exits 0', async () => {
    const run = await covenant(['contracts', '--cwd', dir, '--allow-empty', '--format', 'json']);
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout).findings.find((f: { rule: string }) => f.rule === 'contracts-nothing-checked').level).toBe('info');
  });

  it('a spec named on the command line with no pact is an empty run too', async () => {
    const other = scratch('contracts-gate-named');
    cpSync(join(FIXTURES, 'users.openapi.yaml'), join(other, 'users.yaml'));
    cpSync(join(FIXTURES, 'products', PACT), join(other, 'pacts', PACT));
    const run = await covenant(['contracts', 'users.yaml', '--cwd', other]);
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('nothing was checked: no HTTP interaction in pacts is for users (provider "users")');
  });
});

describe('a passing run in JUnit', () => {
  it('has one passing test case per interaction checked', async () => {
    writeFileSync(join(dir, 'covenant.yaml'), 'contracts:\n  providers:\n    product-service: product\n');
    try {
      const run = await covenant(['contracts', '--cwd', dir, '--format', 'junit']);
      expect(run.code, run.stdout).toBe(0);
      expect(run.stdout).toContain('<testsuites name="covenant contracts" tests="3" failures="0" errors="0" skipped="0">');
      expect(run.stdout).toContain('<testcase classname="product" name="shop-web: a request to get a product (given a product with ID 10 exists)"/>');
      expect(run.stdout).toContain('<testcase classname="product" name="shop-web: a request to get all products (given products exist)"/>');
    } finally {
      writeFileSync(join(dir, 'covenant.yaml'), '{}\n');
    }
  });
});

describe('message and plugin interactions', () => {
  it('are listed as skipped with the reason; a message pact of another provider is not fatal', async () => {
    const other = scratch('contracts-gate-messages');
    cpSync(join(FIXTURES, 'products', 'product.openapi.yaml'), join(other, 'specs', 'product.openapi.yaml'));
    cpSync(join(FIXTURES, 'messages'), join(other, 'pacts'), { recursive: true });
    writeFileSync(join(other, 'covenant.yaml'), 'contracts:\n  providers:\n    product-service: product\n');
    const run = await covenant(['contracts', '--cwd', other, '--format', 'json']);
    expect(run.stderr).toBe('');
    const findings = JSON.parse(run.stdout).findings as Array<{ rule: string; level: string; message: string; location: { file: string; line: number } }>;
    const skipped = findings.filter((f) => f.rule === 'pact-interaction-skipped');
    expect(skipped.map((f) => [f.location.file, f.message.slice(0, f.message.indexOf(' is not checked'))])).toEqual([
      ['pacts/grpc-client-product-service.json', 'grpc-client "get product 10 over gRPC" (Synchronous/Messages)'],
      ['pacts/product-events-consumer-product-service.json', 'product-events-consumer "a product created event" (message)'],
      ['pacts/product-events-v4-product-service.json', 'product-events-v4 "a price request" (Synchronous/Messages)'],
      ['pacts/product-events-v4-product-service.json', 'product-events-v4 "a product updated event" (Asynchronous/Messages)'],
    ]);
    expect(skipped[0]!.message).toContain('needs the Pact plugin "protobuf"');
    expect(skipped[1]!.message).toContain('a message interaction, not HTTP');
    expect(skipped.every((f) => f.level === 'info' && f.location.line > 1)).toBe(true);
    // the v4 pact's HTTP interaction was checked; the inventory message pact is someone else's
    expect(findings.some((f) => f.rule === 'contracts-nothing-checked')).toBe(false);
    expect(findings.filter((f) => f.message.includes('inventory')).map((f) => f.rule)).toEqual(['pact-provider-without-spec']);
    // in JUnit they are skipped tests, and the HTTP interaction of the v4 pact is a passing one
    const junit = await covenant(['contracts', '--cwd', other, '--format', 'junit']);
    expect(junit.stdout).toContain('<testsuite name="product" tests="5" failures="0" errors="0" skipped="4">');
    expect(junit.stdout).toContain('<skipped message="product-events-v4 &quot;a price request&quot; (Synchronous/Messages) is not checked: a message interaction, not HTTP');
  });
});
