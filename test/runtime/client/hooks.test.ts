/** Hooks over a real loopback server: order, replacing requests and responses, answering, recovering. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClientCall, type ClientApi } from '../../../packages/runtime/src/client/call.js';
import type { ClientHooks } from '../../../packages/runtime/src/client/hooks.js';
import { retry } from '../../../packages/runtime/src/client/retry.js';
import { closedPort, startLoopback, type Loopback } from './loopback.js';

const API: ClientApi = {
  servers: [],
  securitySchemes: {},
  operations: {
    getThing: { id: 'things/get', method: 'GET', path: '/things/{id}', parameters: [{ name: 'id', in: 'path', style: 'simple', explode: false }], security: [], responses: { '200': ['application/json'], '503': [] } },
    addThing: { id: 'things/add', method: 'POST', path: '/things', parameters: [], body: { required: true, content: { 'application/json': {} } }, security: [], responses: { '200': ['application/json'], '201': ['application/json'] } },
  },
};

let server: Loopback;
beforeAll(async () => {
  server = await startLoopback();
  server.reply((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, tag: req.headers['x-tag'] ?? null, body: req.body })));
});
afterAll(() => server.close());

/** A hook that writes its name into a shared log. */
const logging = (name: string, log: string[]): ClientHooks => ({
  onRequest: () => void log.push(`${name}.request`),
  onResponse: () => void log.push(`${name}.response`),
  onError: () => void log.push(`${name}.error`),
});

describe('hooks', () => {
  it('nest like layers: onRequest first to last, onResponse last to first; call hooks run inside the client’s', async () => {
    const log: string[] = [];
    const call = createClientCall(API, { baseUrl: server.url, hooks: [logging('a', log), logging('b', log)] });
    await call('getThing', { path: { id: '1' } }, { hooks: [logging('c', log)] });
    expect(log).toEqual(['a.request', 'b.request', 'c.request', 'c.response', 'b.response', 'a.response']);
  });

  it('tell each hook the operation, operationId, path template and attempt', async () => {
    const seen: unknown[] = [];
    const call = createClientCall(API, { baseUrl: server.url, hooks: [{ onRequest: ({ operation, operationId, path, attempt, request }) => void seen.push({ operation, operationId, path, attempt, url: request.url, method: request.method }) }] });
    await call('getThing', { path: { id: 'x y' } });
    expect(seen).toEqual([{ operation: 'getThing', operationId: 'things/get', path: '/things/{id}', attempt: 1, url: `${server.url}/things/x%20y`, method: 'GET' }]);
  });

  it('send the Request an onRequest returns (the next hooks see it), body included', async () => {
    const call = createClientCall(API, {
      baseUrl: server.url,
      hooks: [
        { onRequest: ({ request }) => new Request(request, { headers: { ...Object.fromEntries(request.headers), 'x-tag': 'signed' } }) },
        { onRequest: ({ request }) => void expect(request.headers.get('x-tag')).toBe('signed') },
      ],
    });
    const result = await call('addThing', { body: { name: 'n' } });
    expect(result.ok && result.data).toEqual({ url: '/things', tag: 'signed', body: '{"name":"n"}' });
  });

  it('answer without sending when onRequest returns a Response; only the outer hooks see it', async () => {
    const before = server.requests.length;
    const log: string[] = [];
    const cached = { onRequest: () => Response.json({ cached: true }), onResponse: () => void log.push('cache.response') };
    const call = createClientCall(API, { baseUrl: server.url, hooks: [logging('outer', log), cached, logging('inner', log)] });
    const result = await call('getThing', { path: { id: '1' } });
    expect(result.ok && result.data).toEqual({ cached: true });
    expect(server.requests.length).toBe(before);
    expect(log).toEqual(['outer.request', 'outer.response']);
  });

  it('replace the response with the Response an onResponse returns', async () => {
    const call = createClientCall(API, { baseUrl: server.url, hooks: [{ onResponse: async ({ response }) => Response.json({ wrapped: await response.json() }) }] });
    const result = await call('getThing', { path: { id: '7' } });
    expect(result.ok && result.data).toEqual({ wrapped: { url: '/things/7', tag: null, body: '' } });
  });

  it('recover from a failed send with a Response from onError, or replace the error', async () => {
    const url = await closedPort();
    const offline = createClientCall(API, { baseUrl: url, hooks: [{ onError: () => Response.json({ offline: true }) }] });
    const result = await offline('getThing', { path: { id: '1' } });
    expect(result.ok && result.data).toEqual({ offline: true });

    class Offline extends Error {}
    const replaced = createClientCall(API, { baseUrl: url, hooks: [{ onError: ({ error }) => new Offline(`offline: ${(error as Error).message}`) }] });
    await expect(replaced('getThing', { path: { id: '1' } })).rejects.toBeInstanceOf(Offline);
  });

  it('see an exception thrown by a hook in onError, and otherwise let it through', async () => {
    const log: string[] = [];
    const call = createClientCall(API, { baseUrl: server.url, hooks: [logging('outer', log), { onRequest: () => { throw new Error('no token'); } }] });
    await expect(call('getThing', { path: { id: '1' } })).rejects.toThrow('no token');
    expect(log).toEqual(['outer.request', 'outer.error']);
  });

  it('run again for every attempt of a retried call', async () => {
    const attempts: number[] = [];
    const before = server.requests.length;
    server.reply((req, res) => (server.requests.length - before <= 3 ? res.writeHead(503).end() : res.writeHead(200, { 'content-type': 'application/json' }).end('{}')));
    try {
      const call = createClientCall(API, { baseUrl: server.url, retry: retry({ retries: 3, minDelay: 1, maxDelay: 1 }), hooks: [{ onResponse: ({ attempt, response }) => void attempts.push(attempt * 1000 + response.status) }] });
      expect((await call('getThing', { path: { id: '1' } })).status).toBe(200);
      expect(attempts).toEqual([1503, 2503, 3503, 4200]);
    } finally {
      server.reply((req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ url: req.url, tag: req.headers['x-tag'] ?? null, body: req.body })));
    }
  });
});
