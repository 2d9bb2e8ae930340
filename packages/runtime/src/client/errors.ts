/** Errors the generated client throws (declared error statuses are results, not exceptions). */

/** The server answered with a status the operation does not declare (no exact code, range or `default`). */
export class UnexpectedStatusError extends Error {
  override readonly name = 'UnexpectedStatusError';
  constructor(
    readonly operation: string,
    readonly status: number,
    /** The decoded body (JSON, text, or a Blob). */
    readonly body: unknown,
    readonly response: Response,
  ) {
    super(`${operation}: the server answered ${status}, which the spec does not declare for this operation${problemText(body, response)}`);
  }
}

/** `: title: detail` of a problem document (RFC 9457), or nothing when the body is not one. */
function problemText(body: unknown, response: Response | undefined): string {
  const type = (response?.headers?.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
  if (type !== 'application/problem+json' || !body || typeof body !== 'object' || Array.isArray(body)) return '';
  const { title, detail } = body as { title?: unknown; detail?: unknown };
  const parts = [title, detail].filter((t): t is string => typeof t === 'string' && t.trim() !== '').map((t) => t.trim());
  return parts.length ? `: ${[...new Set(parts)].join(': ')}` : '';
}

/**
 * The response cannot be what the spec documents: its body does not parse as the documented media type,
 * its Content-Type is not one of the documented ones, or a documented body is missing.
 */
export class ResponseParseError extends Error {
  override readonly name = 'ResponseParseError';
  constructor(
    readonly operation: string,
    readonly status: number,
    /** The documented media types of this response. */
    readonly expected: readonly string[],
    /** The response's Content-Type (`""` when absent). */
    readonly contentType: string,
    /** What is wrong, in words. */
    readonly reason: string,
    /** The body text when it was read (the first 1000 characters), else undefined. */
    readonly text: string | undefined,
    readonly response: Response,
  ) {
    super(`${operation}: response ${status} ${reason}`);
  }
}

/** With `validateResponses`, a response that does not match the spec. */
export class ResponseValidationError extends Error {
  override readonly name = 'ResponseValidationError';
  constructor(
    readonly operation: string,
    readonly status: number,
    readonly mediaType: string,
    /** JSON pointer into the response body of the first mismatch (`""` = the whole body). */
    readonly pointer: string,
    readonly detail: string,
    readonly errors: readonly unknown[],
    readonly response: Response,
  ) {
    super(`${operation}: response ${status} (${mediaType}) does not match the spec at ${pointer === '' ? '/' : pointer}: ${detail}`);
  }
}

/** The call took longer than its `timeout` (ms). */
export class RequestTimeoutError extends Error {
  override readonly name = 'RequestTimeoutError';
  constructor(
    readonly operation: string,
    readonly timeout: number,
  ) {
    super(`${operation}: no complete response within ${timeout} ms`);
  }
}
