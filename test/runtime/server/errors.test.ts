import { createServer as createHttpServer, request as httpRequest, type RequestListener } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { describe, expect, it } from 'vitest';
import { createServer, notImplemented, toExpressMiddleware, toNodeHandler, type ServerError, type ServiceDefinition } from '../../../packages/runtime/src/server/index.js';

const definition: ServiceDefinition = {
  openapi: '3.1',
  operations: [
    {
      id: 'createItem',
      method: 'post',
      path: '/items',
      parameters: [{ name: 'dry', in: 'query', schema: { type: 'boolean' } }],
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } },
      responses: { '201': { content: { 'application/json': {} } }, '400': { content: { 'application/json': { schema: { type: 'object', required: ['error'], properties: { error: { type: 'string' } } } } } } },
    },
    { id: 'listItems', method: 'get', path: '/items', security: [{ key: [] }], responses: { '200': { content: { 'application/json': {} } } } },
    { id: 'getItem', method: 'get', path: '/items/{id}', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { content: { 'application/json': {} } } } },
    { id: 'stream', method: 'get', path: '/stream', responses: { '200': { content: { 'text/plain': {} } } } },
  ],
  securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' } },
};

const ok = { createItem: () => ({ status: 201, body: {} }), listItems: () => ({ status: 200, body: [] }), getItem: () => ({ status: 200, body: {} }), stream: () => ({ status: 200, body: 'x' }) };
const authenticate = () => false;

async function listen(listener: RequestListener) {
  const http = createHttpServer(listener);
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, close: () => new Promise((resolve) => http.close(resolve)) };
}

