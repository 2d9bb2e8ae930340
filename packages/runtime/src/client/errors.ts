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
    super(`${operation}: the server answered ${status}, which the spec does not declare for this operation`);
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
