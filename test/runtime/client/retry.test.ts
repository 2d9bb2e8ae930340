/**
 * Retries: the pure rules (Retry-After, backoff bounds, what may be repeated) and, over a real loopback
 * server that counts requests, fast-check properties: never more requests than the bound, never a
 * second request of a non-idempotent method that reached the server.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientCall, type ClientApi } from '../../../packages/runtime/src/client/call.js';
import { backoffMs, failedBeforeSending, retry, retryAfterMs, retryDelay, retryPlan } from '../../../packages/runtime/src/client/retry.js';
import { closedPort, startLoopback, type Loopback } from './loopback.js';

const METHODS = ['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE', 'POST', 'PATCH'] as const;
const IDEMPOTENT = new Set(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** One operation per method on /thing, declaring 200 (JSON) and 5XX/429 (no body). */
const API: ClientApi = {
  servers: [],
  securitySchemes: {},
  operations: Object.fromEntries(
    METHODS.map((method) => [
      method.toLowerCase(),
      { id: method.toLowerCase(), method, path: '/thing', parameters: [], security: [], responses: { '200': method === 'HEAD' ? [] : ['application/json'], '429': [], '408': [], '5XX': [] } },
    ]),
  ),
};

describe('retry rules', () => {
  it('reads Retry-After as delay-seconds or an HTTP-date, and nothing else', () => {
    const now = Date.parse('Sun, 06 Dec 2026 21:00:00 GMT');
    expect(retryAfterMs('3', now)).toBe(3000);
    expect(retryAfterMs(' 0 ', now)).toBe(0);
    expect(retryAfterMs('Sun, 06 Dec 2026 21:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sunday, 06-Dec-26 21:00:07 GMT', now)).toBe(7000);
    expect(retryAfterMs('Sun, 06 Dec 2026 20:59:00 GMT', now)).toBe(0); // in the past: now
    for (const bad of ['', '-1', '1.5', 'soon', '2026-12-06T21:00:05Z', 'Sun, 06 Dec 2026', null, undefined]) expect(retryAfterMs(bad, now)).toBeUndefined();
  });

  it('backs off exponentially with full jitter, within [0, min(maxDelay, minDelay * 2^(n-1)))', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 1000 }), fc.integer({ min: 0, max: 60_000 }), fc.integer({ min: 1, max: 40 }), fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), (minDelay, maxDelay, retry, r) => {
        const plan = retryPlan({ minDelay, maxDelay })!;
        const delay = backoffMs(plan, retry, () => r);
        const ceiling = Math.min(maxDelay, minDelay * 2 ** (retry - 1));
        expect(delay).toBeGreaterThanOrEqual(0);
        expect(delay === 0 || delay < ceiling).toBe(true);
      }),
    );
  });

  it('retries only idempotent methods on a status, never past the count, the deadline or maxRetryAfter', () => {
    const plan = retryPlan({ retries: 2, minDelay: 100, maxDelay: 100 })!;
    const now = 1_000_000;
    const r503 = (retryAfter?: string) => new Response(null, { status: 503, headers: retryAfter ? { 'retry-after': retryAfter } : {} });
    const at = (method: string, response: Response, extra: object = {}) => retryDelay(plan, { method, retriesDone: 0, response, replayable: true, now, ...extra }, () => 0.5);
    expect(at('GET', r503())).toBe(50);
    expect(at('GET', r503('2'))).toBe(2000); // Retry-After wins over backoff
    expect(at('POST', r503())).toBeUndefined();
    expect(at('PATCH', r503())).toBeUndefined();
    expect(at('GET', new Response(null, { status: 501 }))).toBeUndefined(); // not a retryable status
    expect(at('GET', r503(), { retriesDone: 2 })).toBeUndefined();
    expect(at('GET', r503('2'), { deadline: now + 1500 })).toBeUndefined(); // would sleep past the deadline
    expect(at('GET', r503('120'))).toBeUndefined(); // longer than maxRetryAfter (60 s)
    expect(at('PUT', r503(), { replayable: false })).toBeUndefined(); // a stream body cannot be sent twice
  });

  it('retries any method after a connection error that sent nothing, only idempotent ones otherwise', () => {
    const plan = retryPlan({ retries: 3 })!;
    const refused = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' }) });
    const reset = Object.assign(new TypeError('fetch failed'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    const eyeballs = Object.assign(new TypeError('fetch failed'), { cause: new AggregateError([Object.assign(new Error('a'), { code: 'ECONNREFUSED' }), Object.assign(new Error('b'), { code: 'ENETUNREACH' })]) });
    expect(failedBeforeSending(refused)).toBe(true);
    expect(failedBeforeSending(eyeballs)).toBe(true);
    expect(failedBeforeSending(reset)).toBe(false);
    const at = (method: string, error: unknown) => retryDelay(plan, { method, retriesDone: 0, error, replayable: true, now: 0 });
    expect(at('POST', refused)).toBeTypeOf('number');
    expect(at('POST', reset)).toBeUndefined();
    expect(at('GET', reset)).toBeTypeOf('number');
    expect(at('GET', new DOMException('aborted', 'AbortError'))).toBeUndefined();
    expect(at('GET', new DOMException('timed out', 'TimeoutError'))).toBeUndefined();
    expect(at('GET', new RangeError('a bug'))).toBeUndefined();
  });

  it('is off unless asked for, and retry() means two retries', async () => {
    const attempts = async (policy: ReturnType<typeof retry>) => {
      let count = 0;
      await policy(async () => (count++, new Response(null, { status: 503 })), { method: 'GET', replayable: true });
      return count;
    };
    expect(await attempts(retry(0))).toBe(1);
    expect(retryPlan({})!.retries).toBe(2);
    expect(await attempts(retry({ minDelay: 0 }))).toBe(3);
  });
});