describe('formatError: errors in the shape the spec documents', () => {
  const seen: ServerError[] = [];
  const server = createServer(definition, ok, {
    authenticate,
    bodyLimit: 100,
    formatError: (error) => {
      seen.push(error);
      if (error.reason === 'not-found') return undefined; // keep problem+json for this one
      return { body: { error: `${error.detail}${error.errors ? `: ${error.errors.map((e) => `${e.pointer} ${e.message}`).join('; ')}` : ''}` } };
    },
  });
  const call = (path: string, init: RequestInit = {}) => server.handle(new Request(`http://h${path}`, init));
  const post = (body: string, headers: Record<string, string> = { 'content-type': 'application/json' }) => call('/items', { method: 'POST', headers, body });

  it('validation errors, 401, 405, 406, 413, 415 answer { error } with their status and protocol headers', async () => {
    const invalid = await post('{}');
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('content-type')).toBe('application/json');
    expect(await invalid.json()).toEqual({ error: "the request does not match the API description: /body/name is required" });
    expect(seen.at(-1)).toMatchObject({ reason: 'invalid-request', status: 400, title: 'Bad Request', operationId: 'createItem', method: 'POST', target: '/items' });
    expect((await (await call('/items?dry=maybe', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"name":"a"}' })).json()).error).toMatch(/^the request does not match the API description: \/query\/dry/);
    expect(await (await post('{"name":')).json()).toEqual({ error: 'the body is not valid JSON: /body is not valid JSON' });
    const unauthorized = await call('/items');
    expect(unauthorized.status).toBe(401);
    expect(unauthorized.headers.get('www-authenticate')).toBe('ApiKey realm="api", in="header", name="X-Key"');
    expect(await unauthorized.json()).toEqual({ error: 'credentials are required' });
    const notAllowed = await call('/items', { method: 'DELETE' });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('GET, HEAD, POST');
    expect((await call('/items/1', { headers: { accept: 'text/html' } })).status).toBe(406);
    expect((await post(JSON.stringify({ name: 'x'.repeat(200) }))).status).toBe(413);
    const unsupported = await post('a', { 'content-type': 'text/plain' });
    expect(unsupported.status).toBe(415);
    expect(await unsupported.json()).toEqual({ error: 'text/plain is not accepted; send one of application/json' });
    expect(seen.map((e) => e.reason)).toEqual(['invalid-request', 'invalid-request', 'invalid-request', 'unauthorized', 'method-not-allowed', 'not-acceptable', 'too-large', 'unsupported-media-type']);
  });

  it('undefined keeps problem+json; status, headers and content type can be chosen', async () => {
    const missing = await call('/nope');
    expect(missing.status).toBe(404);
    expect(missing.headers.get('content-type')).toBe('application/problem+json');
    const custom = createServer(definition, ok, { authenticate, formatError: (e) => ({ status: e.status === 400 ? 422 : e.status, body: `no: ${e.reason}`, headers: { 'X-Why': e.reason } }) });
    const res = await custom.handle(new Request('http://h/items', { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{}' }));
    expect(res.status).toBe(422);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(res.headers.get('x-why')).toBe('invalid-request');
    expect(await res.text()).toBe('no: invalid-request');
  });

  it('a 500 (handler threw) goes through it too; a formatError that throws falls back to problem+json and is reported', async () => {
    const errors: unknown[] = [];
    const throwing = createServer(definition, { ...ok, getItem: () => { throw new Error('kaput'); } }, {
      authenticate,
      onError: (e) => errors.push(e),
      formatError: (e) => {
        if (e.reason === 'internal') return { body: { error: 'sorry' } };
        throw new Error('formatter bug');
      },
    });
    const res = await throwing.handle(new Request('http://h/items/1'));
    expect(res.status).toBe(500);
    expect(await res.json()).toEqual({ error: 'sorry' });
    const fallback = await throwing.handle(new Request('http://h/nope'));
    expect(fallback.status).toBe(404);
    expect(fallback.headers.get('content-type')).toBe('application/problem+json');
    expect(errors.map((e) => (e as Error).message)).toEqual(['kaput', 'formatter bug']);
  });
});

describe('partial servers', () => {
  it('missing handlers are a startup error by default, 501 with partial: true', async () => {
    expect(() => createServer(definition, { createItem: ok.createItem }, { authenticate })).toThrow('covenant: no handler for operation(s) listItems, getItem, stream (createPartialServer, or notImplemented, answers 501 for them)');
    const server = createServer(definition, { getItem: ok.getItem }, { authenticate, partial: true });
    const res = await server.handle(new Request('http://h/stream'));
    expect(res.status).toBe(501);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(await res.json()).toEqual({ type: 'about:blank', title: 'Not Implemented', status: 501, detail: 'stream is not implemented yet' });
    expect((await server.handle(new Request('http://h/items/1'))).status).toBe(200);
  });

  it('notImplemented fits a full handler map and answers 501 (formatError applies)', async () => {
    const server = createServer(definition, { ...ok, stream: notImplemented }, { authenticate, formatError: (e) => ({ body: { error: e.reason } }) });
    const res = await server.handle(new Request('http://h/stream'));
    expect(res.status).toBe(501);
    expect(await res.json()).toEqual({ error: 'not-implemented' });
  });
});

describe('failures outside the handler are answered, reported, and never crash the process', () => {
  const crlf = { ...ok, getItem: () => ({ status: 200, body: { a: 1 }, headers: { 'x-injected': 'a\r\nset-cookie: evil=1' } }) };

  it('node adapter: a header value with CR/LF → onError + 500 problem (with CORS headers)', async () => {
    const errors: unknown[] = [];
    const server = createServer(definition, crlf, { authenticate, onError: (e) => errors.push(e), cors: { origins: '*' } });
    const { url, close } = await listen(toNodeHandler(server));
    try {
      const res = await fetch(`${url}/items/1`, { headers: { origin: 'https://a.example' } });
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(res.headers.get('set-cookie')).toBeNull();
      expect(res.headers.get('access-control-allow-origin')).toBe('*');
      expect((await res.json()).title).toBe('Internal Server Error');
      expect(errors).toHaveLength(1);
      expect((await fetch(`${url}/items/1`)).status).toBe(500); // the server still serves
    } finally {
      await close();
    }
  });

  it('fetch entry point: a header value a Response refuses → onError + 500 problem', async () => {
    const errors: unknown[] = [];
    const server = createServer(definition, crlf, { authenticate, onError: (e) => errors.push(e) });
    const res = await server.handle(new Request('http://h/items/1'));
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(errors).toHaveLength(1);
  });

  it('a body that cannot be serialized (BigInt, cycle) → onError + 500 problem', async () => {
    const errors: unknown[] = [];
    const cyclic: Record<string, unknown> = {};
    cyclic.self = cyclic;
    const server = createServer(definition, { ...ok, getItem: (input: any) => ({ status: 200, body: input.params.path.id === 'big' ? { n: 1n } : cyclic }) }, { authenticate, onError: (e) => errors.push(e) });
    const { url, close } = await listen(toNodeHandler(server));
    try {
      for (const id of ['big', 'cycle']) {
        const res = await fetch(`${url}/items/${id}`);
        expect(res.status).toBe(500);
        expect(res.headers.get('content-type')).toBe('application/problem+json');
      }
      expect(errors).toHaveLength(2);
    } finally {
      await close();
    }
  });

  it('a body stream that breaks after the head is sent: onError is told and the connection ends', async () => {
    const errors: unknown[] = [];
    const broken = new ReadableStream<Uint8Array>({
      pull(controller) {
        controller.enqueue(new TextEncoder().encode('partial'));
        controller.error(new Error('disk gone'));
      },
    });
    const server = createServer(definition, { ...ok, stream: () => ({ status: 200, body: broken as unknown as string, contentType: 'text/plain' }) }, { authenticate, onError: (e) => errors.push(e) });
    const { url, close } = await listen(toNodeHandler(server));
    try {
      const outcome = await new Promise<string>((resolve) => {
        const req = httpRequest(`${url}/stream`, (res) => {
          res.on('data', () => {});
          res.on('end', () => resolve('ended'));
          res.on('error', () => resolve('aborted'));
          res.on('aborted', () => resolve('aborted'));
        });
        req.on('error', () => resolve('aborted'));
        req.end();
      });
      expect(['ended', 'aborted']).toContain(outcome);
      expect((errors[0] as Error).message).toBe('disk gone');
    } finally {
      await close();
    }
  });

  it('Express adapter: the same CR/LF failure is a 500 problem, not an Express crash', async () => {
    const errors: unknown[] = [];
    const app = express();
    app.use(toExpressMiddleware(createServer(definition, crlf, { authenticate, onError: (e) => errors.push(e) })));
    const { url, close } = await listen(app);
    try {
      const res = await fetch(`${url}/items/1`);
      expect(res.status).toBe(500);
      expect(res.headers.get('content-type')).toBe('application/problem+json');
      expect(errors).toHaveLength(1);
    } finally {
      await close();
    }
  });
});
