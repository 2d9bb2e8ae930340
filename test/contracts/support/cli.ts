/** Run the BUILT covenant binary (dist/cli/covenant.js), as users do. */
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');
export const BIN = join(REPO, 'dist', 'cli', 'covenant.js');

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function covenant(args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<CliResult> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], { cwd: options.cwd ?? REPO, env: { ...process.env, NO_COLOR: '1', ...options.env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c) => (stdout += c));
    child.stderr.on('data', (c) => (stderr += c));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 120_000);
    child.on('error', reject);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolvePromise({ code: code ?? -1, stdout, stderr });
    });
  });
}

/** A free loopback port (for providers started by `covenant verify --start`). */
export function freePort(): Promise<number> {
  return new Promise((resolvePromise, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolvePromise(port));
    });
  });
}

const scratchDirs: string[] = [];

/** A scratch folder under test/.tmp (so `covenant/...` resolves to dist/); removed by `removeScratch()`. */
export function scratch(label: string): string {
  mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', `${label}-`));
  scratchDirs.push(dir);
  return dir;
}

/** Call from afterAll; COVENANT_KEEP_TMP=1 keeps the folders for inspection. */
export function removeScratch(): void {
  if (process.env.COVENANT_KEEP_TMP) return;
  for (const dir of scratchDirs.splice(0)) rmSync(dir, { recursive: true, force: true });
}
