import { createServer as createHttpServer, request as httpRequest } from 'node:http';
import type { AddressInfo } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createServer, toNodeHandler, validatorPlan, type ServiceDefinition } from '../../../packages/runtime/src/server/index.js';

const definition: ServiceDefinition = {
  openapi: '3.1',
  operations: [
    {
      id: 'echo',
      method: 'post',
      path: '/echo/{n}',
      parameters: [
        { name: 'n', in: 'path', required: true, schema: { type: 'integer' } },
        { name: 'flag', in: 'query', schema: { type: 'boolean', default: false } },
      ],
      requestBody: {
        required: true,
        content: {
          'application/json': { schema: { type: 'object', required: ['a'], properties: { a: { type: 'string' } } } },
          'text/plain': { schema: { type: 'string', maxLength: 5 } },
          'application/octet-stream': {},
        },
      },
      responses: { '200': { content: { 'application/json': { schema: { type: 'object' } } } }, '4XX': { content: { 'application/problem+json': {} } } },
    },
    {
      id: 'secret',
      method: 'get',
      path: '/secret',
      security: [{ key: [], token: [] }, { basic: [] }],
      responses: { '200': { content: { 'text/plain': {} } } },
    },
    {
      id: 'maybe',
      method: 'get',
      path: '/maybe',
      security: [{ token: [] }, {}],
      responses: { '204': {} },
    },
    { id: 'boom', method: 'get', path: '/boom', responses: { '200': {} } },
  ],
  schemas: {},
  securitySchemes: { key: { type: 'apiKey', in: 'header', name: 'X-Key' }, token: { type: 'http', scheme: 'bearer' }, basic: { type: 'http', scheme: 'basic' } },
};

const seen: any[] = [];
const handlers = {
  echo: (input: any) => {
    seen.push(input);
    return { status: 200, body: { params: input.params, contentType: input.contentType, size: input.body instanceof Uint8Array ? input.body.length : undefined } };
  },
  secret: (input: any) => ({ status: 200, body: `hello ${JSON.stringify(input.auth)}` }),
  maybe: (input: any) => ({ status: 204, headers: { 'x-auth': input.auth === undefined ? 'anonymous' : 'user' } }),
  boom: () => {
    throw new Error('kaput');
  },
};
const errors: unknown[] = [];
const server = createServer(definition, handlers, {
  bodyLimit: 64,
  onError: (e) => errors.push(e),
  authenticate: ({ credentials }) => {
    if (credentials.some((c) => c.token === 'bad' || c.password === 'bad')) return false;
    return credentials.map((c) => `${c.scheme}:${c.key ?? c.token ?? c.username}`).join('+');
  },
});
const call = (path: string, init: RequestInit = {}) => server.handle(new Request(`http://test${path}`, init));

