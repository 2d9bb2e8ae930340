/**
 * The optional engines (src/engines.ts): package.json declares exactly them as optional peers (and keeps
 * them in devDependencies), and the BUILT covenant, installed in a project that lacks them, still does
 * OpenAPI work while each command that needs an engine fails with one line naming the `npm i -D` (exit 2).
 *
 * The install without engines is real for Node's resolution: a scratch project outside the repo whose
 * node_modules holds a copy of covenant (package.json + dist) and links to every package of the repo's
 * node_modules except the engines and the packages only generated code needs.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { ENGINES, GENERATED_CODE_PEERS, engineMissing, resolveEngine } from '../../src/engines.js';

const ROOT = resolve(__dirname, '../..');
const PKG = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
const ENGINE_PACKAGES = Object.values(ENGINES).map((e) => e.package);
const LEFT_OUT = new Set<string>([...ENGINE_PACKAGES, ...GENERATED_CODE_PEERS]);
const leftOut = (name: string) => LEFT_OUT.has(name) || name.startsWith('@bufbuild/buf-');

describe('package.json and the engine table', () => {
  it('declares exactly the engines and generated-code packages as optional peers, kept as devDependencies only', () => {
    const optional = [...LEFT_OUT].sort();
    expect(Object.keys(PKG.peerDependencies).sort()).toEqual(optional);
    expect(Object.entries(PKG.peerDependenciesMeta).filter(([, meta]) => (meta as { optional?: boolean }).optional).map(([name]) => name).sort()).toEqual(optional);
    for (const name of optional) {
      expect(PKG.dependencies[name], name).toBeUndefined();
      expect(PKG.devDependencies[name], name).toBe(PKG.peerDependencies[name]);
    }
  });

  it('resolveEngine names the npm command when the package is not there, and resolves it when it is', () => {
    const empty = mkdtempSync(join(tmpdir(), 'covenant-no-engines-'));
    try {
      writeFileSync(join(empty, 'package.json'), '{}');
      expect(() => resolveEngine(ENGINES.tsProto, 'ts-proto/build/src/plugin.js', empty)).toThrow(engineMissing(ENGINES.tsProto).message);
      expect(resolveEngine(ENGINES.tsProto, 'ts-proto/build/src/plugin.js', ROOT)).toContain('plugin.js');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });
});

describe('the built covenant installed without its optional engines', () => {
  let project: string;
  const covenant = (...args: string[]) => {
    const r = spawnSync(process.execPath, [join(project, 'node_modules/covenant/dist/cli/covenant.js'), ...args, '--cwd', project], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', COVENANT_BUF: '' }, timeout: 60_000 });
    return { status: r.status, stderr: r.stderr, stdout: r.stdout };
  };
  const oneLine = (engine: { package: string }) => new RegExp(`^covenant: .* needs ${engine.package.replace(/[/@.-]/g, '\\$&')}, which is not installed \\(npm i -D ${engine.package.replace(/[/@.-]/g, '\\$&')}\\)\\n$`);

  beforeAll(() => {
    project = mkdtempSync(join(tmpdir(), 'covenant-openapi-only-'));
    const modules = join(project, 'node_modules');
    mkdirSync(join(modules, 'covenant'), { recursive: true });
    cpSync(join(ROOT, 'package.json'), join(modules, 'covenant/package.json'));
    cpSync(join(ROOT, 'dist'), join(modules, 'covenant/dist'), { recursive: true });
    for (const name of readdirSync(join(ROOT, 'node_modules'))) {
      if (name.startsWith('.') || name === 'covenant') continue;
      if (name.startsWith('@')) {
        mkdirSync(join(modules, name));
        for (const inner of readdirSync(join(ROOT, 'node_modules', name))) {
          if (!leftOut(`${name}/${inner}`)) symlinkSync(join(ROOT, 'node_modules', name, inner), join(modules, name, inner));
        }
      } else if (!leftOut(name)) {
        symlinkSync(join(ROOT, 'node_modules', name), join(modules, name));
      }
    }
    mkdirSync(join(project, 'specs/orders'), { recursive: true });
    cpSync(join(ROOT, 'specs/users.openapi.yaml'), join(project, 'specs/users.openapi.yaml'));
    cpSync(join(ROOT, 'specs/orders'), join(project, 'specs/orders'), { recursive: true });
    cpSync(join(ROOT, 'pacts'), join(project, 'pacts'), { recursive: true });
  });

  afterAll(() => {
    if (project) rmSync(project, { recursive: true, force: true });
  });

  const config = (text: string) => writeFileSync(join(project, 'covenant.yaml'), text);

  it('generates the TypeScript client and server of an OpenAPI spec', () => {
    config('specs:\n  - path: specs/users.openapi.yaml\n    targets: [typescript-client, typescript-server]\n');
    const gen = covenant('gen');
    expect(gen.stderr).toBe('');
    expect(gen).toMatchObject({ status: 0, stdout: expect.stringContaining('users → generated/users/') });
    expect(covenant('lint', 'specs/users.openapi.yaml').status).not.toBe(2);
  });

  it('a proto spec: one line naming npm i -D @bufbuild/buf, exit 2', () => {
    config('specs:\n  - path: specs/orders\n    targets: [ts-proto]\n');
    const gen = covenant('gen');
    expect(gen.status).toBe(2);
    expect(gen.stderr).toMatch(oneLine(ENGINES.buf));
  });

  it('an openapi-generator target: one line naming npm i -D @openapitools/openapi-generator-cli, exit 2', () => {
    config('specs:\n  - path: specs/users.openapi.yaml\n    targets: [openapi-generator:go-server]\n');
    const gen = covenant('gen');
    expect(gen.status).toBe(2);
    expect(gen.stderr).toMatch(oneLine(ENGINES.openapiGenerator));
  });

  it('covenant contracts: one line naming npm i -D @pactflow/openapi-pact-comparator, exit 2', () => {
    config('specs:\n  - path: specs/users.openapi.yaml\n    name: users\n');
    const contracts = covenant('contracts');
    expect(contracts.status).toBe(2);
    expect(contracts.stderr).toMatch(oneLine(ENGINES.pactComparator));
  });

  it('covenant verify: one line naming npm i -D @pact-foundation/pact, exit 2', () => {
    const verify = covenant('verify', '--provider', 'users', '--provider-base-url', 'http://127.0.0.1:9');
    expect(verify.status).toBe(2);
    expect(verify.stderr).toMatch(oneLine(ENGINES.pact));
  });
});
