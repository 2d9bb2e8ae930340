import { createServer as createHttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { BasePath, basePathsOf, urlPath } from '../../../packages/runtime/src/server/base-path.js';
import { createServer, toNodeHandler, type ServiceDefinition } from '../../../packages/runtime/src/server/index.js';

describe('base path of the spec servers', () => {
  it.each([
    ['https://api.example.com/v1', '/v1'],
    ['https://api.example.com/v1/', '/v1'],
    ['https://api.example.com', ''],
    ['https://api.example.com/', ''],
    ['http://localhost:8080/api/v3?x=1#top', '/api/v3'],
    ['//cdn.example.com/v2', '/v2'],
    ['/v1', '/v1'],
    ['v1/beta', '/v1/beta'],
    ['/', ''],
    ['', ''],
  ])('%s → %s', (url, path) => {
    expect(urlPath(url)).toBe(path);
  });

  it('substitutes variables (every enum value, else the default), dedupes, longest first', () => {
    expect(basePathsOf(undefined)).toEqual(['']);
    expect(basePathsOf([])).toEqual(['']);
    expect(basePathsOf([{ url: '{scheme}://{host}/api/{version}', variables: { scheme: { default: 'https' }, host: { default: 'x.example' }, version: { default: 'v1', enum: ['v1', 'v2'] } } }])).toEqual(['/api/v1', '/api/v2']);
    // a free variable in the path matches whatever the deployment chose, within its segment
    expect(basePathsOf([{ url: 'https://{env}.example.com/{base}', variables: { env: { default: 'prod', enum: ['prod', 'dev'] }, base: { default: 'v3' } } }])).toEqual(['/{base}']);
    expect(basePathsOf([{ url: 'https://api.faretrotter.com/v2.0/{apikey}', variables: { apikey: { default: 'unknown' } } }])).toEqual(['/v2.0/{apikey}']);
    expect(basePathsOf([{ url: 'https://{host}/a/{ü-x}', variables: { host: { default: 'h' }, 'ü-x': { default: 'q' } } }])).toEqual(['/a/{ü-x}']);
    expect(basePathsOf([{ url: 'https://api.example.com/v1' }, { url: 'http://localhost:8080' }, { url: 'https://staging.example.com/v1' }])).toEqual(['/v1', '']);
  });

  it('strips the base path at a segment boundary only', () => {
    const base = new BasePath(['/v1', '/api/v1']);
    expect(base.strip('/v1/users')).toBe('/users');
    expect(base.strip('/api/v1/users/7')).toBe('/users/7');
    expect(base.strip('/v1')).toBe('/');
    expect(base.strip('/v10/users')).toBeUndefined();
    expect(base.strip('/users')).toBeUndefined();
    const free = new BasePath(['/v2.0/{apikey}', '/api/v{n}']);
    expect(free.strip('/v2.0/abc123/flights')).toBe('/flights');
    expect(free.strip('/v2.0/abc123')).toBe('/');
    expect(free.strip('/v2.0/flights')).toBe('/');
    expect(free.strip('/v2.0')).toBeUndefined();
    expect(free.strip('/api/v7/x')).toBe('/x');
    expect(free.strip('/api/w7/x')).toBeUndefined();
    const withRoot = new BasePath(['/v1', '/']);
    expect(withRoot.strip('/users')).toBe('/users');
    expect(withRoot.strip('/v1/users')).toBe('/users');
  });

  it('property: any path under any base path strips back to itself', () => {
    const segment = fc.stringMatching(/^[a-z0-9._~-]{1,8}$/);
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 3 }), fc.array(segment, { maxLength: 4 }), (baseSegments, pathSegments) => {
        const base = `/${baseSegments.join('/')}`;
        const path = `/${pathSegments.join('/')}`;
        expect(new BasePath([base]).strip(base + (path === '/' ? '' : path))).toBe(path);
      }),
    );
  });
});

const definition: ServiceDefinition = {
  openapi: '3.1',
  servers: [{ url: 'https://{host}/api/{version}', variables: { host: { default: 'api.example.com' }, version: { default: 'v1', enum: ['v1', 'v2'] } } }],
  operations: [
    { id: 'root', method: 'get', path: '/', responses: { '200': {} } },
    { id: 'getUser', method: 'get', path: '/users/{id}', parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }], responses: { '200': { content: { 'application/json': {} } } } },
  ],
};
const handlers = {
  root: () => ({ status: 200 }),
  getUser: (input: any) => ({ status: 200, body: { id: input.params.path.id, target: input.request.target } }),
};

describe('serving under the base path', () => {
  it('the fetch entry point honours the spec base path by default', async () => {
    const server = createServer(definition, handlers);
    expect(server.basePaths).toEqual(['/api/v1', '/api/v2']);
    const ok = await server.handle(new Request('https://api.example.com/api/v2/users/7?x=1'));
    expect(await ok.json()).toEqual({ id: '7', target: '/api/v2/users/7?x=1' });
    expect((await server.handle(new Request('http://h/api/v1'))).status).toBe(200);
    const outside = await server.handle(new Request('http://h/users/7'));
    expect(outside.status).toBe(404);
    expect((await outside.json()).detail).toBe('no operation matches GET /users/7 (this API is served under /api/v1 or /api/v2)');
    expect(server.hasRoute('/api/v1/users/7')).toBe(true);
    expect(server.hasRoute('/users/7')).toBe(false);
    expect(server.hasRoute('/users/7', true)).toBe(true);
  });

  it('the basePath option overrides it (root, another prefix)', async () => {
    const atRoot = createServer(definition, handlers, { basePath: '/' });
    expect((await atRoot.handle(new Request('http://h/users/7'))).status).toBe(200);
    expect((await atRoot.handle(new Request('http://h/api/v1/users/7'))).status).toBe(404);
    const moved = createServer(definition, handlers, { basePath: 'gateway/users-api/' });
    expect(moved.basePaths).toEqual(['/gateway/users-api']);
    expect((await moved.handle(new Request('http://h/gateway/users-api/users/7'))).status).toBe(200);
  });

  it('CORS preflights are matched under the base path too', async () => {
    const server = createServer(definition, handlers, { cors: { origins: '*' } });
    const preflight = (path: string) => server.handle(new Request(`http://h${path}`, { method: 'OPTIONS', headers: { origin: 'https://a.example', 'access-control-request-method': 'GET' } }));
    expect((await preflight('/api/v1/users/1')).status).toBe(204);
    expect((await preflight('/users/1')).status).toBe(404);
  });

  it('the node adapter honours it over real HTTP', async () => {
    const http = createHttpServer(toNodeHandler(createServer(definition, handlers)));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
    try {
      expect(await (await fetch(`${url}/api/v1/users/a%20b`)).json()).toEqual({ id: 'a b', target: '/api/v1/users/a%20b' });
      expect((await fetch(`${url}/users/1`)).status).toBe(404);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
