/**
 * Generated client code type-checks against @covenant/runtime under each `moduleResolution` a project may
 * use: nodenext / bundler read the package's `exports`, node10 (older configs, `"moduleResolution": "node"`)
 * its `typesVersions`. Run in a folder under test/.tmp, where the workspace package resolves as installed.
 */
import { describe, expect, it } from 'vitest';
import { spawnSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { typescriptClient } from '../../../src/gen/typescript/client/index.js';

const ROOT = resolve(__dirname, '../../..');

describe('the generated client under every moduleResolution', () => {
  it('type-checks with nodenext, bundler and node10 (validation on, so client/validate resolves too)', async () => {
    const dir = join(ROOT, 'test/.tmp', `module-resolution-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    try {
      const spec = await loadOpenApi(join(ROOT, 'specs/users.openapi.yaml'), { name: 'users', cwd: ROOT });
      for (const file of await typescriptClient.generate(spec, { validation: true }, { cwd: ROOT, outputDir: dir, header: '// test\n', packageRoot: ROOT, progress() {} })) {
        writeFileSync(join(dir, file.path), file.contents);
      }
      for (const [module, resolution] of [['nodenext', 'nodenext'], ['esnext', 'bundler'], ['commonjs', 'node10']]) {
        const args = ['--noEmit', '--strict', '--module', module!, '--moduleResolution', resolution!, '--target', 'ES2022', '--lib', 'ES2022,DOM', '--skipLibCheck', 'client.ts'];
        const tsc = spawnSync(process.execPath, [join(ROOT, 'node_modules/typescript/bin/tsc'), ...args], { cwd: dir, encoding: 'utf8', timeout: 120_000 });
        expect(`${resolution}: ${tsc.stdout}${tsc.stderr}`).toBe(`${resolution}: `);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 240_000);
});