describe('retries over loopback', () => {
  let server: Loopback;
  beforeAll(async () => {
    server = await startLoopback();
  });
  afterAll(() => server.close());

  type Step = '503' | '429' | 'reset' | '200';
  const answer = (step: Step, res: import('node:http').ServerResponse) => {
    if (step === 'reset') res.socket?.destroy();
    else if (step === '200') res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":1}');
    else res.writeHead(Number(step), step === '429' ? { 'retry-after': '0' } : {}).end();
  };

  it('never sends more than retries + 1 requests, and never repeats a non-idempotent request that reached the server', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...METHODS),
        fc.integer({ min: 0, max: 4 }),
        fc.array(fc.constantFrom<Step>('503', '429', 'reset', '200'), { minLength: 1, maxLength: 6 }),
        async (method, retries, script) => {
          server.requests.length = 0;
          server.reply((_req, res, i) => answer(script[i] ?? '200', res));
          const call = createClientCall(API, { baseUrl: server.url, retry: retry({ retries, minDelay: 1, maxDelay: 4 }) });
          const outcome = await call(method.toLowerCase()).then((r) => r.status, (e: Error) => e.name);
          const count = server.requests.length;
          expect(count).toBeLessThanOrEqual(retries + 1);
          if (!IDEMPOTENT.has(method)) {
            expect(count).toBe(1);
          } else {
            const firstSuccess = script.findIndex((s, i) => s === '200' || i >= script.length);
            const expected = Math.min(retries + 1, (firstSuccess < 0 ? script.length : firstSuccess) + 1);
            expect(count).toBe(expected);
          }
          const last = script[count - 1] ?? '200';
          expect(outcome).toBe(last === 'reset' ? 'TypeError' : Number(last));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('repeats even a POST when the connection was refused (nothing was sent)', async () => {
    const url = await closedPort();
    const attempts: number[] = [];
    const call = createClientCall(API, { baseUrl: url, retry: retry({ retries: 3, minDelay: 1, maxDelay: 2 }), hooks: [{ onRequest: ({ attempt }) => void attempts.push(attempt) }] });
    await expect(call('post')).rejects.toThrow(TypeError);
    expect(attempts).toEqual([1, 2, 3, 4]);
  });

  it('does not wait for a Retry-After that ends after the call’s timeout: the response is returned', async () => {
    server.requests.length = 0;
    server.reply((_req, res) => res.writeHead(503, { 'retry-after': '30' }).end());
    const result = await createClientCall(API, { baseUrl: server.url, retry: retry(5), timeout: 2_000 })('get');
    expect(result.status).toBe(503);
    expect(server.requests).toHaveLength(1);
  });

  it('waits for a Retry-After of 0 and a past HTTP-date, then succeeds', async () => {
    server.requests.length = 0;
    const past = new Date(Date.now() - 60_000).toUTCString();
    server.reply((_req, res, i) => (i === 0 ? res.writeHead(429, { 'retry-after': '0' }).end() : i === 1 ? res.writeHead(503, { 'retry-after': past }).end() : answer('200', res)));
    const result = await createClientCall(API, { baseUrl: server.url, retry: retry({ retries: 2, minDelay: 10_000 }) })('get');
    expect([result.status, server.requests.length]).toEqual([200, 3]);
  });

  it('stops waiting as soon as the caller aborts, with the caller’s reason', async () => {
    server.requests.length = 0;
    server.reply((_req, res) => res.writeHead(503, { 'retry-after': '20' }).end());
    const controller = new AbortController();
    const call = createClientCall(API, { baseUrl: server.url, retry: retry(3), hooks: [{ onResponse: () => controller.abort(new Error('user left')) }] });
    await expect(call('get', {}, { signal: controller.signal })).rejects.toThrow('user left');
    expect(server.requests).toHaveLength(1);
  });

  it('lets a call turn retries off or on over the client’s setting', async () => {
    server.requests.length = 0;
    server.reply((_req, res) => res.writeHead(503).end());
    const call = createClientCall(API, { baseUrl: server.url, retry: retry({ retries: 2, minDelay: 1, maxDelay: 1 }) });
    await call('get', {}, { retry: false });
    expect(server.requests).toHaveLength(1);
    await call('put', {}, { retry: retry({ retries: 1, minDelay: 1, maxDelay: 1 }) });
    expect(server.requests).toHaveLength(3);
  });
});
