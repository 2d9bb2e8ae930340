/**
 * `covenant test`: proof that a RUNNING provider does what its OpenAPI spec says. For each operation,
 * fast-check generates valid requests (which must be accepted and answered as documented) and
 * requests that break one constraint (which must not be answered 2xx); then requests without
 * credentials, undocumented methods, and create → read → change → delete sequences. A failure is
 * shrunk to a minimal request and reported with a `curl` line and the seed that replays it.
 */
import fc from 'fast-check';
import { pathToFileURL } from 'node:url';
import { isAbsolute, resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { UserError } from '../errors.js';
import type { Finding } from '../findings.js';
import { discoverSpecs } from '../spec/discover.js';
import { loadSpec } from '../spec/load.js';
import type { OpenApiSpec } from '../spec/openapi/load.js';
import { HTTP_METHODS, listOperations, type Operation } from '../spec/openapi/operations.js';
import { credentialsFor, parseHeaders, type Credentials } from './auth.js';
import { ACCEPTABLE_CLIENT_ERRORS, type CheckId } from './checks.js';
import { curlLine, send, type TestRequest, type TestResponse } from './http.js';
import { OperationRequests, type RequestValues } from './requests.js';
import { ResponseChecker, type Failure } from './responses.js';
import { idFrom, sequencesOf } from './stateful.js';

export interface TestOptions {
  cwd: string;
  config: LoadedConfig;
  only?: string[];
  baseUrl: string;
  seed?: number;
  /** Valid examples per operation; negative cases get a third of it (at least 1). */
  maxExamples: number;
  /** Time budget per operation, in ms. */
  maxTimeMs: number;
  /** Operations tested at the same time. */
  concurrency: number;
  /** Per request, in ms. */
  timeoutMs: number;
  /** Security scheme name → credential. */
  auth: Record<string, string>;
  headers: string[];
  /** Only these operations (operationId, or `METHOD /path`); default all. */
  operations?: string[];
  /** Module exporting beforeAll / beforeEach(operation) / afterAll. */
  hooks?: string;
  stateful?: boolean;
}

export interface TestResult {
  findings: Finding[];
  seed: number;
  requests: number;
  operations: number;
  specs: string[];
}

interface Hooks {
  beforeAll?: () => unknown;
  beforeEach?: (operation: { operationId: string; method: string; path: string }) => unknown;
  afterAll?: () => unknown;
}

export async function runTest(options: TestOptions): Promise<TestResult> {
  const baseUrl = checkBaseUrl(options.baseUrl);
  const entries = discoverSpecs(options.config, { cwd: options.cwd, only: options.only }).filter((e) => e.kind === 'openapi');
  if (!entries.length) throw new UserError('no OpenAPI spec to test', { position: { file: 'specs/' }, hint: 'name an OpenAPI file' });
  const specs: OpenApiSpec[] = [];
  for (const entry of entries) specs.push((await loadSpec(entry, { cwd: options.cwd })) as OpenApiSpec);
  const known = new Set(specs.flatMap((spec) => listOperations(spec).flatMap((o) => [o.id, `${o.method.toUpperCase()} ${o.path}`])));
  const unknown = (options.operations ?? []).filter((name) => !known.has(name));
  if (unknown.length) throw new UserError(`--operation ${unknown.map((n) => `"${n}"`).join(', ')}: no such operation in ${specs.map((s) => s.file).join(', ')}`, { hint: 'use an operationId or "METHOD /path"' });
  await probe(baseUrl, options.timeoutMs);
  const hooks = options.hooks ? await loadHooks(options.cwd, options.hooks) : {};
  const seed = options.seed ?? Math.floor(Math.random() * 2 ** 31);
  const result: TestResult = { findings: [], seed, requests: 0, operations: 0, specs: specs.map((s) => s.name) };
  const headers = parseHeaders(options.headers);
  const guarded = guardHooks(hooks, options.hooks ?? '');
  await guarded.beforeAll?.();
  try {
    for (const spec of specs) await testSpec(spec, baseUrl, options, guarded, headers, result);
  } finally {
    await guarded.afterAll?.();
  }
  if (result.requests === 0) result.findings.push({ rule: 'nothing-tested', level: 'error', message: 'no request was sent: the specs have no operation covenant could call' });
  return result;
}

async function testSpec(spec: OpenApiSpec, baseUrl: string, options: TestOptions, hooks: Hooks, headers: Record<string, string>, result: TestResult): Promise<void> {
  const selected = options.operations?.length ? new Set(options.operations) : undefined;
  const operations = listOperations(spec).filter((o) => !selected || selected.has(o.id) || selected.has(`${o.method.toUpperCase()} ${o.path}`));
  const data = { components: spec.document.components?.schemas ?? {}, resolve: (ref: string) => spec.at(ref.slice(1)), version: spec.version };
  const credentials = credentialsFor(spec.document.components?.securitySchemes ?? {}, options.auth, headers);
  const checker = new ResponseChecker(data);
  const exchange = async (request: TestRequest): Promise<TestResponse> => {
    result.requests++;
    try {
      return await send(baseUrl, request, options.timeoutMs);
    } catch (error) {
      return { status: 599, headers: new Headers(), text: `no answer: ${(error as Error).cause ?? (error as Error).message}` };
    }
  };
  // the same defect seen from many requests is one finding (counted), at most PER_CHECK per operation and check
  const seen = new Map<string, Finding>();
  const perCheck = new Map<string, number>();
  const report = (operation: Operation, failure: Failure, request: TestRequest, opSeed: number, context = '') => {
    const name = `${operation.method.toUpperCase()} ${operation.path}`;
    const same = seen.get(`${name}\n${failure.check}\n${failure.message}`);
    if (same) {
      same.details!.occurrences = (same.details!.occurrences as number) + 1;
      return;
    }
    const count = perCheck.get(`${name}\n${failure.check}`) ?? 0;
    if (failure.check !== 'negative-data-rejection' && count >= PER_CHECK) return;
    perCheck.set(`${name}\n${failure.check}`, count + 1);
    const finding: Finding = {
      rule: failure.check,
      level: 'error',
      message: `${context}${failure.message}; reproduce: ${curlLine(baseUrl, request)} (--seed ${result.seed})`,
      spec: spec.name,
      operation: name,
      location: spec.locate(operation.pointer),
      details: { curl: curlLine(baseUrl, request), seed: result.seed, operationSeed: opSeed, occurrences: 1 },
    };
    seen.set(`${name}\n${failure.check}\n${failure.message}`, finding);
    result.findings.push(finding);
  };

  const queue = operations.map((operation, index) => async () => {
    result.operations++;
    const opSeed = (result.seed + index * 7919) | 0;
    await hooks.beforeEach?.({ operationId: operation.id, method: operation.method, path: operation.path });
    let requests: OperationRequests;
    try {
      requests = new OperationRequests(operation, data, credentials);
    } catch (error) {
      throw new UserError(`${operation.method.toUpperCase()} ${operation.path}: ${(error as Error).message}`, { position: spec.locate(operation.pointer) });
    }
    if (operation.requestBody && !requests.mediaType) {
      result.findings.push({ rule: 'nothing-tested', level: 'warning', message: `not tested: covenant cannot generate a ${Object.keys(operation.requestBody.content).join(' or ')} body`, spec: spec.name, operation: `${operation.method.toUpperCase()} ${operation.path}`, location: spec.locate(operation.pointer) });
      return;
    }
    if (credentials.missingFor(operation)) {
      result.findings.push({ rule: 'positive-data-acceptance', level: 'warning', message: `no credentials for its security (${operation.security.map((a) => Object.keys(a).join('+')).join(' or ')}): only unauthenticated answers were checked (pass --auth <scheme>=<value>)`, spec: spec.name, operation: `${operation.method.toUpperCase()} ${operation.path}`, location: spec.locate(operation.pointer) });
    }
    const judge = (extra: (response: TestResponse) => Failure | undefined) => async (values: RequestValues) => {
      const request = requests.build(values);
      const response = await exchange(request);
      const failures = checker.check(operation, response);
      const more = extra(response);
      if (more) failures.push(more);
      return { request, failures };
    };
    const positive = judge((response) =>
      response.status >= 400 && response.status < 500 && !ACCEPTABLE_CLIENT_ERRORS.has(response.status)
        ? { check: 'positive-data-acceptance', message: `a valid request was answered ${response.status}${short(response)}` }
        : undefined,
    );
    await explore(requests.valid(), positive, { numRuns: options.maxExamples, seed: opSeed, maxTimeMs: options.maxTimeMs }, (failure, request) => report(operation, failure, request, opSeed));
    const negativeRuns = Math.max(1, Math.ceil(options.maxExamples / 3));
    for (const [i, negative] of requests.negatives().entries()) {
      const rejected = judge((response) => (response.status >= 200 && response.status < 300 ? { check: 'negative-data-rejection', message: `an invalid request (${negative.description}) was answered ${response.status}` } : undefined));
      await explore(negative.values, rejected, { numRuns: negativeRuns, seed: opSeed + i + 1, maxTimeMs: options.maxTimeMs }, (failure, request) => report(operation, failure, request, opSeed));
    }
    if (credentials.required(operation) && !credentials.missingFor(operation)) {
      const unauthenticated = judge((response) => (response.status < 400 || response.status >= 500 ? { check: 'missing-required-header', message: `a request without credentials was answered ${response.status}` } : undefined));
      await explore(requests.valid().map((v) => ({ ...v, noAuth: true })), unauthenticated, { numRuns: 1, seed: opSeed, maxTimeMs: options.maxTimeMs }, (failure, request) => report(operation, failure, request, opSeed));
    }
  });
  await pool(queue, options.concurrency);
  await unsupportedMethods(operations, data, credentials, exchange, (op, failure, request) => report(op, failure, request, result.seed));
  if (options.stateful !== false) {
    for (const sequence of sequencesOf(operations, (r) => (spec.at(r.pointer) as { links?: Record<string, any> } | undefined)?.links)) {
      const build = (operation: Operation, id: string) => {
        const requests = new OperationRequests(operation, data, credentials);
        const [values] = fc.sample(requests.valid(), { numRuns: 1, seed: result.seed });
        return requests.build({ ...values!, params: { ...values!.params, [`path:${sequence.param}`]: id } });
      };
      const step = async (operation: Operation, request: TestRequest, context: string, extra?: (r: TestResponse) => Failure | undefined) => {
        const response = await exchange(request);
        const failures = checker.check(operation, response);
        const more = extra?.(response);
        if (more) failures.push(more);
        for (const failure of failures) report(operation, failure, request, result.seed, context);
        return response;
      };
      const createRequests = new OperationRequests(sequence.create, data, credentials);
      let id: string | undefined;
      for (const values of fc.sample(createRequests.valid(), { numRuns: 3, seed: result.seed + 1 })) {
        const response = await step(sequence.create, createRequests.build(values), 'creating: ');
        if (response.status === 201 || response.status === 200) {
          id = idFrom(sequence.source, response.json, response.headers.get('location'));
          if (id) break;
        }
      }
      if (!id) continue;
      const context = `after ${sequence.create.method.toUpperCase()} ${sequence.create.path} created "${id}": `;
      const gone = (name: string) => (r: TestResponse) => (r.status === 404 || r.status === 410 ? ({ check: 'ensure-resource-availability', message: `${name} of the resource just created was answered ${r.status}` } as Failure) : undefined);
      if (sequence.read) await step(sequence.read, build(sequence.read, id), context, gone('reading'));
      if (sequence.update) await step(sequence.update, build(sequence.update, id), context, gone('changing'));
      if (sequence.remove) {
        const removed = await step(sequence.remove, build(sequence.remove, id), context, gone('deleting'));
        if (removed.status >= 200 && removed.status < 300 && sequence.read) {
          await step(sequence.read, build(sequence.read, id), `after ${sequence.remove.method.toUpperCase()} ${sequence.remove.path} deleted "${id}" (${removed.status}): `, (r) =>
            r.status >= 200 && r.status < 300 ? { check: 'use-after-free', message: `the deleted resource is still readable (${r.status})` } : undefined,
          );
        }
      }
    }
  }
}

const PER_CHECK = 3;

type Judge = (values: RequestValues) => Promise<{ request: TestRequest; failures: Failure[] }>;

/** Run a property; on failure fast-check shrinks it, and the smallest failing request is reported, one finding per check. */
async function explore(values: fc.Arbitrary<RequestValues>, judge: Judge, budget: { numRuns: number; seed: number; maxTimeMs: number }, report: (failure: Failure, request: TestRequest) => void): Promise<void> {
  let last: { request: TestRequest; failures: Failure[] } | undefined;
  const details = await fc.check(
    fc.asyncProperty(values, async (v) => {
      const outcome = await judge(v);
      if (outcome.failures.length) {
        last = outcome;
        return false;
      }
      return true;
    }),
    { numRuns: budget.numRuns, seed: budget.seed, interruptAfterTimeLimit: budget.maxTimeMs, markInterruptAsFailure: false },
  );
  if (!details.failed || !details.counterexample) return;
  // replay the shrunk counterexample once: its own failures are the ones reported
  const final = await judge(details.counterexample[0]);
  const chosen = final.failures.length ? final : last!;
  const seen = new Set<CheckId>();
  for (const failure of chosen.failures) {
    if (seen.has(failure.check)) continue;
    seen.add(failure.check);
    report(failure, chosen.request);
  }
}

const UNDOCUMENTED_TRIES = ['put', 'patch', 'delete', 'post', 'get'] as const;

async function unsupportedMethods(operations: Operation[], data: ConstructorParameters<typeof ResponseChecker>[0], credentials: Credentials, exchange: (r: TestRequest) => Promise<TestResponse>, report: (op: Operation, f: Failure, r: TestRequest) => void): Promise<void> {
  const byPath = new Map<string, Operation[]>();
  for (const op of operations) byPath.set(op.path, [...(byPath.get(op.path) ?? []), op]);
  for (const ops of byPath.values()) {
    const method = UNDOCUMENTED_TRIES.find((m) => !ops.some((o) => o.method === m));
    if (!method || !HTTP_METHODS.includes(method)) continue;
    const requests = new OperationRequests(ops[0]!, data, credentials);
    const [values] = fc.sample(requests.valid(), { numRuns: 1, seed: 1 });
    const request = { ...requests.build({ ...values!, body: undefined }), method };
    const response = await exchange(request);
    if (response.status >= 200 && response.status < 300) report(ops[0]!, { check: 'unsupported-method', message: `${method.toUpperCase()}, which ${ops[0]!.path} does not document, was answered ${response.status}` }, request);
    else if (response.status >= 500) report(ops[0]!, { check: 'not-a-server-error', message: `${method.toUpperCase()}, which ${ops[0]!.path} does not document, was answered ${response.status}` }, request);
  }
}

async function pool(tasks: Array<() => Promise<void>>, concurrency: number): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < tasks.length) await tasks[next++]!();
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(concurrency, tasks.length)) }, worker));
}

