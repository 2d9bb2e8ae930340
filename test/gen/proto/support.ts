/**
 * Helpers for the proto generation tests: scratch projects under test/.tmp (so generated code
 * resolves nice-grpc, @bufbuild/protobuf ... from the repo's node_modules), the BUILT covenant
 * binary, and `tsc --strict` (module NodeNext) on generated code.
 */
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const BIN = join(REPO, 'dist', 'cli', 'covenant.js');
export const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
export const FIXTURES = join(REPO, 'test', 'gen', 'proto', 'fixtures');

export function scratch(label: string): string {
  const root = join(REPO, 'test', '.tmp');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${label}-`));
}

export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** Copy the repo's demo proto module (specs/orders) into `dir`/specs. */
export function copyOrdersSpec(dir: string): void {
  cpSync(join(REPO, 'specs', 'orders'), join(dir, 'specs', 'orders'), { recursive: true });
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function covenant(cwd: string, args: string[]): CliResult {
  if (!existsSync(BIN)) throw new Error(`build first: ${BIN} is missing (npx tsc -p .)`);
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, timeout: 240_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** tsc --strict on a project folder; with `outDir` it emits JavaScript there, else --noEmit. */
export function typecheck(dir: string, options: { outDir?: string; include?: string[] } = {}): { code: number | null; output: string } {
  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022'],
      types: ['node'],
      strict: true,
      skipLibCheck: true,
      ...(options.outDir ? { outDir: options.outDir, rootDir: '.' } : { noEmit: true }),
    },
    include: options.include ?? ['**/*.ts'],
    exclude: ['build', 'node_modules'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', private: true }));
  const result = spawnSync(process.execPath, [TSC, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 300_000, env: { ...process.env, NODE_PATH: join(REPO, 'node_modules') } });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** Every file under `dir` → its bytes (base64), for byte-for-byte comparisons. */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const item of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, item.name);
      if (item.isDirectory()) walk(abs);
      else out[relative(dir, abs).split(sep).join('/')] = readFileSync(abs).toString('base64');
    }
  };
  walk(dir);
  return out;
}
