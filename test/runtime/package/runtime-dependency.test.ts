/**
 * `covenant gen` says when the project's package.json does not list @covenant/runtime as a dependency:
 * a dev install finds it anyway (covenant depends on it), but a production install (`--omit=dev`) would
 * leave it out. Runs the BUILT CLI in a project outside the repo (`npm run build` first).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';

const ROOT = resolve(__dirname, '../../..');
let dir: string;

function gen(pkg: object | undefined) {
  rmSync(join(dir, 'package.json'), { force: true });
  if (pkg) writeFileSync(join(dir, 'package.json'), JSON.stringify(pkg));
  const r = spawnSync(process.execPath, [join(ROOT, 'dist/cli/covenant.js'), 'gen', '--cwd', dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 60_000 });
  return { status: r.status, stderr: r.stderr };
}

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'covenant-runtime-dependency-'));
  mkdirSync(join(dir, 'specs'));
  cpSync(join(ROOT, 'specs/users.openapi.yaml'), join(dir, 'specs/users.openapi.yaml'));
  writeFileSync(join(dir, 'covenant.yaml'), 'specs:\n  - path: specs/users.openapi.yaml\n    targets: [typescript-client]\n');
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('covenant gen and the project dependency on @covenant/runtime', () => {
  it('names the npm command when package.json does not list it, or lists it only as a dev dependency', () => {
    expect(gen({ name: 'app' })).toEqual({ status: 0, stderr: 'covenant: generated code imports @covenant/runtime, which package.json does not list (npm i @covenant/runtime@0.2)\n' });
    expect(gen({ name: 'app', devDependencies: { '@covenant/runtime': '^0.2.0' } }).stderr).toBe('covenant: generated code imports @covenant/runtime, which package.json lists only in devDependencies (npm i @covenant/runtime@0.2)\n');
  });

  it('says nothing when it is a dependency, or when there is no package.json at all', () => {
    expect(gen({ name: 'app', dependencies: { '@covenant/runtime': '^0.2.0' } })).toEqual({ status: 0, stderr: '' });
    expect(gen(undefined)).toEqual({ status: 0, stderr: '' });
  });
});