function short(response: TestResponse): string {
  const text = response.text.replace(/\s+/g, ' ').trim();
  return text ? ` (${text.slice(0, 100)}${text.length > 100 ? '…' : ''})` : '';
}

function checkBaseUrl(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new UserError(`--base-url "${url}" is not a URL`, { hint: 'e.g. http://127.0.0.1:3000/v1' });
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') throw new UserError(`--base-url "${url}" is not http(s)`);
  return url.replace(/\/+$/, '');
}

async function probe(baseUrl: string, timeoutMs: number): Promise<void> {
  try {
    await fetch(baseUrl, { method: 'GET', redirect: 'manual', signal: AbortSignal.timeout(Math.min(timeoutMs, 10_000)) });
  } catch (error) {
    const cause = (error as Error & { cause?: { code?: string; message?: string } }).cause;
    throw new UserError(`cannot reach ${baseUrl}: ${cause?.code ?? cause?.message ?? (error as Error).message}`, { hint: 'start the provider first, or fix --base-url' });
  }
}

/** A hook that throws stops the run as bad input (exit 2), naming the module and the hook. */
function guardHooks(hooks: Hooks, module: string): Hooks {
  const out: Hooks = {};
  for (const name of ['beforeAll', 'beforeEach', 'afterAll'] as const) {
    const hook = hooks[name] as ((...args: unknown[]) => unknown) | undefined;
    if (typeof hook !== 'function') continue;
    out[name] = async (...args: unknown[]) => {
      try {
        await hook(...args);
      } catch (error) {
        throw new UserError(`--hooks ${module}: ${name} failed: ${(error as Error).message}`);
      }
    };
  }
  return out;
}

async function loadHooks(cwd: string, module: string): Promise<Hooks> {
  const file = isAbsolute(module) ? module : resolve(cwd, module);
  try {
    const loaded = (await import(pathToFileURL(file).href)) as Hooks & { default?: Hooks };
    const hooks = { ...loaded.default, ...loaded };
    return { beforeAll: hooks.beforeAll, beforeEach: hooks.beforeEach, afterAll: hooks.afterAll };
  } catch (error) {
    throw new UserError(`--hooks ${module}: ${(error as Error).message}`);
  }
}
