/**
 * End to end: `covenant gen` (built CLI) on specs/users.openapi.yaml with the typescript-client and
 * typescript-server targets, compiled with tsc --strict, real handlers (in-memory store) served on
 * 127.0.0.1 through the node adapter, and every operation called through the GENERATED CLIENT —
 * valid calls, invalid ones (problem+json with pointers), each parameter style, each auth scheme,
 * multipart. Then a smoke subset through the Express, Fastify and fetch/Hono adapters.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import Fastify from 'fastify';
import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toExpressMiddleware, toFastifyPlugin, toFetchHandler, toNodeHandler } from '@covenant/runtime/server';
import { buildUsersService, type BuiltService } from './support.js';

let service: BuiltService;
let app: any;
let client: any;
let anonymous: any;
let base: string;
let http: Server;

const listen = (server: Server) =>
  new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));
const lastCall = (operationId: string) => app.calls.filter((c: any) => c.operationId === operationId).at(-1);

const alice = { email: 'alice@example.com', name: 'Alice', role: 'admin', password: 'long-password-1', labels: { team: 'core' }, contact: { kind: 'email', address: 'alice@example.com' } };
const bob = { email: 'bob@example.com', name: 'Bob', role: 'member', password: 'long-password-2', labels: { team: 'edge' }, contact: { kind: 'phone', number: '+41791234567' } };

beforeAll(async () => {
  service = buildUsersService('e2e-users', 'specs/users.openapi.yaml', ['typescript-client', 'typescript-server']);
  const { createUsersApp } = await service.load('users-app.js');
  const { createClient } = await service.load('generated/users/client.js');
  app = createUsersApp();
  http = createHttpServer(toNodeHandler(app.server));
  // the spec's server is https://users.acme-demo.dev/v1: the server answers under /v1
  base = `${await listen(http)}/v1`;
  client = createClient({ baseUrl: base, auth: { bearerAuth: 'tok-alice', basicAuth: { username: 'admin', password: 'admin-pass' }, apiKeyHeader: 'key-123', apiKeyCookie: 'dash-1' } });
  anonymous = createClient({ baseUrl: base });
});

afterAll(async () => {
  if (http) await close(http);
});

describe('users service through the generated client (node adapter)', () => {
  it('getHealth needs no credentials', async () => {
    const result = await anonymous.getHealth({});
    expect(result.status).toBe(200);
    expect(result.data).toEqual({ status: 'ok', version: '1.4.0', checks: { store: 'ok' } });
  });

  it('createUser: 201 with Location, readOnly fields assigned, writeOnly password never returned', async () => {
    const result = await client.createUser({ body: alice, header: { 'X-Request-Id': '3f2504e0-4f89-11d3-9a0c-0305e82c3301' } });
    expect(result.status).toBe(201);
    expect(result.data.id).toMatch(/^u\d+$/);
    expect(result.data.createdAt).toBe('2026-11-24T12:00:00Z');
    expect(result.data).not.toHaveProperty('password');
    expect(result.response.headers.get('location')).toBe(`/users/${result.data.id}`);
    const call = lastCall('createUser');
    expect(call.body.password).toBe('long-password-1');
    expect(call.params.headers['X-Request-Id']).toBe('3f2504e0-4f89-11d3-9a0c-0305e82c3301');
    expect(call.auth).toEqual({ kind: 'user', name: 'alice' });
    const second = await client.createUser({ body: bob });
    expect(second.status).toBe(201);
  });

  it('createUser: invalid body → 400 problem+json naming every pointer (format, required, readOnly, discriminator)', async () => {
    const result = await client.createUser({ body: { id: 'mine', email: 'not-an-email', name: '', role: 'boss', contact: { kind: 'fax' } } });
    expect(result.status).toBe(400);
    expect(result.response.headers.get('content-type')).toBe('application/problem+json');
    const pointers = result.error.errors.map((e: any) => e.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/body/email', '/body/password', '/body/id', '/body/name', '/body/role', '/body/contact/kind']));
    expect(result.error.errors.find((e: any) => e.pointer === '/body/id').message).toMatch(/read-only/);
    expect(result.error.errors.every((e: any) => typeof e.detail === 'string')).toBe(true);
  });

  it('createUser: a taken email → 409, a bad header param → 400 at /headers/X-Request-Id', async () => {
    expect((await client.createUser({ body: alice })).status).toBe(409);
    const bad = await client.createUser({ body: { ...alice, email: 'x@example.com' }, header: { 'X-Request-Id': 'not-a-uuid' } });
    expect(bad.status).toBe(400);
    expect(bad.error.errors).toEqual([expect.objectContaining({ pointer: '/headers/X-Request-Id' })]);
  });

  it('listUsers: every query style, a header array and a cookie array, coerced', async () => {
    const result = await client.listUsers({
      query: {
        limit: 1,
        role: ['admin', 'member'],
        sort: ['-createdAt', 'name'],
        createdRange: { createdAfter: '2020-01-01T00:00:00Z' },
        filter: { team: 'core', status: 'active' },
        tags: ['red', 'blue'],
        fields: ['id', 'name'],
        search: 'a/b:c?d',
        where: { emailDomain: 'example.com', hasAvatar: false },
      },
      header: { 'X-Feature-Flags': ['beta', 'dark'] },
      cookie: { prefs: ['compact', 'dark'] },
    });
    expect(result.status).toBe(200);
    expect(result.data.items.map((u: any) => u.name)).toEqual(['Alice']);
    expect(result.response.headers.get('x-total-count')).toBe('1');
    expect(lastCall('listUsers').params).toEqual({
      path: {},
      query: {
        limit: 1,
        role: ['admin', 'member'],
        sort: ['-createdAt', 'name'],
        createdRange: { createdAfter: '2020-01-01T00:00:00Z' },
        filter: { team: 'core', status: 'active' },
        tags: ['red', 'blue'],
        fields: ['id', 'name'],
        search: 'a/b:c?d',
        where: { emailDomain: 'example.com', hasAvatar: false },
      },
      headers: { 'X-Feature-Flags': ['beta', 'dark'] },
      cookies: { prefs: ['compact', 'dark'] },
    });
  });

  it('listUsers: defaults applied, pagination via cursor, invalid values → 400 with query pointers', async () => {
    const first = await client.listUsers({});
    expect(first.status).toBe(200);
    expect(lastCall('listUsers').params.query.limit).toBe(20);
    const page = await client.listUsers({ query: { limit: 1 } });
    expect(page.data.nextCursor).toBe('1');
    expect(page.response.headers.get('link')).toContain('rel="next"');
    const bad = await client.listUsers({ query: { limit: 0, filter: { status: 'gone' }, sort: ['age'] } });
    expect(bad.status).toBe(400);
    expect(bad.error.errors.map((e: any) => e.pointer)).toEqual(expect.arrayContaining(['/query/limit', '/query/filter/status', '/query/sort/0']));
  });

  it('getUser: 200 with ETag, 404 problem, cookie parameter', async () => {
    const ok = await client.getUser({ path: { userId: 'u1' }, cookie: { locale: 'de-CH' } });
    expect(ok.status).toBe(200);
    expect(ok.data.email).toBe('alice@example.com');
    expect(ok.response.headers.get('etag')).toBe('"1"');
    expect(lastCall('getUser').params.cookies).toEqual({ locale: 'de-CH' });
    const missing = await client.getUser({ path: { userId: 'nobody' } });
    expect(missing.status).toBe(404);
    const badId = await client.getUser({ path: { userId: 'a b' } });
    expect(badId.status).toBe(400);
    expect(badId.error.errors[0].pointer).toBe('/path/userId');
  });

  it('bearer auth: missing → 401 with WWW-Authenticate, rejected → 401', async () => {
    const missing = await anonymous.getUser({ path: { userId: 'u1' } });
    expect(missing.status).toBe(401);
    expect(missing.response.headers.get('www-authenticate')).toContain('Bearer');
    const wrong = await (await service.load('generated/users/client.js')).createClient({ baseUrl: base, auth: { bearerAuth: 'stolen' } }).getUser({ path: { userId: 'u1' } });
    expect(wrong.status).toBe(401);
    expect(wrong.error.detail).toMatch(/rejected/);
  });

  it('updateUser: If-Match header, nullable type array, minProperties, 412', async () => {
    const ok = await client.updateUser({ path: { userId: 'u1' }, header: { 'If-Match': '"1"' }, body: { nickname: null, labels: { team: 'core' } } });
    expect(ok.status).toBe(200);
    expect(ok.data.nickname).toBeNull();
    const stale = await client.updateUser({ path: { userId: 'u1' }, header: { 'If-Match': '"1"' }, body: { name: 'A' } });
    expect(stale.status).toBe(412);
    const empty = await client.updateUser({ path: { userId: 'u1' }, body: {} });
    expect(empty.status).toBe(400);
    expect(empty.error.errors[0].pointer).toBe('/body');
  });

  it('uploadAvatar: multipart with a file and a JSON part; a missing file → 400 /body/file', async () => {
    const png = new Blob([new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10])], { type: 'image/png' });
    const ok = await client.uploadAvatar({ path: { userId: 'u1' }, body: { file: png, metadata: { alt: 'Alice', crop: { x: 0, y: 0, size: 8 } } } });
    expect(ok.status).toBe(200);
    expect(ok.data).toEqual({ url: 'https://cdn.example.com/avatars/u1.png', contentType: 'image/png', bytes: 8, alt: 'Alice' });
    expect(lastCall('uploadAvatar').body.metadata).toEqual({ alt: 'Alice', crop: { x: 0, y: 0, size: 8 } });
    const form = new FormData();
    form.set('metadata', JSON.stringify({ alt: 'x' }));
    const bad = await fetch(`${base}/users/u1/avatar`, { method: 'PUT', headers: { authorization: 'Bearer tok-alice' }, body: form });
    expect(bad.status).toBe(400);
    expect((await bad.json()).errors.map((e: any) => e.pointer)).toEqual(['/body/file']);
  });

  it('path styles: simple array, simple exploded object (+ header object), matrix object + form object, label array', async () => {
    const batch = await client.getUsersBatch({ path: { ids: ['u1', 'u2', 'zz'] } });
    expect(batch.data.map((u: any) => u.id)).toEqual(['u1', 'u2']);
    expect(lastCall('getUsersBatch').params.path).toEqual({ ids: ['u1', 'u2', 'zz'] });

    const attributes = await client.findUsersByAttributes({ path: { attributes: { team: 'edge', role: 'member' } }, header: { 'X-Client': { name: 'web', version: '5.2.0' } } });
    expect(attributes.data.map((u: any) => u.name)).toEqual(['Bob']);
    expect(lastCall('findUsersByAttributes').params).toMatchObject({ path: { attributes: { team: 'edge', role: 'member' } }, headers: { 'X-Client': { name: 'web', version: '5.2.0' } } });

    const nearby = await client.findNearbyUsers({ path: { location: { lat: 47.37, lon: 8.54 } }, query: { radius: { value: 5, unit: 'km' } } });
    expect(nearby.status).toBe(200);
    expect(lastCall('findNearbyUsers').params).toMatchObject({ path: { location: { lat: 47.37, lon: 8.54 } }, query: { radius: { value: 5, unit: 'km' } } });
    const far = await client.findNearbyUsers({ path: { location: { lat: 147, lon: 8 } } });
    expect(far.status).toBe(400);
    expect(far.error.errors[0].pointer).toBe('/path/location/lat');

    const team = await client.listTeamMembers({ path: { teamPath: ['eng', 'core'] } });
    expect(team.data.map((u: any) => u.name)).toEqual(['Alice']);
    expect(lastCall('listTeamMembers').params.path).toEqual({ teamPath: ['eng', 'core'] });
  });

  it('api keys: label array path + key in header or query; matrix array path + key in cookie', async () => {
    // label style, explode false: `.2026-01-01,2026-01-31` (RFC 6570 `{.period}`); sent with fetch because the
    // generated client (at the time of writing) joins non-exploded label arrays with `.`
    const report = await fetch(`${base}/reports/signups.2026-01-01,2026-01-31`, { headers: { 'x-api-key': 'key-123' } });
    expect(report.status).toBe(200);
    expect((await report.json()).from).toBe('2026-01-01');
    expect(lastCall('getSignupReport').params.path).toEqual({ period: ['2026-01-01', '2026-01-31'] });
    expect(lastCall('getSignupReport').auth).toEqual({ kind: 'apiKey', name: 'apiKeyHeader' });
    const byQuery = await fetch(`${base}/reports/signups.2026-01-01,2026-01-31?api_key=key-123`);
    expect(byQuery.status).toBe(200);
    expect(lastCall('getSignupReport').auth).toEqual({ kind: 'apiKey', name: 'apiKeyQuery' });
    const badDate = await fetch(`${base}/reports/signups.2026-01-01,soon?api_key=key-123`);
    expect(badDate.status).toBe(400);
    expect((await badDate.json()).errors[0].pointer).toBe('/path/period/1');
    const none = await anonymous.getSignupReport({ path: { period: ['2026-01-01', '2026-01-31'] } });
    expect(none.status).toBe(401);
    expect(none.response.headers.get('www-authenticate')).toContain('X-API-Key');

    const retention = await client.getRetentionReport({ path: { cohorts: ['2026-01', '2026-02'] } });
    expect(retention.status).toBe(200);
    expect(retention.data).toEqual({ '2026-01': [1, 0.5], '2026-02': [1, 0.5] });
    expect(lastCall('getRetentionReport').auth).toEqual({ kind: 'dashboard', name: 'dashboard' });
  });

  it('createSession: form-urlencoded body with a repeated field and a coerced boolean', async () => {
    const ok = await anonymous.createSession({ body: { username: 'alice', password: 'correct horse battery', scopes: ['read', 'write'], remember: true } });
    expect(ok.status).toBe(201);
    expect(ok.data.token).toBe('tok-alice');
    expect(lastCall('createSession').body).toEqual({ username: 'alice', password: 'correct horse battery', scopes: ['read', 'write'], remember: true });
    const wrong = await anonymous.createSession({ body: { username: 'alice', password: 'guess' } });
    expect(wrong.status).toBe(401);
    const missing = await fetch(`${base}/sessions`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'username=alice&remember=maybe' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors.map((e: any) => e.pointer).sort()).toEqual(['/body/password', '/body/remember']);
  });

  it('deleteUser: basic auth only (bearer → 401 Basic challenge), then 204 and 404', async () => {
    const bearerOnly = await (await service.load('generated/users/client.js')).createClient({ baseUrl: base, auth: { bearerAuth: 'tok-alice' } }).deleteUser({ path: { userId: 'u2' } });
    expect(bearerOnly.status).toBe(401);
    expect(bearerOnly.response.headers.get('www-authenticate')).toContain('Basic');
    expect((await client.deleteUser({ path: { userId: 'u2' } })).status).toBe(204);
    expect((await client.deleteUser({ path: { userId: 'u2' } })).status).toBe(404);
  });

  it('protocol errors are problem+json: 404, 405 + Allow, 415, 413, 406, broken JSON', async () => {
    const auth = { authorization: 'Bearer tok-alice' };
    const notFound = await fetch(`${base}/nothing/here`);
    expect([notFound.status, notFound.headers.get('content-type')]).toEqual([404, 'application/problem+json']);
    const notAllowed = await fetch(`${base}/users/u1`, { method: 'PUT', headers: auth });
    expect(notAllowed.status).toBe(405);
    expect(notAllowed.headers.get('allow')).toBe('DELETE, GET, HEAD, PATCH');
    const unsupported = await fetch(`${base}/users`, { method: 'POST', headers: { ...auth, 'content-type': 'text/plain' }, body: 'hi' });
    expect(unsupported.status).toBe(415);
    const tooLarge = await fetch(`${base}/users`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: JSON.stringify({ ...alice, name: 'x'.repeat(1_100_000) }) });
    expect(tooLarge.status).toBe(413);
    const notAcceptable = await fetch(`${base}/users/u1`, { headers: { ...auth, accept: 'text/html' } });
    expect(notAcceptable.status).toBe(406);
    const broken = await fetch(`${base}/users`, { method: 'POST', headers: { ...auth, 'content-type': 'application/json' }, body: '{"email":' });
    expect(broken.status).toBe(400);
    expect((await broken.json()).errors).toEqual([expect.objectContaining({ pointer: '/body', message: 'is not valid JSON' })]);
  });

  it('response validation: a handler answering off-spec → 500 naming the pointer (and onError is told)', async () => {
    const { createServer } = await service.load('generated/users/server.js');
    const reported: string[] = [];
    const broken = createServer(
      { ...app.handlers, getHealth: () => ({ status: 200, body: { status: 'sleepy' } }), getUser: () => ({ status: 200, body: { id: 'u1', email: 'a@example.com', name: 'A', role: 'admin', createdAt: '2026-01-01T00:00:00Z', password: 'leaked-secret!' } }) },
      { validateResponses: true, authenticate: () => ({ kind: 'user', name: 'x' }), onError: (e: Error) => reported.push(e.message) },
    );
    const health = await broken.handle(new Request('http://local/v1/health'));
    expect(health.status).toBe(500);
    expect((await health.json()).errors).toEqual([expect.objectContaining({ pointer: '/body/status' })]);
    const leak = await broken.handle(new Request('http://local/v1/users/u1', { headers: { authorization: 'Bearer x' } }));
    expect(leak.status).toBe(500);
    expect((await leak.json()).errors).toEqual([expect.objectContaining({ pointer: '/body/password', message: expect.stringMatching(/write-only/) })]);
    expect(reported).toHaveLength(2);
  });
});

describe('the same handlers through the other adapters', () => {
  const smoke = async (base: string) => {
    const { createClient } = await service.load('generated/users/client.js');
    const c = createClient({ baseUrl: base, auth: { bearerAuth: 'tok-alice' } });
    expect((await c.getHealth({})).status).toBe(200);
    const created = await c.createUser({ body: { ...alice, email: `${Math.random().toString(36).slice(2)}@example.com` } });
    expect(created.status).toBe(201);
    const got = await c.getUser({ path: { userId: created.data.id } });
    expect(got.data.id).toBe(created.data.id);
    const invalid = await c.createUser({ body: { email: 'nope' } });
    expect(invalid.status).toBe(400);
    expect(invalid.error.errors.map((e: any) => e.pointer)).toContain('/body/email');
    const png = new Blob([new Uint8Array([1, 2, 3])], { type: 'image/png' });
    const avatar = await c.uploadAvatar({ path: { userId: created.data.id }, body: { file: png, metadata: { alt: 'a' } } });
    expect(avatar.data.bytes).toBe(3);
    const nearby = await c.findNearbyUsers({ path: { location: { lat: 1, lon: 2 } } });
    expect(nearby.status).toBe(200);
  };

  it('Express 5 middleware (unknown paths fall through to Express)', async () => {
    const { createUsersApp } = await service.load('users-app.js');
    const expressApp = express();
    // the mount point takes the place of the spec's base path
    expressApp.use('/v1', toExpressMiddleware(createUsersApp().server));
    expressApp.get('/express-only', (_req, res) => void res.send('express'));
    const server = createHttpServer(expressApp);
    const url = await listen(server);
    try {
      await smoke(`${url}/v1`);
      expect(await (await fetch(`${url}/express-only`)).text()).toBe('express');
      expect((await fetch(`${url}/users`)).status).toBe(404);
    } finally {
      await close(server);
    }
  });

  it('Fastify 5 plugin', async () => {
    const { createUsersApp } = await service.load('users-app.js');
    const fastify = Fastify();
    await fastify.register(toFastifyPlugin(createUsersApp().server), { prefix: '/v1' });
    const url = await fastify.listen({ port: 0, host: '127.0.0.1' });
    try {
      await smoke(`${url}/v1`);
    } finally {
      await fastify.close();
    }
  });

  it('fetch handler inside Hono, served over node:http', async () => {
    const { createUsersApp } = await service.load('users-app.js');
    const handler = toFetchHandler(createUsersApp().server);
    const hono = new Hono();
    hono.all('*', (c) => handler(c.req.raw));
    // a minimal node → fetch bridge, so the client talks real HTTP to Hono
    const server = createHttpServer(async (req, res) => {
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      const body = chunks.length > 0 ? Buffer.concat(chunks) : undefined;
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) if (typeof value === 'string') headers.set(name, value);
      const response = await hono.fetch(new Request(`http://${req.headers.host}${req.url}`, { method: req.method, headers, body }));
      res.writeHead(response.status, Object.fromEntries(response.headers));
      res.end(Buffer.from(await response.arrayBuffer()));
    });
    const url = await listen(server);
    try {
      await smoke(`${url}/v1`);
    } finally {
      await close(server);
    }
  });
});
