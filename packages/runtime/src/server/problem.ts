/** RFC 9457 problem details, the body of every error the runtime answers itself. */
import type { Outgoing } from './exchange.js';
import type { FieldError } from './validation.js';

export const PROBLEM_TYPE = 'application/problem+json';

export const PROBLEM_TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  406: 'Not Acceptable',
  413: 'Content Too Large',
  415: 'Unsupported Media Type',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

export interface ProblemOptions {
  detail?: string;
  errors?: FieldError[];
  headers?: Record<string, string>;
}

/** A problem+json response; each field error carries `pointer`, `detail` and (same text) `message`. */
export function problem(status: number, options: ProblemOptions = {}): Outgoing {
  const body: Record<string, unknown> = { type: 'about:blank', title: PROBLEM_TITLES[status] ?? 'Error', status };
  if (options.detail) body.detail = options.detail;
  if (options.errors) body.errors = options.errors.map((e) => ({ pointer: e.pointer, detail: e.message, message: e.message }));
  return {
    status,
    headers: { 'content-type': PROBLEM_TYPE, ...options.headers },
    body: JSON.stringify(body),
  };
}
