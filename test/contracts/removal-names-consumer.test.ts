/**
 * Property: for every HTTP interaction of every pact the tests use, removing the operation it
 * calls makes `covenant breaking --pacts` report a finding that names that consumer, whichever
 * way the provider is tied to the spec (contracts.providers, specs[].provider, --provider).
 */
import { mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { runBreaking } from '../../src/breaking/run.js';
import type { LoadedConfig } from '../../src/config/load.js';
import { readPactsDir } from '../../src/contracts/pacts.js';
import { RouteMatcher } from '../../src/contracts/routes.js';
import { HTTP_METHODS } from '../../src/spec/openapi/operations.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const repo = resolve(here, '..', '..');
const tmp = join(repo, 'test', '.tmp', 'removal-names-consumer');

/** Every spec of the tests with the pacts written against it. */
const SUITES = [
  { spec: join(here, 'fixtures', 'users.openapi.yaml'), pacts: join(here, 'fixtures', 'pacts'), provider: 'users' },
  { spec: join(repo, 'specs', 'users.openapi.yaml'), pacts: join(repo, 'pacts'), provider: 'users' },
  { spec: join(here, 'fixtures', 'products', 'product.openapi.yaml'), pacts: join(here, 'fixtures', 'products'), provider: 'product-service' },
];

interface Case {
  suite: (typeof SUITES)[number];
  consumer: string;
  description: string;
  method: string;
  path: string;
}

function cases(): Case[] {
  const out: Case[] = [];
  for (const suite of SUITES) {
    const document = parse(readFileSync(suite.spec, 'utf8'));
    const templates = Object.entries(document.paths as Record<string, Record<string, unknown>>).flatMap(([path, item]) =>
      Object.keys(item).filter((m) => (HTTP_METHODS as readonly string[]).includes(m)).map((m) => ({ method: m.toUpperCase(), path })),
    );
    const router = new RouteMatcher(templates, (document.servers ?? []).map((s: { url: string }) => s.url));
    for (const pact of readPactsDir(suite.pacts)) {
      if (pact.provider !== suite.provider) continue;
      for (const i of pact.interactions) {
        const route = router.match(i.method, i.path);
        expect(route, `${pact.file}: ${i.description} calls an operation of ${suite.spec}`).toBeDefined();
        out.push({ suite, consumer: pact.consumer, description: i.description, method: route!.method, path: route!.path });
      }
    }
  }
  return out;
}

afterAll(() => rmSync(tmp, { recursive: true, force: true }));

describe('removing an operation a pact uses names that consumer', () => {
  const all = cases();

  it('covers every interaction of the pacts of the tests', () => {
    expect(all.length).toBeGreaterThanOrEqual(10);
  });

  it('in every way of naming the provider', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...all), fc.constantFrom('contracts.providers', 'specs[].provider', '--provider'), fc.constantFrom('base', 'before', 'v1'), async (c, how, baseName) => {
        const dir = join(tmp, `${baseName}-${how.replace(/\W/g, '')}`);
        mkdirSync(dir, { recursive: true });
        const document = parse(readFileSync(c.suite.spec, 'utf8'));
        writeFileSync(join(dir, `${baseName}.json`), JSON.stringify(document));
        delete document.paths[c.path][c.method.toLowerCase()];
        writeFileSync(join(dir, 'revision.json'), JSON.stringify(document));
        const config: LoadedConfig = {
          root: dir,
          config:
            how === 'contracts.providers'
              ? { contracts: { providers: { [c.suite.provider]: baseName } } }
              : how === 'specs[].provider'
                ? { specs: [{ path: `${baseName}.json`, name: 'api', provider: c.suite.provider }] }
                : {},
        } as LoadedConfig;
        const result = await runBreaking({
          cwd: dir,
          config,
          inputs: [`${baseName}.json`, 'revision.json'],
          pacts: c.suite.pacts,
          provider: how === '--provider' ? c.suite.provider : undefined,
          today: '2026-01-01',
        });
        const named = result.findings.filter((f) => f.operation === `${c.method} ${c.path}` && f.consumers?.includes(c.consumer));
        expect(named.length, `${c.consumer}: "${c.description}" (${c.method} ${c.path}) via ${how}: ${JSON.stringify(result.findings.map((f) => [f.rule, f.operation, f.consumers]))}`).toBeGreaterThan(0);
      }),
      { numRuns: 40 },
    );
  });
});
