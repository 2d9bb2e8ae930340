/**
 * The verification itself, run by pact-js's `Verifier` in a child process: the native Pact core
 * prints its own report on stdout, which must not mix with ours (`--format junit` on stdout). The
 * parent passes the options in COVENANT_VERIFY_OPTIONS and gets the core's JSON result over IPC.
 */
import { pathToFileURL } from 'node:url';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { basename, dirname, extname, join } from 'node:path';
import pact from '@pact-foundation/pact';
import type { VerifierOptions } from '@pact-foundation/pact';

export interface WorkerOptions {
  providerBaseUrl: string;
  provider: string;
  pactUrls?: string[];
  broker?: {
    url: string;
    consumerVersionSelectors?: Record<string, unknown>[];
    enablePending?: boolean;
    includeWipPactsSince?: string;
    /** Provider branch sent with the selectors (pending and WIP status depend on it). */
    providerVersionBranch?: string;
    publish?: { providerVersion: string; providerVersionBranch?: string; buildUrl?: string };
  };
  /** Absolute path of the states module. */
  states?: string;
  /** Absolute path of the messages module (message producers by description). */
  messages?: string;
  headers?: Record<string, string>;
  timeoutMs?: number;
  logLevel?: 'trace' | 'debug' | 'info' | 'warn' | 'error';
}

/** A provider-state handler that threw: pact-js logs it and goes on; covenant shows it with the interactions. */
export interface StateError {
  state: string;
  phase: 'setup' | 'teardown';
  message: string;
}

export type WorkerMessage =
  | { kind: 'result'; ok: boolean; json: string; knownStates?: string[]; stateErrors?: StateError[] }
  | { kind: 'error'; message: string; user?: boolean };

interface StatesModule {
  stateHandlers: Record<string, unknown>;
  requestFilter?: (req: unknown, res: unknown, next: () => void) => void;
}

/** A messages module exports a map description → producer (default, `messageProviders` or `messages`). */
export async function loadMessagesModule(path: string): Promise<Record<string, (...args: unknown[]) => unknown>> {
  return importModule(path, (mod) => {
    const map = mod.messageProviders ?? mod.messages ?? (mod.default && typeof mod.default === 'object' ? (mod.default.messageProviders ?? mod.default.messages ?? mod.default) : undefined) ?? {};
    for (const [description, producer] of Object.entries(map as Record<string, unknown>)) {
      if (typeof producer !== 'function') throw new Error(`message "${description}" must be a function that returns the message`);
    }
    return map as Record<string, (...args: unknown[]) => unknown>;
  });
}

/** A states module exports a map (default, `stateHandlers` or `states`) and optionally `requestFilter`. */
export async function loadStatesModule(path: string): Promise<StatesModule> {
  return importModule(path, (mod) => {
    const map = mod.stateHandlers ?? mod.states ?? (mod.default && typeof mod.default === 'object' ? (mod.default.stateHandlers ?? mod.default.states ?? mod.default) : undefined) ?? {};
    const requestFilter = mod.requestFilter ?? mod.default?.requestFilter;
    const stateHandlers: Record<string, unknown> = {};
    for (const [name, handler] of Object.entries(map as Record<string, unknown>)) {
      if (name === 'requestFilter') continue;
      if (typeof handler === 'function' || (handler && typeof handler === 'object' && ('setup' in handler || 'teardown' in handler))) {
        stateHandlers[name] = handler;
      } else {
        throw new Error(`state "${name}" must be a function or { setup, teardown }`);
      }
    }
    return { stateHandlers, requestFilter: typeof requestFilter === 'function' ? requestFilter : undefined };
  });
}

/** Import a .js/.mjs/.ts module (TypeScript transpiled alone, beside the original) and read it. */
async function importModule<T>(path: string, read: (mod: Record<string, any>) => T): Promise<T> {
  let url = pathToFileURL(path).href;
  let cleanup: string | undefined;
  if (/\.(c|m)?tsx?$/.test(path)) {
    // Node 20 does not load TypeScript: transpile this one file beside the original (imports stay relative)
    const ts = (await import('typescript')).default;
    const out = ts.transpileModule(readFileSync(path, 'utf8'), {
      fileName: path,
      compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022, verbatimModuleSyntax: false, isolatedModules: true },
    });
    cleanup = join(dirname(path), `.${basename(path, extname(path))}.covenant-${process.pid}.mjs`);
    writeFileSync(cleanup, out.outputText);
    url = pathToFileURL(cleanup).href;
  }
  try {
    return read((await import(url)) as Record<string, any>);
  } finally {
    if (cleanup && existsSync(cleanup)) rmSync(cleanup);
  }
}