describe('server core (fetch entry point)', () => {
  it('routes, coerces path/query, applies defaults, picks the body media type', async () => {
    const json = await call('/echo/7', { method: 'POST', headers: { 'content-type': 'application/json; charset=utf-8' }, body: '{"a":"x"}' });
    expect(json.status).toBe(200);
    expect(await json.json()).toEqual({ params: { path: { n: 7 }, query: { flag: false }, headers: {}, cookies: {} }, contentType: 'application/json' });
    const text = await call('/echo/7?flag=true', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'hey' });
    expect(seen.at(-1).body).toBe('hey');
    expect(seen.at(-1).params.query.flag).toBe(true);
    expect(text.status).toBe(200);
    const bytes = await call('/echo/7', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: new Uint8Array([1, 2, 3]) });
    expect((await bytes.json()).size).toBe(3);
  });

  it('400s carry pointers for path, query and body', async () => {
    const r = await call('/echo/x?flag=maybe', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'too long' });
    expect(r.status).toBe(400);
    const body = await r.json();
    expect(body.errors.map((e: any) => e.pointer)).toEqual(['/path/n', '/query/flag']);
    const b = await call('/echo/1', { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'too long' });
    expect((await b.json()).errors).toEqual([{ pointer: '/body', detail: 'must NOT have more than 5 characters', message: 'must NOT have more than 5 characters' }]);
    const missing = await call('/echo/1', { method: 'POST' });
    expect(missing.status).toBe(400);
    expect((await missing.json()).errors).toEqual([expect.objectContaining({ pointer: '/body', message: 'is required' })]);
  });

  it('415 for an undocumented or missing Content-Type, 413 past the limit (declared or streamed)', async () => {
    expect((await call('/echo/1', { method: 'POST', headers: { 'content-type': 'application/xml' }, body: '<a/>' })).status).toBe(415);
    expect((await call('/echo/1', { method: 'POST', body: new Uint8Array([1]) })).status).toBe(415);
    expect((await call('/echo/1', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ a: 'x'.repeat(100) }) })).status).toBe(413);
    const stream = new ReadableStream<Uint8Array>({
      start(controller) {
        for (let i = 0; i < 10; i++) controller.enqueue(new Uint8Array(10));
        controller.close();
      },
    });
    const streamed = await call('/echo/1', { method: 'POST', headers: { 'content-type': 'application/octet-stream' }, body: stream, duplex: 'half' } as RequestInit);
    expect(streamed.status).toBe(413);
    expect(streamed.headers.get('content-type')).toBe('application/problem+json');
  });

  it('security: all schemes of an alternative together, then the next alternative; anonymous alternative', async () => {
    expect(await (await call('/secret', { headers: { 'x-key': 'k1', authorization: 'Bearer t1' } })).text()).toBe('hello "key:k1+token:t1"');
    const onlyKey = await call('/secret', { headers: { 'x-key': 'k1' } });
    expect(onlyKey.status).toBe(401);
    expect(onlyKey.headers.get('www-authenticate')).toBe('ApiKey realm="api", in="header", name="X-Key", Bearer realm="api", Basic realm="api", charset="UTF-8"');
    const basic = await call('/secret', { headers: { authorization: `Basic ${Buffer.from('ann:pw:with:colons').toString('base64')}` } });
    expect(await basic.text()).toBe('hello "basic:ann"');
    const rejected = await call('/secret', { headers: { authorization: `Basic ${Buffer.from('ann:bad').toString('base64')}` } });
    expect([rejected.status, (await rejected.json()).detail]).toEqual([401, 'the credentials were rejected']);
    expect((await call('/maybe')).headers.get('x-auth')).toBe('anonymous');
    expect((await call('/maybe', { headers: { authorization: 'Bearer t' } })).headers.get('x-auth')).toBe('user');
    expect((await call('/maybe', { headers: { authorization: 'Bearer bad' } })).status).toBe(401);
  });

  it('406 when Accept admits none of the documented types; q=0 excludes', async () => {
    expect((await call('/secret', { headers: { 'x-key': 'k', authorization: 'Bearer t', accept: 'application/json' } })).status).toBe(406);
    expect((await call('/secret', { headers: { 'x-key': 'k', authorization: 'Bearer t', accept: 'text/*' } })).status).toBe(200);
    expect((await call('/secret', { headers: { 'x-key': 'k', authorization: 'Bearer t', accept: 'text/plain;q=0, */*;q=0' } })).status).toBe(406);
  });

  it('a throwing handler → 500 problem (no detail leaked), reported to onError; HEAD answers GET without a body', async () => {
    const r = await call('/boom');
    expect(r.status).toBe(500);
    expect(JSON.stringify(await r.json())).not.toContain('kaput');
    expect(String(errors.at(-1))).toContain('kaput');
    const head = await call('/secret', { method: 'HEAD', headers: { 'x-key': 'k', authorization: 'Bearer t' } });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('startup checks: every operation needs a handler, secured specs need authenticate', () => {
    expect(() => createServer(definition, { echo: handlers.echo }, { authenticate: () => true })).toThrow(/no handler for operation\(s\) secret, maybe, boom/);
    expect(() => createServer(definition, handlers)).toThrow(/requires credentials: pass options.authenticate/);
  });

  it('response validation: undocumented status and undocumented body are 500 with pointers', async () => {
    const strict = createServer(
      { openapi: '3.1', operations: [{ id: 'x', method: 'get', path: '/x', parameters: [{ name: 's', in: 'query', schema: { type: 'integer' } }], responses: { '200': { content: { 'application/json': { schema: { type: 'object', required: ['id'] } } } }, '204': {} } }] },
      { x: ({ params }: any) => (params.query.s === 204 ? { status: 204, body: { no: 1 } } : params.query.s ? { status: params.query.s, body: {} } : { status: 200, body: {} }) },
      { validateResponses: true, onError: () => {} },
    );
    const get = async (q: string) => (await strict.handle(new Request(`http://t/x${q}`))).json();
    expect((await get('')).errors).toEqual([{ pointer: '/body/id', detail: 'is required', message: 'is required' }]);
    expect((await get('?s=201')).errors[0].pointer).toBe('/status');
    expect((await get('?s=204')).errors[0]).toMatchObject({ pointer: '/body', message: 'status 204 documents no body' });
  });
});

