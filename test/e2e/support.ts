/**
 * Build a generated users service for the end-to-end tests: copy a spec into a scratch folder under
 * test/.tmp, run the BUILT `covenant gen`, add the real handlers (fixtures/users-app.ts), compile
 * everything with `tsc --strict` (NodeNext) and return the folder with its compiled `out/`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
const TSC = join(REPO, 'node_modules', '.bin', 'tsc');

export interface BuiltService {
  dir: string;
  /** Import a compiled module of the service (`generated/users/client.js`, `users-app.js`). */
  load<T = any>(path: string): Promise<T>;
}

export function buildUsersService(label: string, spec: string, targets: string[], extraFiles: Record<string, string> = {}): BuiltService {
  mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', `${label}-`));
  mkdirSync(join(dir, 'specs'));
  copyFileSync(join(REPO, spec), join(dir, 'specs', 'users.openapi.yaml'));
  writeFileSync(join(dir, 'covenant.yaml'), `specs:\n  - path: specs/users.openapi.yaml\n    targets: [${targets.join(', ')}]\n`);
  execFileSync(process.execPath, [join(REPO, 'dist', 'cli', 'covenant.js'), 'gen', '--cwd', dir], { encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  copyFileSync(join(REPO, 'test', 'e2e', 'fixtures', 'users-app.ts'), join(dir, 'users-app.ts'));
  for (const [name, text] of Object.entries(extraFiles)) writeFileSync(join(dir, name), text);
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        module: 'NodeNext',
        moduleResolution: 'NodeNext',
        target: 'ES2022',
        lib: ['ES2022', 'DOM'],
        types: ['node'],
        skipLibCheck: true,
        rootDir: '.',
        outDir: 'out',
      },
      include: ['generated/**/*.ts', '*.ts'],
    }),
  );
  const result = spawnSync(process.execPath, [TSC, '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  if (result.status !== 0) throw new Error(`tsc --strict failed:\n${result.stdout}${result.stderr}`);
  return { dir, load: (path) => import(join(dir, 'out', path)) };
}
