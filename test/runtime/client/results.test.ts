/**
 * Honest results over loopback: a body that is not what the spec documents is a ResponseParseError,
 * never `ok: true` with a string or `undefined` typed as the model; undeclared statuses carry the
 * problem document's title and detail in their message.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientCall, type ClientApi } from '../../../packages/runtime/src/client/call.js';
import { ResponseParseError, UnexpectedStatusError } from '../../../packages/runtime/src/client/errors.js';
import { startLoopback, type Loopback } from './loopback.js';

const API: ClientApi = {
  servers: [],
  securitySchemes: {},
  operations: {
    getUser: { id: 'getUser', method: 'GET', path: '/user', parameters: [], security: [], responses: { '200': ['application/json'], '404': ['application/problem+json'] } },
    getNote: { id: 'getNote', method: 'GET', path: '/note', parameters: [], security: [], responses: { '200': ['text/plain'], '204': [] } },
    getFile: { id: 'getFile', method: 'GET', path: '/file', parameters: [], security: [], responses: { '200': ['image/png'] } },
    ping: { id: 'ping', method: 'POST', path: '/ping', parameters: [], security: [], responses: { '202': [] } },
  },
};

let server: Loopback;
let call: ReturnType<typeof createClientCall>;
let next: { status: number; type?: string; body?: string };
beforeAll(async () => {
  server = await startLoopback();
  server.reply((_req, res) => res.writeHead(next.status, next.type ? { 'content-type': next.type } : {}).end(next.body));
  call = createClientCall(API, { baseUrl: server.url });
});
afterAll(() => server.close());

async function parseError(operation: string): Promise<ResponseParseError> {
  const error = await call(operation).then(
    (r) => ({ notThrown: r }),
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ResponseParseError);
  return error as ResponseParseError;
}

describe('honest results', () => {
  it('JSON that does not parse is a ResponseParseError with the text', async () => {
    next = { status: 200, type: 'application/json', body: '{"id": 1,' };
    const error = await parseError('getUser');
    expect(error.message).toMatch(/^getUser: response 200 is not valid application\/json: /);
    expect([error.status, error.text, error.contentType, error.expected]).toEqual([200, '{"id": 1,', 'application/json', ['application/json']]);
  });

  it('a documented JSON body that is missing is a ResponseParseError, not data: undefined', async () => {
    next = { status: 200, type: 'application/json', body: '' };
    expect((await parseError('getUser')).message).toBe('getUser: response 200 is empty, not application/json');
    next = { status: 200 };
    expect((await parseError('getUser')).reason).toBe('is empty, not application/json');
  });

  it('a Content-Type of another kind (an HTML error page for JSON) is a ResponseParseError, for errors too', async () => {
    next = { status: 200, type: 'text/html', body: '<h1>proxy</h1>' };
    const error = await parseError('getUser');
    expect(error.message).toBe('getUser: response 200 is text/html, not application/json');
    expect(error.text).toBe('<h1>proxy</h1>');
    next = { status: 404, type: 'text/html', body: 'nope' };
    expect((await parseError('getUser')).status).toBe(404);
    next = { status: 200, type: 'application/json', body: '"x"' };
    expect((await parseError('getNote')).reason).toBe('is application/json, not text/plain');
  });

  it('accepts what the documented media types allow', async () => {
    next = { status: 200, type: 'application/vnd.acme+json; charset=utf-8', body: '{"id":1}' };
    expect(await call('getUser')).toMatchObject({ ok: true, status: 200, data: { id: 1 } });
    next = { status: 404, type: 'application/problem+json', body: '{"title":"Not Found"}' };
    expect(await call('getUser')).toMatchObject({ ok: false, status: 404, error: { title: 'Not Found' } });
    next = { status: 200, type: 'text/plain', body: '' };
    expect(await call('getNote')).toMatchObject({ ok: true, data: '' }); // an empty text is a text
    next = { status: 200, type: 'image/png', body: 'PNG' };
    const file = await call('getFile');
    expect(file.ok && file.data instanceof Blob && (await file.data.text())).toBe('PNG');
  });

  it('a response documented without content has no data, whatever the server sent', async () => {
    next = { status: 202, type: 'text/plain', body: 'queued' };
    expect(await call('ping')).toMatchObject({ ok: true, status: 202, data: undefined });
    next = { status: 204 };
    expect(await call('getNote')).toMatchObject({ ok: true, status: 204, data: undefined });
  });

  it('UnexpectedStatusError names the problem document’s title and detail', async () => {
    next = { status: 503, type: 'application/problem+json', body: JSON.stringify({ type: 'about:blank', title: 'Service Unavailable', detail: 'maintenance until 22:00 UTC', status: 503 }) };
    const error = await call('getUser').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnexpectedStatusError);
    expect((error as Error).message).toBe('getUser: the server answered 503, which the spec does not declare for this operation: Service Unavailable: maintenance until 22:00 UTC');
    expect((error as UnexpectedStatusError).body).toMatchObject({ detail: 'maintenance until 22:00 UTC' });
  });

  it('UnexpectedStatusError without a problem document keeps the plain message and the body', async () => {
    next = { status: 500, type: 'application/json', body: '{"title":"not a problem document"}' };
    const error = (await call('getUser').catch((e: unknown) => e)) as UnexpectedStatusError;
    expect(error.message).toBe('getUser: the server answered 500, which the spec does not declare for this operation');
    next = { status: 502, type: 'text/html', body: '<h1>bad gateway</h1>' };
    expect(((await call('getUser').catch((e: unknown) => e)) as UnexpectedStatusError).body).toBe('<h1>bad gateway</h1>');
  });
});
