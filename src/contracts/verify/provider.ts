/**
 * A provider started for a verification run (`covenant verify --start "<command>"`): spawned in its
 * own process group, awaited on a health URL, and stopped afterwards (the whole group, TERM then KILL).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { UserError } from '../../errors.js';

export interface StartedProvider {
  pid: number;
  /** Last lines the provider printed (for error messages). */
  output(): string;
  stop(): Promise<void>;
}

export interface StartOptions {
  cwd: string;
  healthUrl: string;
  /** Milliseconds to wait for the health URL to answer 2xx/3xx. */
  timeoutMs: number;
  env?: NodeJS.ProcessEnv;
  /** Forward the provider's output to our stderr as it comes. */
  echo?: boolean;
}

export async function startProvider(command: string, options: StartOptions): Promise<StartedProvider> {
  const child = spawn(command, { cwd: options.cwd, shell: true, detached: true, stdio: ['ignore', 'pipe', 'pipe'], env: options.env ?? process.env });
  const tail: string[] = [];
  const keep = (chunk: Buffer) => {
    if (options.echo) process.stderr.write(chunk);
    tail.push(...chunk.toString('utf8').split('\n'));
    if (tail.length > 40) tail.splice(0, tail.length - 40);
  };
  child.stdout!.on('data', keep);
  child.stderr!.on('data', keep);
  let exited: { code: number | null; signal: NodeJS.Signals | null } | undefined;
  const exit = new Promise<void>((resolve) => {
    child.once('exit', (code, signal) => {
      exited = { code, signal };
      resolve();
    });
    child.once('error', () => resolve());
  });
  const provider: StartedProvider = {
    pid: child.pid ?? -1,
    output: () => tail.join('\n').trim(),
    stop: () => stopGroup(child, exit),
  };
  const deadline = Date.now() + options.timeoutMs;
  let lastProblem = 'no answer';
  while (Date.now() < deadline) {
    if (exited) {
      throw new UserError(`the provider command exited (${exited.signal ?? `code ${exited.code}`}) before ${options.healthUrl} answered${lastLines(provider.output())}`, {
        hint: 'check --start; it must keep the provider running in the foreground',
      });
    }
    try {
      const response = await fetch(options.healthUrl, { signal: AbortSignal.timeout(Math.max(200, Math.min(2000, deadline - Date.now()))) });
      await response.arrayBuffer();
      if (response.status < 400) return provider;
      lastProblem = `HTTP ${response.status}`;
    } catch (error) {
      lastProblem = (error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message;
    }
    await Promise.race([exit, new Promise((r) => setTimeout(r, 100))]);
  }
  await provider.stop();
  throw new UserError(`the provider did not become healthy at ${options.healthUrl} within ${Math.round(options.timeoutMs / 1000)}s (${lastProblem})${lastLines(provider.output())}`, {
    hint: 'check --health-url and --start-timeout',
  });
}

function lastLines(output: string): string {
  if (!output) return '';
  const lines = output.split('\n').slice(-5).join(' | ');
  return `; it printed: ${lines}`;
}

async function stopGroup(child: ChildProcess, exit: Promise<void>): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null || child.pid === undefined) return;
  const signal = (sig: NodeJS.Signals) => {
    try {
      process.kill(-child.pid!, sig);
    } catch {
      // the group is gone already
    }
  };
  signal('SIGTERM');
  const done = await Promise.race([exit.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), 5000))]);
  if (!done) {
    signal('SIGKILL');
    await Promise.race([exit, new Promise((r) => setTimeout(r, 2000))]);
  }
  // children that outlive the shell (same group) get the same end
  signal('SIGKILL');
}

/**
 * Can anything be reached at the provider's base URL? A TCP connection to its host and port is
 * enough (any HTTP answer will do). Without this check, the Pact core reports an unreachable
 * provider as one failure per interaction after its timeouts, without the connection error.
 */
export async function assertReachable(baseUrl: URL, timeoutMs = 5_000): Promise<void> {
  const { connect } = await import('node:net');
  const port = Number(baseUrl.port || (baseUrl.protocol === 'https:' ? 443 : 80));
  const host = baseUrl.hostname.replace(/^\[(.*)\]$/, '$1');
  const failure = await new Promise<string | undefined>((done) => {
    const socket = connect({ host, port });
    const timer = setTimeout(() => {
      socket.destroy();
      done(`no answer within ${timeoutMs / 1000}s`);
    }, timeoutMs);
    socket.once('connect', () => {
      clearTimeout(timer);
      socket.end();
      done(undefined);
    });
    socket.once('error', (error: NodeJS.ErrnoException) => {
      clearTimeout(timer);
      done(`${error.code ?? 'error'} ${error.message.replace(/^connect \w+ /, '')}`.trim());
    });
  });
  if (failure) {
    throw new UserError(`cannot reach the provider at ${baseUrl.href}: connection failed (${failure})`, {
      hint: 'start the provider first, or let covenant start it with --start "<command>"',
    });
  }
}
