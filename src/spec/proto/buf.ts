/**
 * The buf CLI (from `@bufbuild/buf`), called as its native binary: compile a proto module into an
 * image, run plugins on an image (`buf generate`) into a temporary folder and read the files back,
 * and turn buf's JSON diagnostics into positions. covenant never needs `protoc`.
 *
 * Reused by every proto job: load (build), gen (generate), lint and breaking.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from '../../errors.js';
import { COVENANT_PACKAGE_ROOT, ENGINES, engineMissing, resolveEngine } from '../../engines.js';

export { COVENANT_PACKAGE_ROOT } from '../../engines.js';

/** buf's platform package (`buf-linux-x64`) and its binary's name. */
function bufPlatform(): { name: string; exe: string } {
  const arch = process.arch === 'x64' ? 'x64' : process.arch === 'arm64' ? 'aarch64' : process.arch;
  const platform = process.platform === 'win32' ? 'win32' : process.platform;
  return { name: `buf-${platform}-${arch}`, exe: process.platform === 'win32' ? 'buf.exe' : 'buf' };
}

/** Where `@bufbuild/buf` puts the native binary for this platform, inside covenant's own node_modules. */
export function bufBinaryPath(packageRoot: string): string {
  const { name, exe } = bufPlatform();
  return join(packageRoot, 'node_modules', '@bufbuild', name, 'bin', exe);
}

/**
 * The buf binary: in covenant's own node_modules, else where the project's install put it (hoisted beside
 * covenant); else the one-line "npm i -D @bufbuild/buf" error. `COVENANT_BUF` overrides the lookup.
 */
export function findBuf(packageRoot: string): string {
  const override = process.env.COVENANT_BUF;
  if (override) {
    if (!existsSync(override)) throw new UserError(`COVENANT_BUF points to a missing file: ${override}`, { hint: 'unset it or point it at a buf binary' });
    return override;
  }
  const own = bufBinaryPath(packageRoot);
  if (existsSync(own)) return own;
  const { name, exe } = bufPlatform();
  const hoisted = join(dirname(resolveEngine(ENGINES.buf, `@bufbuild/${name}/package.json`, packageRoot)), 'bin', exe);
  if (!existsSync(hoisted)) throw engineMissing(ENGINES.buf);
  return hoisted;
}

export interface BufRunOptions {
  /** covenant's package root (default: the one this module belongs to). */
  packageRoot?: string;
  /** Working folder of buf; paths in its diagnostics are relative to it. */
  cwd: string;
  stdin?: Uint8Array;
}

export interface BufRunResult {
  code: number;
  stdout: Buffer;
  stderr: string;
}

/** Run `buf <args>`; resolves with the exit code and output (never throws on a non-zero exit). */
export function runBuf(args: string[], options: BufRunOptions): Promise<BufRunResult> {
  const bin = findBuf(options.packageRoot ?? COVENANT_PACKAGE_ROOT);
  return new Promise((resolvePromise, reject) => {
    const child = spawn(bin, args, { cwd: options.cwd, stdio: ['pipe', 'pipe', 'pipe'], env: bufEnv() });
    const out: Buffer[] = [];
    const err: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => out.push(b));
    child.stderr.on('data', (b: Buffer) => err.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, stdout: Buffer.concat(out), stderr: Buffer.concat(err).toString('utf8') }));
    child.stdin.on('error', () => {});
    child.stdin.end(options.stdin ?? undefined);
  });
}

/** buf needs a writable cache folder even offline; keep the user's when it has one. */
function bufEnv(): NodeJS.ProcessEnv {
  const env = { ...process.env };
  if (!env.BUF_CACHE_DIR && !env.XDG_CACHE_HOME && !env.HOME) env.BUF_CACHE_DIR = join(tmpdir(), 'covenant-buf-cache');
  return env;
}

