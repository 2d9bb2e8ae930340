/**
 * Runs the BUILT `covenant mock` as a child process on a free port (`--port 0`) and waits for its
 * "mock listening on URL" line (bounded); collects stdout/stderr lines; stops it with SIGTERM (SIGKILL
 * when it does not exit within 3 s).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { BIN } from '../cli/support.js';

export interface MockProcess {
  url: string;
  child: ChildProcess;
  stdout: string[];
  stderr: string[];
  /** Resolves when a stdout or stderr line matches (bounded). */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<string>;
  stop(): Promise<number | null>;
}

export function runMockCli(args: string[], cwd: string, timeoutMs = 20_000): Promise<MockProcess> {
  const child = spawn(process.execPath, [BIN, 'mock', '--port', '0', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
  const stdout: string[] = [];
  const stderr: string[] = [];
  const waiters: Array<{ pattern: RegExp; resolve: (line: string) => void }> = [];
  const collect = (into: string[]) => {
    let rest = '';
    return (chunk: Buffer) => {
      const lines = (rest + chunk.toString('utf8')).split('\n');
      rest = lines.pop()!;
      for (const line of lines) {
        into.push(line);
        for (const w of [...waiters]) if (w.pattern.test(line)) {
          waiters.splice(waiters.indexOf(w), 1);
          w.resolve(line);
        }
      }
    };
  };
  child.stdout.on('data', collect(stdout));
  child.stderr.on('data', collect(stderr));
  const waitFor = (pattern: RegExp, ms = timeoutMs) =>
    new Promise<string>((resolve, reject) => {
      const seen = [...stdout, ...stderr].find((line) => pattern.test(line));
      if (seen) return resolve(seen);
      const timer = setTimeout(() => reject(new Error(`no line matching ${pattern} within ${ms} ms; stdout: ${stdout.join(' | ')}; stderr: ${stderr.join(' | ')}`)), ms);
      waiters.push({ pattern, resolve: (line) => (clearTimeout(timer), resolve(line)) });
    });
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  // SIGTERM, then SIGKILL after 3 s: a mock stuck in a loop never outlives the test run
  const stop = async () => {
    if (child.exitCode === null && child.signalCode === null) {
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 3_000);
      exited.then(() => clearTimeout(timer));
    }
    return exited;
  };
  return Promise.race([
    waitFor(/^mock listening on /).then((line) => ({ url: line.slice('mock listening on '.length).trim(), child, stdout, stderr, waitFor, stop })),
    exited.then((code) => {
      throw new Error(`covenant mock exited with ${code}: ${stderr.join('\n')}`);
    }),
  ]).catch((error: unknown) => {
    child.kill('SIGKILL');
    throw error;
  });
}

/** Run `covenant mock ...` expecting it to exit (bad input); bounded. */
export function runMockCliToExit(args: string[], cwd: string, timeoutMs = 20_000): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [BIN, 'mock', ...args], { cwd, env: { ...process.env, NO_COLOR: '1' } });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c));
    child.stderr.on('data', (c: Buffer) => (stderr += c));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`covenant mock ${args.join(' ')} did not exit within ${timeoutMs} ms`));
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
