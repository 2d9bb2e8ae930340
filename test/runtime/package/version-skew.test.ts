/**
 * Version skew between generated code and @covenant/runtime: code generated for runtime 0.2.x, run on a
 * runtime of another line, fails at the type-only import of its marker (tsc) and, as JavaScript, when it
 * loads (one line naming the npm command). The other runtime is this package's build with its version
 * changed, installed into a scratch project's node_modules. Needs `npm run build` (the built CLI).
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { RUNTIME_VERSION, requireRuntime, runtimeLine } from '../../../packages/runtime/src/version.js';
import { RUNTIME_LINE, RUNTIME_MARKER } from '../../../src/gen/typescript/runtime-line.js';

const ROOT = resolve(__dirname, '../../..');
const RUNTIME = join(ROOT, 'packages/runtime');
const TSC = join(ROOT, 'node_modules/typescript/bin/tsc');

/** Copy the built runtime into `dir/node_modules/@covenant/runtime`, as version `version`. */
function installRuntime(dir: string, version: string) {
  const target = join(dir, 'node_modules/@covenant/runtime');
  mkdirSync(target, { recursive: true });
  cpSync(join(RUNTIME, 'dist'), join(target, 'dist'), { recursive: true });
  const pkg = JSON.parse(readFileSync(join(RUNTIME, 'package.json'), 'utf8'));
  writeFileSync(join(target, 'package.json'), JSON.stringify({ ...pkg, version }));
  const marker = `CovenantRuntime_${runtimeLine(version).replace('.', '_')}`;
  for (const file of ['dist/version.js', 'dist/version.d.ts', 'dist/client/index.d.ts', 'dist/server/index.d.ts']) {
    const path = join(target, file);
    writeFileSync(path, readFileSync(path, 'utf8').replaceAll(`'${RUNTIME_VERSION}'`, `'${version}'`).replaceAll(RUNTIME_MARKER, marker));
  }
}

describe('the runtime line generated code states', () => {
  it('is the line of this runtime, whose version.ts matches its package.json (and covenant\'s, which depends on exactly it)', () => {
    const pkg = JSON.parse(readFileSync(join(RUNTIME, 'package.json'), 'utf8'));
    expect(RUNTIME_VERSION).toBe(pkg.version);
    // released together: covenant X.Y.Z depends on exactly @covenant/runtime X.Y.Z
    const covenant = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect(covenant.dependencies['@covenant/runtime']).toBe(pkg.version);
    expect(covenant.version).toBe(pkg.version);
    expect(RUNTIME_LINE).toBe(runtimeLine(pkg.version));
    expect(readFileSync(join(RUNTIME, 'src/version.ts'), 'utf8')).toContain(`export type ${RUNTIME_MARKER} = '${RUNTIME_LINE}';`);
    expect(runtimeLine('0.2.7')).toBe('0.2');
    expect(runtimeLine('1.4.0')).toBe('1');
    expect(() => requireRuntime(RUNTIME_LINE)).not.toThrow();
  });

  it('fails tsc at the marker import and fails at load with one line on another runtime line', () => {
    mkdirSync(join(ROOT, 'test/.tmp'), { recursive: true });
    const dir = mkdtempSync(join(ROOT, 'test/.tmp', 'skew-'));
    try {
      mkdirSync(join(dir, 'specs'));
      cpSync(join(ROOT, 'specs/users.openapi.yaml'), join(dir, 'specs/users.openapi.yaml'));
      writeFileSync(join(dir, 'covenant.yaml'), 'specs:\n  - path: specs/users.openapi.yaml\n    targets: [typescript-client, typescript-server]\n');
      const gen = spawnSync(process.execPath, [join(ROOT, 'dist/cli/covenant.js'), 'gen', '--cwd', dir], { encoding: 'utf8' });
      expect(gen.status, gen.stderr).toBe(0);
      writeFileSync(join(dir, 'package.json'), '{ "type": "module" }');
      const tsconfig = { compilerOptions: { strict: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], skipLibCheck: true, types: [], rootDir: '.', outDir: 'out' }, include: ['generated/**/*.ts'] };
      writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig));
      const tsc = () => spawnSync(process.execPath, [TSC, '-p', dir], { encoding: 'utf8' });

      installRuntime(dir, RUNTIME_VERSION);
      expect(tsc().stdout).toBe('');
      const load = (file: string) => spawnSync(process.execPath, ['--input-type=module', '-e', `await import(${JSON.stringify(join(dir, 'out', file))})`], { encoding: 'utf8' });
      const ok = load('generated/users/client.js');
      expect(ok.status, ok.stderr).toBe(0);

      rmSync(join(dir, 'node_modules'), { recursive: true });
      installRuntime(dir, '0.3.0');
      const checked = tsc();
      expect(checked.status).not.toBe(0);
      for (const [file, entry] of [['client.ts', 'client'], ['server.ts', 'server']]) {
        expect(checked.stdout).toContain(`generated/users/${file}`);
        expect(checked.stdout).toMatch(new RegExp(`'"@covenant/runtime/${entry}"' has no exported member named '${RUNTIME_MARKER}'`));
      }
      for (const file of ['generated/users/client.js', 'generated/users/server.js']) {
        const loaded = load(file);
        expect(loaded.status).not.toBe(0);
        expect(loaded.stderr).toContain(`covenant: this generated code needs @covenant/runtime ${RUNTIME_LINE}.x, found 0.3.0: run \`npm i @covenant/runtime@${RUNTIME_LINE}\``);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});
