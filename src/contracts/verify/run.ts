/**
 * `covenant verify`: replay consumers' pacts against a running provider with pact-js's Verifier
 * (native Pact core), from a pacts folder or a Pact Broker, with provider states from a module.
 * The Verifier runs in a child process (worker.ts); this file gathers the inputs, starts and stops
 * the provider, and turns the core's JSON into per-interaction results.
 */
import { fork } from 'node:child_process';
import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { homedir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import { COVENANT_PACKAGE_ROOT, ENGINES, resolveEngine } from '../../engines.js';
import { pluginReason, readPactsDir, sameName, type PactFile } from '../pacts.js';
import { assertReachable, startProvider, type StartedProvider } from './provider.js';
import type { WorkerMessage, WorkerOptions } from './worker.js';
import { ANSI, parseCoreResult } from './core-result.js';

export { parseCoreResult } from './core-result.js';

export interface VerifyOptions {
  cwd: string;
  provider: string;
  /** Base URL of a running provider, or the URL it will listen on once `start` runs. */
  providerBaseUrl: string;
  start?: string;
  healthUrl?: string;
  startTimeoutMs?: number;
  /** Pacts folder (absolute or relative to cwd); ignored with a broker. */
  pactsDir: string;
  broker?: {
    url: string;
    consumerVersionSelectors?: Record<string, unknown>[];
    includePending?: boolean;
    includeWipSince?: string;
    publish?: boolean;
    providerVersion?: string;
    providerBranch?: string;
    buildUrl?: string;
  };
  states?: string;
  /** Message producers module (description → function returning the message), for message pacts. */
  messages?: string;
  headers?: string[];
  timeoutMs?: number;
  /** Forward the provider's and the Pact core's output to stderr. */
  verbose?: boolean;
}

export type InteractionOutcome = 'passed' | 'failed' | 'pending';

export interface InteractionResult {
  consumer: string;
  provider: string;
  description: string;
  states: string[];
  outcome: InteractionOutcome;
  /** One line per mismatch (`$.address.city: Expected 7 (Integer) to be equal to 'London' (String)`). */
  mismatches: string[];
  /** Provider-state handlers that threw for this interaction's states (`"x" (setup): boom`). */
  stateErrors?: string[];
  durationMs?: number;
}

export interface VerifyResult {
  ok: boolean;
  provider: string;
  source: string;
  interactions: InteractionResult[];
  /** Pact core notices (broker pending/WIP explanations). */
  notices: string[];
  /** States used by pacts that the states module does not define. */
  missingStates: string[];
  /** Things a reader must know that are not one interaction's (pacts with states but no --states). */
  warnings: string[];
  published?: { providerVersion: string; branch?: string };
  /** Set when publishing to the broker failed (the run then fails). */
  publishError?: string;
}

export const DEFAULT_SELECTORS: Record<string, unknown>[] = [{ mainBranch: true }, { deployedOrReleased: true }];

const HEADER = /^\s*([!#$%&'*+.^_`|~0-9A-Za-z-]+)\s*:\s*(.*)$/;

export function parseHeaders(list: readonly string[] = []): Record<string, string> {
  const headers: Record<string, string> = {};
  for (const item of list) {
    const match = HEADER.exec(item);
    if (!match) throw new UserError(`invalid --header "${item}"`, { hint: 'write it as "Name: value"' });
    headers[match[1]!] = match[2]!;
  }
  return headers;
}

/** The current branch, when known (CI variables first); undefined outside git or on a detached HEAD. */
function gitBranch(cwd: string): string | undefined {
  if (process.env.GITHUB_HEAD_REF) return process.env.GITHUB_HEAD_REF;
  if (process.env.GITHUB_REF_NAME) return process.env.GITHUB_REF_NAME;
  try {
    const branch = execFileSync('git', ['rev-parse', '--abbrev-ref', 'HEAD'], { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
    return branch && branch !== 'HEAD' ? branch : undefined;
  } catch {
    return undefined;
  }
}

/** Provider version and branch from git (for `--publish`). */
export function gitVersion(cwd: string): { version: string; branch?: string } {
  const run = (args: string[]) => execFileSync('git', args, { cwd, encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] }).trim();
  let version: string;
  try {
    version = run(['rev-parse', 'HEAD']);
  } catch {
    throw new UserError('cannot read the provider version from git (git rev-parse HEAD failed)', { hint: 'run inside a git checkout, or pass --provider-version' });
  }
  return { version, branch: gitBranch(cwd) };
}

export async function runVerify(options: VerifyOptions): Promise<VerifyResult> {
  // the verifier runs in a child process: say a missing Pact here, in one line, before starting anything
  resolveEngine(ENGINES.pact, '@pact-foundation/pact', COVENANT_PACKAGE_ROOT);
  const headers = parseHeaders(options.headers);
  const states = options.states ? resolve(options.cwd, options.states) : undefined;
  if (states && !existsSync(states)) throw new UserError('states module not found', { position: { file: options.states! }, hint: 'check --states' });
  const messages = options.messages ? resolve(options.cwd, options.messages) : undefined;
  if (messages && !existsSync(messages)) throw new UserError('messages module not found', { position: { file: options.messages! }, hint: 'check --messages' });
  let baseUrl: URL;
  try {
    baseUrl = new URL(options.providerBaseUrl);
  } catch {
    throw new UserError(`invalid --provider-base-url "${options.providerBaseUrl}"`, { hint: 'e.g. http://127.0.0.1:3000' });
  }

  const worker: WorkerOptions = { providerBaseUrl: baseUrl.href.replace(/\/$/, ''), provider: options.provider, states, messages, headers, timeoutMs: options.timeoutMs };
  let source: string;
  let pactStates: string[] = [];
  let published: VerifyResult['published'];
  if (options.broker) {
    let publish: NonNullable<WorkerOptions['broker']>['publish'];
    if (options.broker.publish) {
      const git = options.broker.providerVersion ? { version: options.broker.providerVersion, branch: options.broker.providerBranch } : gitVersion(options.cwd);
      publish = { providerVersion: git.version, providerVersionBranch: options.broker.providerBranch ?? git.branch, buildUrl: options.broker.buildUrl };
      published = { providerVersion: publish.providerVersion, branch: publish.providerVersionBranch };
    }
    worker.broker = {
      url: options.broker.url,
      // pact-js needs selectors with a broker; Pact's recommended defaults when none are given
      consumerVersionSelectors: options.broker.consumerVersionSelectors ?? DEFAULT_SELECTORS,
      enablePending: options.broker.includePending,
      includeWipPactsSince: options.broker.includeWipSince,
      providerVersionBranch: publish?.providerVersionBranch ?? options.broker.providerBranch ?? gitBranch(options.cwd),
      publish,
    };
    source = options.broker.url;
  } else {
    const dir = resolve(options.cwd, options.pactsDir);
    const rel = relative(options.cwd, dir);
    const shown = rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? rel : dir;
    const pacts = readPactsDir(dir, { cwd: options.cwd }).filter((p) => sameName(p.provider, options.provider));
    if (pacts.length === 0) {
      throw new UserError(`no pacts for provider "${options.provider}" in ${shown}`, {
        position: { file: shown },
        hint: 'run the consumer tests first, check --provider against the pacts\' provider.name, or use --broker-url',
      });
    }
    refuseWhatCannotRun(pacts, messages !== undefined);
    worker.pactUrls = pacts.map((p) => resolve(options.cwd, p.file));
    pactStates = [...new Set(pacts.flatMap((p) => p.interactions.flatMap((i) => i.states)))];
    source = shown;
  }

  let provider: StartedProvider | undefined;
  if (options.start) {
    const healthUrl = options.healthUrl ?? new URL('health', baseUrl.href.endsWith('/') ? baseUrl.href : `${baseUrl.href}/`).href;
    provider = await startProvider(options.start, { cwd: options.cwd, healthUrl, timeoutMs: options.startTimeoutMs ?? 30_000, echo: options.verbose });
  }
  let message: WorkerMessage;
  let output = '';
  let stdout = '';
  // Ctrl-C or a CI cancel while the provider runs: stop its process group before leaving
  const onSignal = (signal: NodeJS.Signals) => {
    void (provider?.stop() ?? Promise.resolve()).finally(() => process.exit(signal === 'SIGINT' ? 130 : 143));
  };
  if (provider) {
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  try {
    // with a broker, "no pacts for this provider" comes first: the provider is tried after a failed run
    if (!options.broker) await assertReachable(baseUrl);
    ({ message, output, stdout } = await runInChild(worker, options.verbose ?? false));
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
    await provider?.stop();
  }
  if (message.kind === 'error') {
    if (message.user) throw new UserError(message.message);
    if (options.broker && /no pacts? (were )?found|No pacts found/i.test(message.message)) {
      throw new UserError(`no pacts for provider "${options.provider}" at ${options.broker.url}`, { hint: 'check --provider and --consumer-version-selectors' });
    }
    await assertReachable(baseUrl);
    // the core's own reason (`Request Failed - …`, `error sending request for url (…)`) says more than its count of failures
    const reason = /Request Failed - ([^\n]*)|(error sending request for url \([^)]*\)[^\n"]*)/.exec(output.replace(ANSI, ''));
    const why = reason ? (reason[1] ?? reason[2])!.trim() : message.message.split('\n')[0];
    throw new UserError(`the verification could not run against ${worker.providerBaseUrl}: ${why}`, { hint: 'run with --verbose to see the Pact core output' });
  }
  const result = parseCoreResult(message.json, options.provider, stdout);
  if (options.broker && result.interactions.length === 0 && /no pacts/i.test(result.notices.join('\n') + message.json)) {
    throw new UserError(`no pacts for provider "${options.provider}" at ${options.broker.url}`, { hint: 'check --provider and --consumer-version-selectors' });
  }
  const known = new Set(message.knownStates ?? []);
  const missingStates = states ? pactStates.filter((s) => s && !known.has(s)) : [];
  const warnings: string[] = [];
  const used = pactStates.filter(Boolean);
  if (!states && used.length) {
    warnings.push(`the pacts use ${used.length} provider state${used.length === 1 ? '' : 's'} (${used.map((s) => `"${s}"`).join(', ')}) and no --states module was given: the provider was not prepared for them`);
  }
  for (const e of message.stateErrors ?? []) {
    for (const i of result.interactions) {
      if (i.states.includes(e.state)) (i.stateErrors ??= []).includes(stateLine(e)) || i.stateErrors.push(stateLine(e));
    }
  }
  // the core logs a failed publication but still reports the verification itself
  const publishFailure = published ? /Publishing of verification results failed(?: with an error)?:? ?([^\n]*)/.exec(output.replace(ANSI, '')) : null;
  const publishError = publishFailure ? publishFailure[1]!.trim() || 'unknown error' : undefined;
  return {
    ok: message.ok && !publishError && result.interactions.every((i) => i.outcome !== 'failed'),
    provider: options.provider,
    source,
    interactions: result.interactions,
    notices: result.notices,
    missingStates,
    warnings,
    published: publishError ? undefined : published,
    publishError,
  };
}

/**
 * Interactions the run cannot verify are refused before anything starts, in one line: plugin
 * interactions whose Pact plugin is not installed, and message interactions without --messages.
 */
function refuseWhatCannotRun(pacts: readonly PactFile[], haveMessages: boolean): void {
  for (const pact of pacts) {
    const plugin = pact.skipped.find((s) => s.plugin !== undefined && !pluginInstalled(s.plugin));
    if (plugin) {
      throw new UserError(`interaction "${plugin.description}" (${plugin.type}) ${pluginReason(plugin.plugin!)}`, { position: pact.locate(plugin.at) });
    }
  }
  if (haveMessages) return;
  for (const pact of pacts) {
    const messages = pact.skipped.filter((s) => s.plugin === undefined);
    if (messages.length) {
      const names = messages.map((m) => `"${m.description}"`).join(', ');
      throw new UserError(`${messages.length} message interaction${messages.length === 1 ? '' : 's'} (${names}) need${messages.length === 1 ? 's' : ''} a message producer`, {
        position: pact.locate(messages[0]!.at),
        hint: 'pass --messages <module>: a map from message description to a function that returns the message, as pact-js messageProviders',
      });
    }
  }
}

/** The core loads plugins from $PACT_PLUGIN_DIR, else ~/.pact/plugins, one folder per `<name>-<version>`. */
function pluginInstalled(name: string): boolean {
  const dir = process.env.PACT_PLUGIN_DIR ?? join(homedir(), '.pact', 'plugins');
  try {
    return name !== '' && readdirSync(dir).some((entry) => entry === name || entry.startsWith(`${name}-`));
  } catch {
    return false;
  }
}

function stateLine(e: { state: string; phase: string; message: string }): string {
  return `provider state "${e.state}" (${e.phase}) threw: ${e.message.split('\n')[0]}`;
}

function runInChild(options: WorkerOptions, verbose: boolean): Promise<{ message: WorkerMessage; output: string; stdout: string }> {
  const script = fileURLToPath(new URL('./worker.js', import.meta.url));
  return new Promise((resolvePromise, reject) => {
    const child = fork(script, [], {
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      env: { ...process.env, COVENANT_VERIFY_OPTIONS: JSON.stringify(options) },
    });
    const output: string[] = [];
    let stdout = '';
    child.stdout!.on('data', (chunk: Buffer) => {
      if (stdout.length < 4_000_000) stdout += chunk.toString('utf8');
    });
    const keep = (chunk: Buffer) => {
      if (verbose) process.stderr.write(chunk);
      output.push(chunk.toString('utf8'));
      if (output.length > 2000) output.shift();
    };
    child.stdout!.on('data', keep);
    child.stderr!.on('data', keep);
    let message: WorkerMessage | undefined;
    child.on('message', (m) => {
      message = m as WorkerMessage;
    });
    child.on('error', reject);
    child.on('close', (code, signal) => {
      const text = output.join('');
      if (message) resolvePromise({ message, output: text, stdout });
      else {
        const last = text.trim().split('\n').slice(-3).join(' | ');
        resolvePromise({ message: { kind: 'error', message: `the Pact verifier stopped (${signal ?? `exit ${code}`})${last ? `: ${last}` : ''}` }, output: text, stdout });
      }
    });
  });
}