/** One diagnostic of `--error-format json` (build errors and lint/breaking violations share it). */
export interface BufDiagnostic {
  path?: string;
  start_line?: number;
  start_column?: number;
  end_line?: number;
  end_column?: number;
  type?: string;
  message: string;
}

/** Parse buf's JSON lines; lines that are not JSON diagnostics are returned as plain messages. */
export function parseBufDiagnostics(text: string): BufDiagnostic[] {
  const result: BufDiagnostic[] = [];
  for (const line of text.split('\n')) {
    const trimmed = line.trim();
    if (trimmed === '') continue;
    if (trimmed.startsWith('{')) {
      try {
        const value = JSON.parse(trimmed) as BufDiagnostic;
        if (typeof value.message === 'string') {
          result.push(value);
          continue;
        }
      } catch {
        // not JSON: fall through
      }
    }
    result.push({ message: trimmed.replace(/^Failure: /, '') });
  }
  return result;
}

/** A diagnostic as a UserError (`file:line:col: message`). */
export function diagnosticError(d: BufDiagnostic, fallbackFile: string, more = 0): UserError {
  const extra = more > 0 ? `${more} more error${more === 1 ? '' : 's'}; ` : '';
  return new UserError(d.message, {
    position: { file: d.path ?? fallbackFile, line: d.start_line || undefined, column: d.start_line ? d.start_column || undefined : undefined },
    hint: `${extra}reported by buf`,
  });
}

/**
 * `buf build` of a module folder into an image (binary FileDescriptorSet with buf's extensions,
 * source info kept). A compile error becomes a UserError at its file:line:col, shown relative to
 * `cwd`. buf runs inside the module folder; a folder without its own buf.yaml gets an explicit
 * default config, so that a buf.yaml further up the tree (a workspace) never changes the result.
 */
export async function bufBuild(input: string, options: BufRunOptions & { excludeSourceInfo?: boolean }): Promise<Uint8Array> {
  const rootAbs = resolve(options.cwd, input);
  const isDir = existsSync(rootAbs) && statSync(rootAbs).isDirectory();
  const args = ['build', isDir ? '.' : rootAbs, '--error-format', 'json', '-o', '-#format=binpb'];
  if (isDir) args.push(...moduleConfigArgs(rootAbs));
  if (options.excludeSourceInfo) args.push('--exclude-source-info');
  const result = await runBuf(args, { ...options, cwd: isDir ? rootAbs : options.cwd });
  if (result.code !== 0) {
    const diagnostics = parseBufDiagnostics(result.stderr);
    const first = diagnostics.find((d) => d.path) ?? diagnostics[0] ?? { message: `buf build failed with exit code ${result.code}` };
    const shown = first.path && isDir ? { ...first, path: displayPath(resolve(rootAbs, first.path), options.cwd) } : first;
    throw diagnosticError(shown, input, diagnostics.length - 1);
  }
  return new Uint8Array(result.stdout.buffer, result.stdout.byteOffset, result.stdout.byteLength);
}

/** The default module config (buf v2, lint STANDARD) used for a folder without a buf.yaml. */
export const DEFAULT_BUF_CONFIG = { version: 'v2', lint: { use: ['STANDARD'] } } as const;

/** `--config` arguments for running buf inside `rootAbs`: none when it has its own buf.yaml. */
export function moduleConfigArgs(rootAbs: string): string[] {
  return existsSync(join(rootAbs, 'buf.yaml')) ? [] : ['--config', JSON.stringify(DEFAULT_BUF_CONFIG)];
}

/** An absolute path as the user sees it: relative to cwd when inside it, forward slashes. */
export function displayPath(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  const shown = rel !== '' && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  return shown.split(sep).join('/');
}

