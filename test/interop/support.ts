/**
 * Helpers for the Go tests: scratch projects under test/.tmp (generated TypeScript resolves the
 * repo's node_modules from there), the BUILT covenant binary, `tsc --strict`, the Go toolchain in
 * GOPATH mode (offline: Debian's Go sources in /usr/share/gocode), and Go programs run as servers.
 *
 * Go tests skip only when `go` is not installed, and say so; under CI (`CI` set) a missing Go fails.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const BIN = join(REPO, 'dist', 'cli', 'covenant.js');
export const TSC = join(REPO, 'node_modules', 'typescript', 'bin', 'tsc');
export const JAR = join(REPO, 'node_modules', 'openapi-generator-jar', 'bin', 'openapi-generator.jar');
/** Debian's Go library sources (golang-google-grpc-dev, golang-github-gorilla-mux-dev, …). */
export const DEBIAN_GOCODE = '/usr/share/gocode';

/** `go version`, or why Go tests cannot run. */
export function goToolchain(): { available: true; version: string } | { available: false; reason: string } {
  const result = spawnSync('go', ['version'], { encoding: 'utf8' });
  if (result.error || result.status !== 0) {
    const reason = `Go tests skipped: \`go\` is not installed (${result.error ? (result.error as NodeJS.ErrnoException).code : result.stderr.trim()}); run .ci/apt to install it`;
    if (process.env.CI) throw new Error(`${reason} — CI must run them`);
    return { available: false, reason };
  }
  return { available: true, version: result.stdout.trim() };
}

export function scratch(label: string): string {
  const root = join(REPO, 'test', '.tmp');
  mkdirSync(root, { recursive: true });
  return mkdtempSync(join(root, `${label}-`));
}

export function removeScratch(dir: string | undefined): void {
  if (dir) rmSync(dir, { recursive: true, force: true });
}

export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    mkdirSync(dirname(join(root, path)), { recursive: true });
    writeFileSync(join(root, path), text);
  }
}

/** An openapitools.json in `dir` that makes the wrapper use the shipped 4.3.1 jar, offline. */
export function pinGenerator431(dir: string): void {
  mkdirSync(join(dir, '.jars'), { recursive: true });
  // named as the wrapper expects: <storageDir>/<version>.jar
  if (!existsSync(join(dir, '.jars', '4.3.1.jar'))) symlinkSync(JAR, join(dir, '.jars', '4.3.1.jar'));
  writeFileSync(join(dir, 'openapitools.json'), JSON.stringify({ 'generator-cli': { version: '4.3.1', storageDir: './.jars' } }));
}

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export function covenant(cwd: string, args: string[], env: NodeJS.ProcessEnv = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], { cwd, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1', ...env }, timeout: 240_000 });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** tsc --strict (NodeNext) on a folder (under test/.tmp); emits JavaScript into `outDir`. */
export function compileTypeScript(dir: string, outDir: string): { code: number | null; output: string } {
  const tsconfig = {
    compilerOptions: { target: 'ES2022', module: 'NodeNext', moduleResolution: 'NodeNext', lib: ['ES2022', 'DOM'], types: ['node'], strict: true, skipLibCheck: true, outDir, rootDir: '.' },
    include: ['**/*.ts'],
    exclude: [outDir, 'node_modules', 'go'],
  };
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  // no package.json here: the scratch folder stays inside covenant's package (type: module), so
  // `@covenant/runtime` resolves through the workspace link in node_modules
  const result = spawnSync(process.execPath, [TSC, '-p', dir], { cwd: dir, encoding: 'utf8', timeout: 300_000 });
  return { code: result.status, output: `${result.stdout}${result.stderr}` };
}

/** `go build` in GOPATH mode: `gopath`/src holds our packages, Debian's gocode the dependencies. */
export function goBuild(gopath: string, pkg: string, output: string): { code: number | null; output: string } {
  const result = spawnSync('go', ['build', '-o', output, pkg], {
    cwd: gopath,
    encoding: 'utf8',
    timeout: 600_000,
    env: { ...process.env, GO111MODULE: 'off', GOPATH: `${gopath}:${DEBIAN_GOCODE}`, GOFLAGS: '', GOPROXY: 'off' },
  });
  return { code: result.status, output: `${result.stdout}${result.stderr}${result.error ? String(result.error) : ''}` };
}

export interface RunningServer {
  process: ChildProcess;
  /** `127.0.0.1:<port>` as the server printed it. */
  address: string;
  stop(): Promise<void>;
}

/** Start a server binary that prints `listening <host:port>`; resolves once it has. */
export function startServer(binary: string, args: string[], timeoutMs = 30_000): Promise<RunningServer> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(binary, args, { stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`${binary} did not start in ${timeoutMs} ms: ${out}${err}`));
    }, timeoutMs);
    const stop = () =>
      new Promise<void>((done) => {
        if (child.exitCode !== null || child.signalCode !== null) return done();
        const kill = setTimeout(() => child.kill('SIGKILL'), 5_000);
        child.once('exit', () => {
          clearTimeout(kill);
          done();
        });
        // closing stdin asks the server to stop gracefully
        child.stdin!.end();
      });
    child.stderr!.on('data', (b: Buffer) => (err += b.toString('utf8')));
    child.stdout!.on('data', (b: Buffer) => {
      out += b.toString('utf8');
      const match = /listening (\S+)/.exec(out);
      if (match) {
        clearTimeout(timer);
        resolvePromise({ process: child, address: match[1]!, stop });
      }
    });
    child.on('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${binary} exited with ${code} before listening: ${out}${err}`));
    });
  });
}
