/**
 * Hooks: middleware around each attempt's `fetch`. The hooks of a call are the client's followed by the
 * call's, and they nest like layers: `onRequest` runs first to last, `onResponse` and `onError` last to
 * first, so the first hook sees the request first and the final response last (openapi-fetch's order).
 */

/** What every hook is told about the attempt. */
export interface HookContext<Operation extends string = string> {
  /** The client method (operationId made an identifier). */
  operation: Operation;
  /** The spec's operationId (or its stable fallback). */
  operationId: string;
  /** The spec's path template (`/users/{userId}`). */
  path: string;
  /** 1 for the first attempt, 2 for the first retry, ... */
  attempt: number;
  /** The request this attempt sends (after the earlier hooks' changes). */
  request: Request;
}

type Awaitable<T> = T | Promise<T>;

export interface ClientHooks<Operation extends string = string> {
  /**
   * Before `fetch`: return a new `Request` to send instead, a `Response` to answer without sending
   * (the later hooks' `onRequest` and `fetch` are skipped), or nothing to go on unchanged.
   */
  onRequest?(context: HookContext<Operation>): Awaitable<Request | Response | undefined | void>;
  /** After a response arrived: return a `Response` to use instead, or nothing. */
  onResponse?(context: HookContext<Operation> & { response: Response }): Awaitable<Response | undefined | void>;
  /**
   * When sending failed (network error, timeout, abort, or a hook threw): return a `Response` to use as
   * the attempt's response (recovery), an `Error` to throw instead, or nothing to pass it on.
   */
  onError?(context: HookContext<Operation> & { error: unknown }): Awaitable<Response | Error | undefined | void>;
}

/** One attempt through the hooks: `onRequest` chain, `fetch`, then `onResponse` (or `onError`) back out. */
export async function runWithHooks(
  hooks: readonly ClientHooks<any>[],
  base: Omit<HookContext, 'request'>,
  request: Request,
  send: (request: Request) => Promise<Response>,
): Promise<Response> {
  // `entered` hooks ran their onRequest; a hook that answers is not one of them (only the outer ones see its response)
  let entered = 0;
  let response: Response | undefined;
  try {
    for (; entered < hooks.length; entered++) {
      const out = await hooks[entered]!.onRequest?.({ ...base, request });
      if (out instanceof Response) {
        response = out;
        break;
      }
      if (out instanceof Request) request = out;
    }
    response ??= await send(request);
    while (entered--) {
      const out: Response | undefined | void = await hooks[entered]!.onResponse?.({ ...base, request, response: response! });
      if (out instanceof Response) response = out;
    }
    return response;
  } catch (thrown) {
    let error = thrown;
    for (let i = hooks.length; i--; ) {
      const out: Response | Error | undefined | void = await hooks[i]!.onError?.({ ...base, request, error });
      if (out instanceof Response) return out;
      if (out instanceof Error) error = out;
    }
    throw error;
  }
}
