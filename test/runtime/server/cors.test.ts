import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createServer, toNodeHandler, type CorsOptions, type ServiceDefinition } from '../../../packages/runtime/src/server/index.js';

const definition: ServiceDefinition = {
  openapi: '3.1',
  operations: [
    { id: 'listItems', method: 'get', path: '/items', responses: { '200': { content: { 'application/json': {} } } } },
    {
      id: 'createItem',
      method: 'post',
      path: '/items',
      requestBody: { required: true, content: { 'application/json': { schema: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } } } } },
      responses: { '201': { content: { 'application/json': {} } } },
    },
    { id: 'deleteItem', method: 'delete', path: '/items/{id}', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '204': {} } },
    { id: 'options', method: 'options', path: '/raw', responses: { '200': { content: { 'text/plain': {} } } } },
  ],
};
const handlers = {
  listItems: () => ({ status: 200, body: [], headers: { Location: '/items', Vary: 'Accept' } }),
  createItem: () => ({ status: 201, body: { id: 1 } }),
  deleteItem: () => ({ status: 204 }),
  options: () => ({ status: 200, body: 'spec OPTIONS' }),
};
const serve = (cors: CorsOptions | undefined, onError?: (e: unknown) => void) => {
  const server = createServer(definition, handlers, { cors, onError });
  return (path: string, init: RequestInit = {}) => server.handle(new Request(`http://api.test${path}`, init));
};
const app = 'https://app.example.com';
const preflight = (method: string, headers: Record<string, string> = {}) => ({ method: 'OPTIONS', headers: { origin: app, 'access-control-request-method': method, ...headers } });

