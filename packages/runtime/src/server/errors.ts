/**
 * The errors the runtime answers itself, one row each: reason → status. By default each is a
 * problem+json answer (problem.ts); `formatError` lets a service answer them in the shape its spec
 * documents (`400: { error: string }`), keeping the status and the protocol headers (Allow,
 * WWW-Authenticate) unless it says otherwise.
 */
import type { Outgoing } from './exchange.js';
import { isJson } from './media.js';
import { problem, PROBLEM_TITLES } from './problem.js';
import type { FieldError } from './validation.js';

export const ERROR_STATUS = {
  /** A parameter or the body does not match the spec (or cannot be decoded at all). */
  'invalid-request': 400,
  /** No security alternative is satisfied, or `authenticate` rejected the credentials. */
  unauthorized: 401,
  /** A CORS preflight from an origin, or asking for a header, that is not allowed. */
  forbidden: 403,
  /** No path template matches (or the path is outside the base path). */
  'not-found': 404,
  /** The path exists with other methods (`Allow` lists them). */
  'method-not-allowed': 405,
  /** `Accept` admits none of the documented response media types. */
  'not-acceptable': 406,
  /** The body is larger than `bodyLimit`. */
  'too-large': 413,
  /** The Content-Type (or a multipart part's) is not one the operation documents. */
  'unsupported-media-type': 415,
  /** A handler or an adapter failed, or (validateResponses) an answer does not match the spec. */
  internal: 500,
  /** The operation has no handler yet (partial server, or `notImplemented`). */
  'not-implemented': 501,
} as const;

export type ServerErrorReason = keyof typeof ERROR_STATUS;

/** What `formatError` is told about an error the runtime answers itself. */
export interface ServerError<Reason extends ServerErrorReason = ServerErrorReason> {
  reason: Reason;
  status: (typeof ERROR_STATUS)[Reason];
  /** The problem title (`Bad Request`). */
  title: string;
  /** One sentence saying what is wrong. */
  detail: string;
  /** Field errors (`invalid-request`, and `internal` from validateResponses), pointers such as `/body/email`. */
  errors?: FieldError[];
  /** The operation the request matched, when it got that far. */
  operationId?: string;
  method: string;
  target: string;
}

/** Your answer to such an error; `undefined` keeps the default problem+json answer. */
export interface ErrorAnswer<Body = unknown> {
  /** Default: the error's status. */
  status?: number;
  body: Body;
  /** Merged over the protocol headers of the error (Allow, WWW-Authenticate). */
  headers?: Record<string, string>;
  /** Default: `application/json` (a string body: `text/plain; charset=utf-8`). */
  contentType?: string;
}

export type FormatError<Body = unknown> = (error: ServerError) => ErrorAnswer<Body> | undefined;

export interface ErrorDetails {
  detail: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
  operationId?: string;
}

/** The answer to an error: formatted by `format` when given (and it answers), else problem+json. */
export function errorAnswer(format: FormatError | undefined, reason: ServerErrorReason, details: ErrorDetails, request: { method: string; target: string }): Outgoing {
  const status = ERROR_STATUS[reason];
  if (format !== undefined) {
    const error: ServerError = { reason, status, title: PROBLEM_TITLES[status] ?? 'Error', detail: details.detail, method: request.method, target: request.target };
    if (details.errors) error.errors = details.errors;
    if (details.operationId !== undefined) error.operationId = details.operationId;
    const answer = format(error);
    if (answer !== undefined && answer !== null) return toOutgoing(answer, status, details.headers);
  }
  return problem(status, details);
}

function toOutgoing(answer: ErrorAnswer, status: number, protocolHeaders: Record<string, string> | undefined): Outgoing {
  const headers: Record<string, string> = { ...protocolHeaders };
  for (const [name, value] of Object.entries(answer.headers ?? {})) headers[name.toLowerCase()] = String(value);
  const body = answer.body;
  if (body === undefined || body === null) return { status: answer.status ?? status, headers, body: null };
  const contentType = answer.contentType ?? headers['content-type'] ?? (typeof body === 'string' ? 'text/plain; charset=utf-8' : 'application/json');
  headers['content-type'] = contentType;
  const text = typeof body === 'string' && !isJson(contentType) ? body : JSON.stringify(body);
  return { status: answer.status ?? status, headers, body: text };
}
