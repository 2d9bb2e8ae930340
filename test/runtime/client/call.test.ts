/** The transport's own rules, through its `fetch` option (the HTTP round trips are in test/gen/client). */
import { describe, expect, it } from 'vitest';
import { createClientCall, type ClientApi } from '../../../packages/runtime/src/client/call.js';
import { declaredMediaType, declaredStatus, readResponseHeaders } from '../../../packages/runtime/src/client/response.js';

interface Sent {
  url: string;
  init: RequestInit & { headers: Record<string, string> };
}

function capture(reply: () => Response = () => new Response(null, { status: 204 })) {
  const sent: Sent[] = [];
  const fetch = (async (url: string, init: Sent['init']) => {
    sent.push({ url, init });
    return reply();
  }) as unknown as typeof globalThis.fetch;
  return { sent, fetch };
}

const API: ClientApi = {
  servers: ['https://api.example.test/v2/'],
  securitySchemes: {},
  operations: {
    upload: {
      id: 'upload',
      method: 'POST',
      path: '/files/{name}',
      parameters: [{ name: 'name', in: 'path', style: 'simple', explode: false }],
      body: { required: true, content: { 'application/json': {}, 'text/plain': {}, 'application/octet-stream': {} } },
      security: [],
      responses: { '204': [], '4XX': ['application/problem+json'] },
    },
  },
};

describe('createClientCall', () => {
  it('defaults to the first server, without doubling slashes', async () => {
    const { sent, fetch } = capture();
    await createClientCall(API, { fetch })('upload', { path: { name: 'a b' }, body: { x: 1 } });
    expect(sent[0]!.url).toBe('https://api.example.test/v2/files/a%20b');
    expect(sent[0]!.init.headers['content-type']).toBe('application/json');
    expect(sent[0]!.init.body).toBe('{"x":1}');
  });

  it('picks the request media type from `contentType`, and refuses undeclared ones', async () => {
    const { sent, fetch } = capture();
    const call = createClientCall(API, { fetch, baseUrl: 'http://localhost:1' });
    await call('upload', { path: { name: 'n' }, contentType: 'text/plain', body: 'hello' });
    expect(sent[0]!.init.headers['content-type']).toBe('text/plain');
    expect(sent[0]!.init.body).toBe('hello');
    await expect(call('upload', { path: { name: 'n' }, contentType: 'image/png', body: 'x' })).rejects.toThrow(/content type "image\/png" is not one of/);
  });

  it('refuses a missing required body or path parameter before sending anything', async () => {
    const { sent, fetch } = capture();
    const call = createClientCall(API, { fetch });
    await expect(call('upload', { path: { name: 'n' } })).rejects.toThrow('upload: a request body is required');
    await expect(call('upload', { body: 1 })).rejects.toThrow('upload: path parameter "name" is required');
    expect(sent).toEqual([]);
  });

  it('asks for a base URL when the spec only has a relative server', async () => {
    const { fetch } = capture();
    const call = createClientCall({ ...API, servers: ['/v2'] }, { fetch });
    await expect(call('upload', { path: { name: 'n' }, body: 1 })).rejects.toThrow(/no absolute base URL \(the spec's first server is "\/v2"\); pass baseUrl/);
  });

  it('merges default headers (static or per request) with per-call ones, per-call winning', async () => {
    const { sent, fetch } = capture();
    let n = 0;
    const call = createClientCall(API, { fetch, headers: () => ({ 'X-Trace': `t${++n}`, 'X-App': 'a' }) });
    await call('upload', { path: { name: 'n' }, body: 1 }, { headers: { 'x-app': 'override' } });
    await call('upload', { path: { name: 'n' }, body: 1 });
    expect(sent.map((s) => [s.init.headers['x-trace'], s.init.headers['x-app']])).toEqual([['t1', 'override'], ['t2', 'a']]);
    expect(sent[0]!.init.headers.accept).toBe('application/problem+json');
  });

  it('matches statuses exactly, then by range, then default', () => {
    const responses = { '200': [], '2XX': [], '404': [], default: [] };
    expect([200, 201, 404, 500].map((s) => declaredStatus(responses, s))).toEqual(['200', '2XX', '404', 'default']);
    expect(declaredStatus({ '200': [] }, 500)).toBeUndefined();
    expect(declaredMediaType(['application/json', 'image/*'], 'image/png; q=1')).toBe('image/*');
    expect(declaredMediaType(['application/json'], 'Application/JSON; charset=utf-8')).toBe('application/json');
    expect(declaredMediaType(['application/json'], 'text/html')).toBeUndefined();
  });

  it('reads declared response headers as their schema types (simple style)', () => {
    const headers = new Headers({
      'x-count': '12',
      'x-ratio': '0.5',
      'x-flag': 'false',
      'x-list': '1, 2,x',
      'x-pairs': 'a=1,b=2',
      'x-flat': 'a,1,b,2',
      'x-json': '{"a":[1]}',
      'x-bad-number': 'many',
      'x-extra': 'not declared',
    });
    const declared = {
      'X-Count': { type: 'integer' },
      'X-Ratio': { type: 'number' },
      'X-Flag': { type: 'boolean' },
      'X-List': { type: 'array', items: 'integer' },
      'X-Pairs': { type: 'object', explode: true },
      'X-Flat': { type: 'object' },
      'X-Json': { json: true },
      'X-Bad-Number': { type: 'integer' },
      'X-Missing': {},
    };
    expect({ ...readResponseHeaders(declared, headers) }).toEqual({
      'X-Count': 12,
      'X-Ratio': 0.5,
      'X-Flag': false,
      'X-List': [1, 2, 'x'],
      'X-Pairs': { a: '1', b: '2' },
      'X-Flat': { a: '1', b: '2' },
      'X-Json': { a: [1] },
      'X-Bad-Number': 'many',
    });
  });
});