/** Write an image to a temporary `image.binpb` for the length of `use` (buf reads images from files). */
export async function withImageFile<T>(image: Uint8Array, use: (path: string) => Promise<T>): Promise<T> {
  const temp = mkdtempSync(join(tmpdir(), 'covenant-buf-'));
  try {
    const path = join(temp, 'image.binpb');
    writeFileSync(path, image);
    return await use(path);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

/** True when a buf.yaml declares a v2 workspace (`modules:`): its paths only make sense on the folder. */
export function isWorkspaceConfig(bufYaml: string | undefined): boolean {
  if (!bufYaml || !existsSync(bufYaml)) return false;
  return /^modules\s*:/m.test(readFileSync(bufYaml, 'utf8'));
}

/** A plugin for `buf generate` (buf.gen.yaml v2 `plugins:` entry). */
export interface BufPlugin {
  /** Command of a local plugin: a binary path, or [program, ...args] (e.g. ['node', '/abs/plugin.js']). */
  local: string | string[];
  /** Plugin options, each passed as one `opt` entry. */
  opt?: string[];
  /** Sub-folder of the output folder for this plugin (default: the output folder itself). */
  out?: string;
  /** `directory` (buf's default: one plugin run per proto folder, in parallel) or `all` (one run). */
  strategy?: 'directory' | 'all';
  includeImports?: boolean;
  includeWkt?: boolean;
}

export interface GenerateInput {
  /** A compiled image (from bufBuild): nothing is compiled again. */
  image?: Uint8Array;
  /** Or a module folder / buf input, relative to `cwd`. */
  input?: string;
  /** Only generate for these files or folders of the module (`--path`). */
  paths?: string[];
}

export interface GeneratedBufFile {
  path: string;
  contents: Buffer;
}

/**
 * Run `buf generate` with these plugins into a temporary folder and read every file back
 * (sorted by path, forward slashes). The temporary folder is always removed.
 */
export async function bufGenerate(source: GenerateInput, plugins: BufPlugin[], options: BufRunOptions): Promise<GeneratedBufFile[]> {
  const temp = mkdtempSync(join(tmpdir(), 'covenant-buf-'));
  try {
    const out = join(temp, 'out');
    const template = {
      version: 'v2',
      plugins: plugins.map((p) => ({
        local: p.local,
        out: p.out ? join(out, p.out) : out,
        ...(p.opt && p.opt.length > 0 ? { opt: p.opt } : {}),
        ...(p.strategy ? { strategy: p.strategy } : {}),
        ...(p.includeImports ? { include_imports: true } : {}),
        ...(p.includeWkt ? { include_wkt: true } : {}),
      })),
    };
    // JSON is YAML: no serializer needed, no escaping surprises
    const templateFile = join(temp, 'buf.gen.yaml');
    writeFileSync(templateFile, JSON.stringify(template, null, 2));
    let input: string;
    if (source.image) {
      input = join(temp, 'image.binpb');
      writeFileSync(input, source.image);
    } else if (source.input) {
      input = source.input;
    } else {
      throw new Error('bufGenerate: give an image or an input');
    }
    const args = ['generate', input, '--template', templateFile, '--error-format', 'json'];
    for (const p of source.paths ?? []) args.push('--path', p);
    const result = await runBuf(args, options);
    if (result.code !== 0) {
      const diagnostics = parseBufDiagnostics(result.stderr + '\n' + result.stdout.toString('utf8'));
      const located = diagnostics.find((d) => d.path);
      if (located) throw diagnosticError(located, source.input ?? 'image', diagnostics.length - 1);
      const text = diagnostics.map((d) => d.message).join('; ') || `exit code ${result.code}`;
      throw new Error(`buf generate failed: ${text}`);
    }
    return readTree(out);
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function readTree(root: string): GeneratedBufFile[] {
  const files: GeneratedBufFile[] = [];
  if (!existsSync(root)) return files;
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, item.name);
      if (item.isDirectory()) walk(abs);
      else if (item.isFile()) files.push({ path: relative(root, abs).split(sep).join('/'), contents: readFileSync(abs) });
    }
  };
  walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}