describe('CORS', () => {
  const call = serve({ origins: [app], exposedHeaders: ['Location'], maxAge: 600 });

  it('answers a preflight with the methods of the matched path', async () => {
    const res = await call('/items', preflight('POST', { 'access-control-request-headers': 'content-type, x-trace' }));
    expect(res.status).toBe(204);
    expect(res.headers.get('access-control-allow-origin')).toBe(app);
    expect(res.headers.get('access-control-allow-methods')).toBe('GET, HEAD, POST');
    expect(res.headers.get('access-control-allow-headers')).toBe('content-type, x-trace');
    expect(res.headers.get('access-control-max-age')).toBe('600');
    expect(res.headers.get('access-control-allow-credentials')).toBeNull();
    expect(res.headers.get('vary')).toBe('Origin, Access-Control-Request-Method, Access-Control-Request-Headers');
    const templated = await call('/items/7', preflight('DELETE'));
    expect(templated.status).toBe(204);
    expect(templated.headers.get('access-control-allow-methods')).toBe('DELETE');
  });

  it('refuses a preflight for a method the path lacks (405 + Allow), an unknown path (404), a foreign origin (403)', async () => {
    const wrong = await call('/items', preflight('PUT'));
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
    expect(wrong.headers.get('content-type')).toBe('application/problem+json');
    expect((await wrong.json()).detail).toBe('PUT is not allowed on /items; allowed: GET, HEAD, POST');
    expect(wrong.headers.get('access-control-allow-origin')).toBe(app);
    expect((await call('/nope', preflight('GET'))).status).toBe(404);
    const foreign = await call('/items', { method: 'OPTIONS', headers: { origin: 'https://evil.example', 'access-control-request-method': 'GET' } });
    expect(foreign.status).toBe(403);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('adds the headers to every answer of an allowed origin, problem answers included', async () => {
    const ok = await call('/items', { headers: { origin: app } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-origin')).toBe(app);
    expect(ok.headers.get('access-control-expose-headers')).toBe('Location');
    expect(ok.headers.get('vary')).toBe('Accept, Origin');
    const invalid = await call('/items', { method: 'POST', headers: { origin: app, 'content-type': 'application/json' }, body: '{}' });
    expect(invalid.status).toBe(400);
    expect(invalid.headers.get('access-control-allow-origin')).toBe(app);
    for (const [path, init, status] of [
      ['/missing', {}, 404],
      ['/items/1', { method: 'PUT' }, 405],
      ['/items', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'x' }, 415],
    ] as const) {
      const res = await call(path, { ...init, headers: { ...('headers' in init ? init.headers : {}), origin: app } });
      expect(res.status).toBe(status);
      expect(res.headers.get('access-control-allow-origin')).toBe(app);
    }
    const foreign = await call('/items', { headers: { origin: 'https://evil.example' } });
    expect(foreign.status).toBe(200);
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(foreign.headers.get('vary')).toBe('Accept, Origin');
  });

  it("a plain OPTIONS (no Access-Control-Request-Method) still reaches the spec's OPTIONS operation", async () => {
    const res = await call('/raw', { method: 'OPTIONS', headers: { origin: app } });
    expect(res.status).toBe(200);
    expect(await res.text()).toBe('spec OPTIONS');
    expect(res.headers.get('access-control-allow-origin')).toBe(app);
  });

  it("'*' answers * without credentials and the caller's origin with them", async () => {
    const open = serve({ origins: '*' });
    const any = await open('/items', { headers: { origin: 'https://x.example' } });
    expect(any.headers.get('access-control-allow-origin')).toBe('*');
    expect(any.headers.get('vary')).toBe('Accept');
    const withCredentials = serve({ origins: '*', credentials: true });
    const reflected = await withCredentials('/items', preflight('GET'));
    expect(reflected.headers.get('access-control-allow-origin')).toBe(app);
    expect(reflected.headers.get('access-control-allow-credentials')).toBe('true');
  });

  it('a function decides per origin; allowedHeaders restricts what a preflight may ask for', async () => {
    const seen: string[] = [];
    const call2 = serve({ origins: async (origin) => (seen.push(origin), origin.endsWith('.example.com')), allowedHeaders: ['Content-Type'] });
    expect((await call2('/items', preflight('POST', { 'access-control-request-headers': 'content-type' }))).status).toBe(204);
    const refused = await call2('/items', preflight('POST', { 'access-control-request-headers': 'content-type,x-secret' }));
    expect(refused.status).toBe(403);
    expect((await refused.json()).detail).toBe('request header(s) x-secret may not be sent from another origin');
    expect((await call2('/items', { headers: { origin: 'https://b.example.org' } })).headers.get('access-control-allow-origin')).toBeNull();
    expect(seen).toContain('https://b.example.org');
  });

  it('an origin function that throws goes through onError (500 problem)', async () => {
    const errors: unknown[] = [];
    const call3 = serve({ origins: () => { throw new Error('db down'); } }, (e) => errors.push(e));
    const res = await call3('/items', { headers: { origin: app } });
    expect(res.status).toBe(500);
    expect(res.headers.get('content-type')).toBe('application/problem+json');
    expect(errors).toHaveLength(1);
  });

  it('without the option nothing changes: OPTIONS preflight is a 405', async () => {
    const plain = serve(undefined);
    const res = await plain('/items', preflight('POST'));
    expect(res.status).toBe(405);
    expect(res.headers.get('access-control-allow-origin')).toBeNull();
  });

  it('refuses bad options at startup', () => {
    expect(() => createServer(definition, handlers, { cors: { origins: 'https://a.example' as never } })).toThrow(/cors.origins/);
    expect(() => createServer(definition, handlers, { cors: { origins: '*', maxAge: -1 } })).toThrow(/maxAge/);
  });

  it('works over real HTTP through the node adapter', async () => {
    const http = createHttpServer(toNodeHandler(createServer(definition, handlers, { cors: { origins: [app], credentials: true } })));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    try {
      const answer = await new Promise<{ status: number; headers: Record<string, unknown> }>((resolve, reject) => {
        const req = httpRequest({ host: '127.0.0.1', port, path: '/items', method: 'OPTIONS', headers: { origin: app, 'access-control-request-method': 'POST' } }, (res) => {
          res.resume();
          res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers }));
        });
        req.on('error', reject);
        req.end();
      });
      expect(answer.status).toBe(204);
      expect(answer.headers['access-control-allow-origin']).toBe(app);
      expect(answer.headers['access-control-allow-credentials']).toBe('true');
      const res = await fetch(`http://127.0.0.1:${port}/items`, { method: 'POST', headers: { origin: app, 'content-type': 'application/json' }, body: '{"name":"a"}' });
      expect(res.status).toBe(201);
      expect(res.headers.get('access-control-allow-origin')).toBe(app);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
