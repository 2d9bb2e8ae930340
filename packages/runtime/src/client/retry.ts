/**
 * Retries: which attempts may be repeated, and after how long. Opt-in: `retry: retry({ ... })` on the
 * client or the call; the transport asks the policy after every attempt. A client that never imports
 * `retry` does not bundle this file.
 */

export interface RetryOptions {
  /** Retries after the first attempt (default 2): at most `retries + 1` requests per call. */
  retries?: number;
  /** First backoff ceiling in ms (default 200); doubles per retry, up to `maxDelay`. */
  minDelay?: number;
  /** Backoff ceiling in ms (default 10 000). */
  maxDelay?: number;
  /** Statuses worth another try (default 408, 425, 429, 500, 502, 503, 504). */
  statuses?: readonly number[];
  /** A `Retry-After` longer than this (ms, default 60 000) is not waited for: the response is returned. */
  maxRetryAfter?: number;
}

/** What the transport knows of a call when it hands its attempts to a policy. */
export interface RetryContext {
  method: string;
  /** False when the request body cannot be sent twice (a stream). */
  replayable: boolean;
  /** The call's timeout in ms (attempts and waits included), if any: no wait may end after it. */
  timeout?: number;
  signal?: AbortSignal;
}

/** Runs a call's attempts (`send(1)`, `send(2)`, ...) until one is final; resolves its response or rejects with its error. */
export type RetryPolicy = (send: (attempt: number) => Promise<Response>, call: RetryContext) => Promise<Response>;

/**
 * A retry policy: `retry()` (the defaults: 2 retries), `retry(4)`, or `retry({ retries, minDelay, ... })`.
 * Idempotent methods are retried on the listed statuses and on network errors; any method when the
 * connection failed before anything was sent. Waits never end past the call's deadline, and end at once
 * when the signal aborts. A client that never imports `retry` does not bundle this file.
 */
export function retry(options: number | RetryOptions = {}, random: () => number = Math.random): RetryPolicy {
  const plan = retryPlan(typeof options === 'number' ? { retries: options } : options);
  return async (send, { method, replayable, timeout, signal }) => {
    const deadline = timeout === undefined ? undefined : Date.now() + timeout;
    for (let n = 1; ; n++) {
      let outcome: { response?: Response; error?: unknown };
      try {
        outcome = { response: await send(n) };
      } catch (error) {
        outcome = { error };
      }
      const delay = plan && retryDelay(plan, { method, retriesDone: n - 1, ...outcome, replayable, deadline, now: Date.now() }, random);
      if (delay === undefined) {
        if (outcome.response) return outcome.response;
        throw outcome.error;
      }
      // the retried response is not read: free its connection
      await outcome.response?.body?.cancel().catch(() => {});
      await sleep(delay, signal);
    }
  };
}

export interface RetryPlan {
  retries: number;
  minDelay: number;
  maxDelay: number;
  statuses: ReadonlySet<number>;
  maxRetryAfter: number;
}

/** Methods RFC 9110 §9.2.2 calls idempotent: repeating them has the effect of sending them once. */
export const IDEMPOTENT_METHODS: ReadonlySet<string> = new Set(['GET', 'HEAD', 'OPTIONS', 'TRACE', 'PUT', 'DELETE']);

const DEFAULT_STATUSES = [408, 425, 429, 500, 502, 503, 504];

/**
 * Error codes raised while connecting, before the request's first byte was written: the server cannot
 * have seen the request, so even a POST may be sent again.
 */
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ENETUNREACH', 'EHOSTUNREACH', 'UND_ERR_CONNECT_TIMEOUT']);

/** The bounds of a policy with their defaults; `undefined` when it allows no retry. */
export function retryPlan(options: RetryOptions): RetryPlan | undefined {
  const retries = Math.max(0, Math.floor(options.retries ?? 2));
  if (retries === 0) return undefined;
  return {
    retries,
    minDelay: Math.max(0, options.minDelay ?? 200),
    maxDelay: Math.max(0, options.maxDelay ?? 10_000),
    statuses: new Set(options.statuses ?? DEFAULT_STATUSES),
    maxRetryAfter: Math.max(0, options.maxRetryAfter ?? 60_000),
  };
}

