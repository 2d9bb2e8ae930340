/**
 * CORS for the mock, on by default: every answer allows any origin (the request's `Origin` is
 * echoed, with credentials allowed) and exposes every header; a preflight (`OPTIONS` with
 * `Access-Control-Request-Method`) is answered 204 with what it asked for, before routing.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** Adds the CORS headers; returns true when the request was a preflight and is answered. */
export function applyCors(request: IncomingMessage, response: ServerResponse): boolean {
  const origin = request.headers.origin;
  response.setHeader('access-control-allow-origin', origin ?? '*');
  if (origin) {
    response.setHeader('access-control-allow-credentials', 'true');
    response.setHeader('vary', 'Origin');
  }
  response.setHeader('access-control-expose-headers', '*');
  const asked = request.headers['access-control-request-method'];
  if (request.method !== 'OPTIONS' || asked === undefined) return false;
  response.setHeader('access-control-allow-methods', String(asked));
  const askedHeaders = request.headers['access-control-request-headers'];
  if (askedHeaders) response.setHeader('access-control-allow-headers', String(askedHeaders));
  response.setHeader('access-control-max-age', '600');
  response.writeHead(204, { 'content-length': '0' });
  response.end();
  return true;
}
