/**
 * covenant.yaml: found in the cwd (yaml, yml or json) or through --config, validated against the
 * shipped JSON Schema, mistakes reported at file:line:col; and the spec list it yields.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { configSchema } from '../../src/config/schema.js';
import { discoverSpecs } from '../../src/spec/discover.js';
import { UserError } from '../../src/errors.js';
import { PETS_SPEC, REPO, removeScratch, scratch, writeTree } from './support.js';

function configError(cwd: string, file?: string): string {
  try {
    loadConfig({ cwd, file });
  } catch (error) {
    expect(error).toBeInstanceOf(UserError);
    return (error as UserError).toLine();
  }
  throw new Error('expected a UserError');
}

describe('loadConfig', () => {
  const dirs: string[] = [];
  afterAll(() => dirs.forEach(removeScratch));
  const project = (files: Record<string, string>) => {
    const cwd = scratch('config');
    dirs.push(cwd);
    writeTree(cwd, files);
    return cwd;
  };

  it('uses the embedded default when there is no file', () => {
    const cwd = project({ 'specs/pets.yaml': PETS_SPEC, 'specs/orders/v1/orders.proto': 'syntax = "proto3";\npackage orders.v1;\n' });
    const loaded = loadConfig({ cwd });
    expect(loaded).toEqual({ config: {}, root: cwd });
    const entries = discoverSpecs(loaded, { cwd });
    expect(entries.map((e) => [e.name, e.kind, e.path, e.output, e.targets.map((t) => t.name)])).toEqual([
      ['pets', 'openapi', 'specs/pets.yaml', 'generated/pets', ['typescript-client', 'typescript-server']],
      ['orders', 'proto', 'specs', 'generated/orders', ['ts-proto']],
    ]);
  });

  it('reads covenant.yaml, .yml or .json, and --config from elsewhere; paths are relative to the file', () => {
    const yaml = 'output: out\nspecs:\n  - path: specs/pets.yaml\n    name: animals\n    targets:\n      - typescript-client\n      - { name: typescript-server, output: server/gen }\n';
    for (const name of ['covenant.yaml', 'covenant.yml']) {
      const cwd = project({ [name]: yaml, 'specs/pets.yaml': PETS_SPEC });
      const loaded = loadConfig({ cwd });
      expect(loaded.file).toBe(name);
      const [entry] = discoverSpecs(loaded, { cwd });
      expect(entry).toMatchObject({ name: 'animals', path: 'specs/pets.yaml', output: 'out/animals', provider: 'animals' });
      expect(entry!.targets).toEqual([{ name: 'typescript-client' }, { name: 'typescript-server', output: 'server/gen' }]);
    }
    const json = project({ 'covenant.json': JSON.stringify({ specs: [{ path: 'specs/pets.yaml', output: 'src/gen' }] }), 'specs/pets.yaml': PETS_SPEC });
    expect(discoverSpecs(loadConfig({ cwd: json }), { cwd: json })[0]).toMatchObject({ name: 'pets', output: 'src/gen' });

    const elsewhere = project({ 'config/covenant.yaml': 'specs:\n  - path: ../specs/pets.yaml\n', 'specs/pets.yaml': PETS_SPEC });
    const loaded = loadConfig({ cwd: elsewhere, file: 'config/covenant.yaml' });
    expect(loaded.root).toBe(join(elsewhere, 'config'));
    expect(discoverSpecs(loaded, { cwd: elsewhere })[0]).toMatchObject({ path: 'specs/pets.yaml', output: 'config/generated/pets' });
  });

  it('reports mistakes at their position, for YAML and JSON', () => {
    expect(configError(project({ 'covenant.yaml': 'specz: []\n' }))).toBe('covenant.yaml:1:1: unknown key "specz" (allowed keys: $schema, output, specs, breaking, contracts)');
    expect(configError(project({ 'covenant.yaml': 'specs:\n  - path: a.yaml\n    kind: graphql\n' }))).toBe('covenant.yaml:3:5: specs.0.kind must be equal to one of the allowed values: openapi, proto (see schemas/covenant.schema.json)');
    expect(configError(project({ 'covenant.yaml': 'specs:\n  - name: x\n' }))).toMatch(/^covenant\.yaml:2:5: specs\.0 must have required property 'path'/);
    expect(configError(project({ 'covenant.yaml': 'specs:\n  - path: a.yaml\n    name: "has space"\n' }))).toMatch(/^covenant\.yaml:3:5: specs\.0\.name must match pattern/);
    expect(configError(project({ 'covenant.json': '{\n  "output": "gen",\n  "specs": [{ "path": "a.yaml", "targets": [{ "nam": "x" }] }]\n}\n' }))).toMatch(/^covenant\.json:3:\d+: /);
    expect(configError(project({ 'covenant.yaml': 'breaking:\n  failOn: sometimes\n' }))).toMatch(/^covenant\.yaml:2:3: breaking\.failOn must be equal to one of the allowed values: error, warning, info/);
    expect(configError(project({}), 'missing.yaml')).toBe('missing.yaml: config file not found (check --config)');
  });

  it('two specs with one name are refused', () => {
    const cwd = project({ 'covenant.yaml': 'specs:\n  - path: a/pets.yaml\n  - path: b/pets.yaml\n', 'a/pets.yaml': PETS_SPEC, 'b/pets.yaml': PETS_SPEC });
    expect(() => discoverSpecs(loadConfig({ cwd }), { cwd })).toThrowError(/two specs are named "pets": a\/pets\.yaml and b\/pets\.yaml/);
  });

  it('the schema shipped in schemas/ is the one the loader uses (run `npm run build` after changing it)', () => {
    const shipped = JSON.parse(readFileSync(join(REPO, 'schemas/covenant.schema.json'), 'utf8'));
    expect(shipped).toEqual(JSON.parse(JSON.stringify(configSchema)));
  });
});