describe('precompiled validators', () => {
  const small: ServiceDefinition = { openapi: '3.1', operations: [{ id: 'x', method: 'get', path: '/x/{n}', parameters: [{ name: 'n', in: 'path', required: true, schema: { type: 'integer' } }], responses: { '204': {} } }] };
  const refuse = Object.assign(() => false, { errors: [{ instancePath: '/path/n', keyword: 'x', params: {}, schemaPath: '', message: 'refused by the precompiled validator' }] });

  it('are used when their keys match the plan of this runtime', async () => {
    const keys = validatorPlan(small).map((need) => need.key);
    expect(keys).toEqual(['params x']);
    const s = createServer({ ...small, validators: { keys, functions: { v0: refuse } } }, { x: () => ({ status: 204 }) });
    expect((await (await s.handle(new Request('http://t/x/1'))).json()).errors[0].message).toBe('refused by the precompiled validator');
  });

  it('compile on first use by default, and all in createServer with compileValidators: startup', async () => {
    const broken: ServiceDefinition = { ...small, operations: [{ ...small.operations[0]!, parameters: [{ name: 'n', in: 'path', required: true, schema: { $ref: '#/components/schemas/Missing' } }] }] };
    const s = createServer(broken, { x: () => ({ status: 204 }) }, { onError: () => {} });
    expect((await s.handle(new Request('http://t/x/1'))).status).toBe(500);
    expect(() => createServer(broken, { x: () => ({ status: 204 }) }, { compileValidators: 'startup' })).toThrow(/missing from the server definition/);
    const eager = createServer(small, { x: () => ({ status: 204 }) }, { compileValidators: 'startup' });
    expect((await eager.handle(new Request('http://t/x/1'))).status).toBe(204);
    expect((await eager.handle(new Request('http://t/x/one'))).status).toBe(400);
  });

  it('are ignored (validators compiled by the runtime instead) when the keys differ, e.g. code from another covenant version', async () => {
    const s = createServer({ ...small, validators: { keys: ['params y'], functions: { v0: refuse } } }, { x: () => ({ status: 204 }) });
    expect((await s.handle(new Request('http://t/x/1'))).status).toBe(204);
    expect((await s.handle(new Request('http://t/x/one'))).status).toBe(400);
  });
});

describe('node adapter', () => {
  it('a body another middleware already read → 500 and a clear onError message, not a hanging request', async () => {
    const handle = toNodeHandler(server);
    const http = createHttpServer((req, res) => {
      req.on('data', () => {});
      req.on('end', () => handle(req, res));
    });
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    try {
      const r = await fetch(`http://127.0.0.1:${(http.address() as AddressInfo).port}/echo/1`, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: 'abc' });
      expect(r.status).toBe(500);
      expect(String(errors.at(-1))).toMatch(/already read by another middleware/);
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });

  it('streams a chunked body and stops reading past the limit with a 413', async () => {
    const http = createHttpServer(toNodeHandler(server));
    await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
    const port = (http.address() as AddressInfo).port;
    try {
      const send = (chunks: string[]) =>
        new Promise<{ status: number; body: string }>((resolve, reject) => {
          const req = httpRequest({ host: '127.0.0.1', port, method: 'POST', path: '/echo/3', headers: { 'content-type': 'text/plain', 'transfer-encoding': 'chunked' } }, (res) => {
            let body = '';
            res.setEncoding('utf8');
            res.on('data', (c) => (body += c));
            res.on('end', () => resolve({ status: res.statusCode!, body }));
          });
          req.on('error', reject);
          for (const chunk of chunks) req.write(chunk);
          req.end();
        });
      expect((await send(['ab', 'c'])).status).toBe(200);
      expect(seen.at(-1).body).toBe('abc');
      const big = await send(Array.from({ length: 20 }, () => 'x'.repeat(10)));
      expect(big.status).toBe(413);
      expect(JSON.parse(big.body).title).toBe('Content Too Large');
    } finally {
      await new Promise((resolve) => http.close(resolve));
    }
  });
});