/** `Retry-After` (RFC 9110 §10.2.3) in ms from `now`: delay-seconds or an HTTP-date; undefined when absent or unreadable. */
export function retryAfterMs(value: string | null | undefined, now: number): number | undefined {
  if (value === null || value === undefined) return undefined;
  const text = value.trim();
  if (/^\d+$/.test(text)) return Number(text) * 1000;
  // an HTTP-date always names its weekday and zone; Date.parse alone would read "1" or "2026" as dates
  if (!/^[A-Za-z]{3},? .*\d{2}:\d{2}:\d{2} GMT$/.test(text) && !/^[A-Za-z]+, \d{2}-[A-Za-z]{3}-\d{2} \d{2}:\d{2}:\d{2} GMT$/.test(text)) return undefined;
  const at = Date.parse(text);
  return Number.isNaN(at) ? undefined : Math.max(0, at - now);
}

/** Exponential backoff with full jitter: uniform in [0, min(maxDelay, minDelay × 2^(retry-1))). */
export function backoffMs(plan: RetryPlan, retry: number, random: () => number = Math.random): number {
  const ceiling = Math.min(plan.maxDelay, plan.minDelay * 2 ** Math.max(0, retry - 1));
  return Math.floor(random() * ceiling);
}

/** True when a fetch error happened while connecting (nothing of the request was sent). */
export function failedBeforeSending(error: unknown): boolean {
  const seen = new Set<unknown>();
  const visit = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const { code, cause, errors } = e as { code?: unknown; cause?: unknown; errors?: unknown };
    if (typeof code === 'string' && NOT_SENT_CODES.has(code)) return true;
    // several addresses tried (happy eyeballs): all of them must have failed to connect
    if (Array.isArray(errors) && errors.length && errors.every((inner) => visit(inner))) return true;
    return visit(cause);
  };
  return visit(error);
}

export interface AttemptOutcome {
  method: string;
  /** Retries already made (0 after the first attempt). */
  retriesDone: number;
  response?: Response;
  error?: unknown;
  /** False when the request body cannot be sent twice (a stream). */
  replayable: boolean;
  /** Epoch ms by which the call must be over (its timeout), if any. */
  deadline?: number;
  now: number;
}

/**
 * How long to wait before the next attempt, or `undefined` to stop (return the response / throw the
 * error). Never a wait that would end past the deadline.
 */
export function retryDelay(plan: RetryPlan, outcome: AttemptOutcome, random: () => number = Math.random): number | undefined {
  if (outcome.retriesDone >= plan.retries || !outcome.replayable) return undefined;
  const idempotent = IDEMPOTENT_METHODS.has(outcome.method.toUpperCase());
  let delay: number;
  if (outcome.response) {
    if (!idempotent || !plan.statuses.has(outcome.response.status)) return undefined;
    const after = retryAfterMs(outcome.response.headers.get('retry-after'), outcome.now);
    if (after !== undefined && after > plan.maxRetryAfter) return undefined;
    delay = after ?? backoffMs(plan, outcome.retriesDone + 1, random);
  } else {
    const error = outcome.error as { name?: unknown } | undefined;
    // the caller's abort and our timeout end the call; so does anything that is not a network failure
    if (error?.name === 'AbortError' || error?.name === 'TimeoutError' || !(error instanceof TypeError)) return undefined;
    if (!idempotent && !failedBeforeSending(error)) return undefined;
    delay = backoffMs(plan, outcome.retriesDone + 1, random);
  }
  if (outcome.deadline !== undefined && outcome.now + delay >= outcome.deadline) return undefined;
  return delay;
}

/** Wait `ms`, or reject with the signal's reason as soon as it aborts. */
export function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const done = () => {
      signal?.removeEventListener('abort', aborted);
      resolve();
    };
    const timer = setTimeout(done, ms);
    const aborted = () => {
      clearTimeout(timer);
      reject(signal!.reason);
    };
    signal?.addEventListener('abort', aborted, { once: true });
  });
}
