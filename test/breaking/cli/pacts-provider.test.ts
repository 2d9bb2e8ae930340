/**
 * `covenant breaking --pacts`: every form (two files, two folders, --against) finds the pacts of
 * the spec's provider the same way (contracts.providers, specs[].provider, --provider, the name),
 * and a name that matches no pact is said, never reported as "no consumer uses this".
 */
import { copyFileSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commitAll, covenant, removeScratch, repoWith, REPO } from './support.js';

const FIXTURES = join(REPO, 'test', 'contracts', 'fixtures', 'products');
const SPEC = readFileSync(join(FIXTURES, 'product.openapi.yaml'), 'utf8');
/** GET /products is removed at the revision: the shop-web consumer calls it. */
const REVISION = SPEC.replace(/  \/products:\n    get:[\s\S]*?\n    post:/, '  /products:\n    post:');

let dir: string;
beforeAll(() => {
  expect(REVISION).not.toBe(SPEC);
  dir = repoWith('breaking-pacts-provider', { 'oas/base.yaml': SPEC, 'oas/revision.yaml': REVISION, 'specs/product.yaml': SPEC, 'old/product.yaml': SPEC, 'new/product.yaml': REVISION });
  mkdirSync(join(dir, 'pacts'));
  copyFileSync(join(FIXTURES, 'shop-web-product-service.json'), join(dir, 'pacts', 'shop-web-product-service.json'));
  writeFileSync(join(dir, 'specs', 'product.yaml'), REVISION);
});
afterAll(() => removeScratch(dir));

function removal(args: string[], config?: string) {
  writeFileSync(join(dir, 'covenant.yaml'), config ?? '{}\n');
  const r = covenant(dir, ['breaking', ...args, '--pacts', 'pacts', '--format', 'json']);
  const report = JSON.parse(r.stdout || '{"findings":[]}') as { findings: Array<{ rule: string; spec?: string; level: string; message: string; consumers?: string[] }> };
  return { ...r, report, removed: report.findings.find((f) => f.rule === 'api-removed-without-deprecation') };
}

describe('breaking --pacts resolves the provider like contracts and verify', () => {
  it('two files: contracts.providers maps the pact provider to the spec (named after the base file)', () => {
    const r = removal(['oas/base.yaml', 'oas/revision.yaml'], 'contracts:\n  providers:\n    product-service: base\n');
    expect(r.stderr).toBe('');
    expect(r.removed?.consumers).toEqual(['shop-web']);
    expect(r.removed?.spec).toBe('base');
  });

  it('two files: specs[].provider of the config spec at that path (and its name)', () => {
    const r = removal(['oas/base.yaml', 'oas/revision.yaml'], 'specs:\n  - { path: oas/base.yaml, name: product, provider: product-service }\n');
    expect(r.removed?.consumers).toEqual(['shop-web']);
    expect(r.removed?.spec).toBe('product');
  });

  it('two files: --provider names it on the command line', () => {
    const r = removal(['oas/base.yaml', 'oas/revision.yaml', '--provider', 'product-service']);
    expect(r.removed?.consumers).toEqual(['shop-web']);
  });

  it('two folders: contracts.providers', () => {
    const r = removal(['old', 'new'], 'contracts:\n  providers:\n    product-service: product\n');
    expect(r.removed?.consumers).toEqual(['shop-web']);
  });

  it('--against: contracts.providers (not only specs[].provider)', () => {
    writeFileSync(join(dir, 'covenant.yaml'), 'contracts:\n  providers:\n    product-service: product\n');
    writeFileSync(join(dir, 'specs', 'product.yaml'), SPEC);
    commitAll(dir, 'base spec');
    writeFileSync(join(dir, 'specs', 'product.yaml'), REVISION);
    const r = removal(['--against', 'HEAD'], 'contracts:\n  providers:\n    product-service: product\n');
    expect(r.stderr).toBe('');
    expect(r.removed?.consumers).toEqual(['shop-web']);
  });

  it('a provider no pact names: says which providers the pacts are for, claims no "safe", exits 1', () => {
    const r = removal(['oas/base.yaml', 'oas/revision.yaml']);
    expect(r.code).toBe(1);
    expect(r.removed).toBeDefined();
    expect(r.removed!.consumers).toBeUndefined();
    const said = r.report.findings.find((f) => f.rule === 'pacts-provider-not-found');
    expect(said?.level).toBe('error');
    expect(said?.message).toContain('no pact in pacts is for provider "base" (pacts there are for "product-service")');
    const text = covenant(dir, ['breaking', 'oas/base.yaml', 'oas/revision.yaml', '--pacts', 'pacts']);
    expect(text.stdout).not.toContain('no consumer uses this');
  });

  it('a --pacts folder that does not exist is bad input (exit 2)', () => {
    writeFileSync(join(dir, 'covenant.yaml'), '{}\n');
    const r = covenant(dir, ['breaking', 'oas/base.yaml', 'oas/revision.yaml', '--pacts', 'nope']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('covenant: nope: pacts folder not found (point --pacts at the folder of pact files)\n');
  });
});
