import { describe, expect, it } from 'vitest';
import { createServer, type ServiceDefinition } from '../../../packages/runtime/src/server/index.js';

const definition: ServiceDefinition = {
  openapi: '3.1',
  operations: [
    {
      id: 'upload',
      method: 'post',
      path: '/upload',
      requestBody: {
        required: true,
        content: {
          'multipart/form-data': {
            schema: {
              type: 'object',
              required: ['photo'],
              properties: {
                photo: { type: 'string', format: 'binary' },
                meta: { type: 'object', properties: { a: { type: 'integer' }, s: { type: 'string' }, list: { type: 'array', items: { type: 'string' } } } },
                items: { type: 'array', items: { type: 'object', properties: { n: { type: 'number' } } } },
                doc: { type: 'string', format: 'binary' },
                note: { type: 'string' },
                count: { type: 'integer', default: 1 },
              },
            },
            encoding: { photo: { contentType: 'image/*' }, doc: { contentType: 'application/pdf' }, meta: { contentType: 'application/json' } },
          },
        },
      },
      responses: { '200': { content: { 'application/json': {} } } },
    },
  ],
};
const server = createServer(definition, {
  upload: (input: any) => ({ status: 200, body: { photo: input.body.photo.type, meta: input.body.meta, items: input.body.items, note: input.body.note, count: input.body.count } }),
});
const png = () => new Blob([new Uint8Array([137, 80, 78, 71])], { type: 'image/png' });
const send = (build: (form: FormData) => void) => {
  const form = new FormData();
  build(form);
  return server.handle(new Request('http://h/upload', { method: 'POST', body: form }));
};

describe('multipart encoding', () => {
  it('a part with a Content-Type its encoding allows passes (exact or range); plain fields are coerced as form fields', async () => {
    const res = await send((f) => {
      f.append('photo', png(), 'p.png');
      f.append('note', 'hi');
      f.append('count', '3');
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ photo: 'image/png', note: 'hi', count: 3 });
    const svg = await send((f) => f.append('photo', new Blob(['<svg/>'], { type: 'image/svg+xml' }), 'p.svg'));
    expect(svg.status).toBe(200);
  });

  it('a file part with a Content-Type the encoding does not allow → 415 at that field', async () => {
    const res = await send((f) => f.append('photo', new Blob(['x'], { type: 'text/plain' }), 'p.txt'));
    expect(res.status).toBe(415);
    expect(await res.json()).toMatchObject({
      title: 'Unsupported Media Type',
      detail: 'the part photo has Content-Type text/plain; allowed: image/*',
      errors: [{ pointer: '/body/photo', message: 'has Content-Type text/plain; allowed: image/*' }],
    });
    const untyped = await send((f) => {
      f.append('photo', png(), 'p.png');
      f.append('doc', new Blob(['%PDF']), 'd.pdf'); // no type: application/octet-stream
    });
    expect(untyped.status).toBe(415);
    expect((await untyped.json()).errors[0].pointer).toBe('/body/doc');
  });

  it('JSON parts keep their types: {"a":1} is not coerced, {"a":"1"} against an integer is an error', async () => {
    const ok = await send((f) => {
      f.append('photo', png(), 'p.png');
      f.append('meta', new Blob([JSON.stringify({ a: 1, s: 'x', list: ['a'] })], { type: 'application/json' }), 'meta.json');
      f.append('items', JSON.stringify({ n: 1.5 }));
      f.append('items', JSON.stringify({ n: 2 }));
    });
    expect(ok.status).toBe(200);
    expect(await ok.json()).toMatchObject({ meta: { a: 1, s: 'x', list: ['a'] }, items: [{ n: 1.5 }, { n: 2 }] });
    const coerced = await send((f) => {
      f.append('photo', png(), 'p.png');
      f.append('meta', JSON.stringify({ a: '1', s: 2, list: 'a' }));
      f.append('items', JSON.stringify({ n: '3' }));
    });
    expect(coerced.status).toBe(400);
    expect((await coerced.json()).errors).toEqual([
      { pointer: '/body/meta/a', detail: 'must be number, not string (JSON parts are not coerced)', message: 'must be number, not string (JSON parts are not coerced)' },
      { pointer: '/body/meta/s', detail: 'must be string, not number (JSON parts are not coerced)', message: 'must be string, not number (JSON parts are not coerced)' },
      { pointer: '/body/meta/list', detail: 'must be array, not string (JSON parts are not coerced)', message: 'must be array, not string (JSON parts are not coerced)' },
      { pointer: '/body/items/0/n', detail: 'must be number, not string (JSON parts are not coerced)', message: 'must be number, not string (JSON parts are not coerced)' },
    ]);
  });
});