export async function runWorker(options: WorkerOptions): Promise<WorkerMessage> {
  let states: StatesModule = { stateHandlers: {} };
  if (options.states) {
    try {
      states = await loadStatesModule(options.states);
    } catch (error) {
      return { kind: 'error', user: true, message: `cannot load the states module ${options.states}: ${(error as Error).message.split('\n')[0]}` };
    }
  }
  let messageProviders: Record<string, (...args: unknown[]) => unknown> | undefined;
  if (options.messages) {
    try {
      messageProviders = await loadMessagesModule(options.messages);
    } catch (error) {
      return { kind: 'error', user: true, message: `cannot load the messages module ${options.messages}: ${(error as Error).message.split('\n')[0]}` };
    }
  }
  const stateErrors: StateError[] = [];
  const config: VerifierOptions & { providerBaseUrl: string } = {
    providerBaseUrl: options.providerBaseUrl,
    provider: options.provider,
    logLevel: options.logLevel ?? 'error',
    stateHandlers: recordingErrors(states.stateHandlers, stateErrors) as VerifierOptions['stateHandlers'],
    timeout: options.timeoutMs ?? 30_000,
  };
  if (messageProviders) (config as { messageProviders?: unknown }).messageProviders = messageProviders;
  if (states.requestFilter) config.requestFilter = states.requestFilter as VerifierOptions['requestFilter'];
  if (options.headers && Object.keys(options.headers).length) config.customProviderHeaders = options.headers;
  if (options.pactUrls) config.pactUrls = options.pactUrls;
  if (options.broker) {
    config.pactBrokerUrl = options.broker.url;
    if (process.env.PACT_BROKER_TOKEN) config.pactBrokerToken = process.env.PACT_BROKER_TOKEN;
    if (options.broker.consumerVersionSelectors) config.consumerVersionSelectors = options.broker.consumerVersionSelectors as VerifierOptions['consumerVersionSelectors'];
    if (options.broker.enablePending) config.enablePending = true;
    if (options.broker.includeWipPactsSince) config.includeWipPactsSince = options.broker.includeWipPactsSince;
    if (options.broker.providerVersionBranch) config.providerVersionBranch = options.broker.providerVersionBranch;
    if (options.broker.publish) {
      config.publishVerificationResult = true;
      config.providerVersion = options.broker.publish.providerVersion;
      if (options.broker.publish.providerVersionBranch) config.providerVersionBranch = options.broker.publish.providerVersionBranch;
      if (options.broker.publish.buildUrl) config.buildUrl = options.broker.publish.buildUrl;
    }
  }
  const knownStates = Object.keys(states.stateHandlers);
  try {
    const json = await new pact.Verifier(config).verifyProvider();
    return { kind: 'result', ok: true, json: String(json ?? ''), knownStates, stateErrors };
  } catch (error) {
    const message = (error as Error).message ?? String(error);
    if (message.trimStart().startsWith('{')) return { kind: 'result', ok: false, json: message, knownStates, stateErrors };
    return { kind: 'error', message };
  }
}

/** The same handlers, each recording what it throws (then throwing it on, so pact-js behaves as without us). */
function recordingErrors(handlers: Record<string, unknown>, errors: StateError[]): Record<string, unknown> {
  const wrap = (state: string, phase: StateError['phase'], fn: (...args: unknown[]) => unknown) =>
    async (...args: unknown[]) => {
      try {
        return await fn(...args);
      } catch (error) {
        errors.push({ state, phase, message: error instanceof Error ? error.message : String(error) });
        throw error;
      }
    };
  const out: Record<string, unknown> = {};
  for (const [state, handler] of Object.entries(handlers)) {
    if (typeof handler === 'function') out[state] = wrap(state, 'setup', handler as (...args: unknown[]) => unknown);
    else {
      const h = handler as { setup?: (...args: unknown[]) => unknown; teardown?: (...args: unknown[]) => unknown };
      out[state] = { ...(h.setup ? { setup: wrap(state, 'setup', h.setup) } : {}), ...(h.teardown ? { teardown: wrap(state, 'teardown', h.teardown) } : {}) };
    }
  }
  return out;
}

// entry point when forked by the parent
if (process.send && process.env.COVENANT_VERIFY_OPTIONS) {
  const options = JSON.parse(process.env.COVENANT_VERIFY_OPTIONS) as WorkerOptions;
  runWorker(options).then(
    (message) => process.send!(message, () => process.exit(0)),
    (error) => process.send!({ kind: 'error', message: (error as Error).message } satisfies WorkerMessage, () => process.exit(0)),
  );
}
