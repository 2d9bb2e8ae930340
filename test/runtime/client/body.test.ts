import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { encodeBody, encodeFormUrlencoded, encodeMultipart } from '../../../packages/runtime/src/client/body.js';

async function readForm(encoded: { body: BodyInit; contentType: string }): Promise<FormData> {
  return new Request('http://parse.invalid/', { method: 'POST', headers: { 'content-type': encoded.contentType }, body: encoded.body }).formData();
}

async function rawText(encoded: { body: BodyInit }): Promise<string> {
  return new Response(encoded.body).text();
}

describe('application/x-www-form-urlencoded', () => {
  it('serializes each property per its Encoding Object', () => {
    const body = encodeFormUrlencoded(
      { id: 'f81d4fae', tags: ['a b', 'c'], sizes: ['s', 'm'], address: { city: 'Zürich', zip: '8000+1' }, filter: { team: 'core' }, url: 'https://x/y?z' },
      {
        sizes: { style: 'form', explode: false },
        address: { contentType: 'application/json' },
        filter: { style: 'deepObject', explode: true },
        url: { allowReserved: true },
      },
    );
    expect(body).toBe(
      'id=f81d4fae&tags=a%20b&tags=c&sizes=s,m' +
        '&address=%7B%22city%22%3A%22Z%C3%BCrich%22%2C%22zip%22%3A%228000%2B1%22%7D' +
        '&filter%5Bteam%5D=core&url=https://x/y?z',
    );
  });

  it('round-trips hostile keys and values through URLSearchParams', () => {
    const text = fc.string({ unit: 'grapheme', maxLength: 30 });
    fc.assert(
      fc.property(fc.dictionary(text.filter((k) => k.length > 0), text, { maxKeys: 5 }), (form) => {
        const parsed = new URLSearchParams(encodeFormUrlencoded(form));
        expect(Object.fromEntries(parsed)).toEqual({ ...form });
      }),
      { numRuns: 300 },
    );
  });
});

describe('multipart/form-data', () => {
  it('sends files as binary parts, objects as JSON parts without a file name, primitives as text', async () => {
    const encoded = encodeMultipart(
      {
        avatar: new File(['PNG'], 'a.png', { type: 'image/png' }),
        attachments: [new Blob(['one']), new Uint8Array([1, 2, 3])],
        metadata: { alt: 'Ann', tags: ['x'] },
        note: 'héllo',
        count: 3,
        skipped: undefined,
      },
      { attachments: { contentType: 'application/pdf' } },
      'BOUNDARY',
    );
    expect(encoded.contentType).toBe('multipart/form-data; boundary=BOUNDARY');
    const raw = await rawText(encoded);
    expect(raw).toContain('--BOUNDARY\r\nContent-Disposition: form-data; name="avatar"; filename="a.png"\r\nContent-Type: image/png\r\n\r\nPNG\r\n');
    expect(raw).toContain('Content-Disposition: form-data; name="attachments"; filename="attachments"\r\nContent-Type: application/pdf\r\n\r\none\r\n');
    expect(raw).toContain('--BOUNDARY\r\nContent-Disposition: form-data; name="metadata"\r\nContent-Type: application/json\r\n\r\n{"alt":"Ann","tags":["x"]}\r\n');
    expect(raw).toContain('--BOUNDARY\r\nContent-Disposition: form-data; name="note"\r\n\r\nhéllo\r\n');
    expect(raw).not.toContain('skipped');
    expect(raw.endsWith('--BOUNDARY--\r\n')).toBe(true);

    const form = await readForm(encoded);
    expect((form.get('avatar') as File).name).toBe('a.png');
    const attachments = form.getAll('attachments') as File[];
    expect(attachments).toHaveLength(2);
    expect([...new Uint8Array(await attachments[1]!.arrayBuffer())]).toEqual([1, 2, 3]);
    expect(JSON.parse(form.get('metadata') as string)).toEqual({ alt: 'Ann', tags: ['x'] });
    expect(form.get('note')).toBe('héllo');
    expect(form.get('count')).toBe('3');
  });

  it('keeps hostile field names and file names inside their parts', async () => {
    const text = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 20 });
    await fc.assert(
      fc.asyncProperty(text, text, text, async (name, filename, value) => {
        const encoded = encodeMultipart({ [name]: value, file: new File(['x'], filename) });
        const raw = await rawText(encoded);
        // exactly one part boundary per part plus the closing one: nothing in a name or value breaks out
        expect(raw.split(/\r\n--covenant-[0-9a-f-]+(?:--)?/).length).toBe(3);
        expect(raw).not.toMatch(/name="[^"\r\n]*[\r\n]/);
      }),
      { numRuns: 200 },
    );
  });
});

describe('other media types', () => {
  it('sends JSON, text and raw binary as they are', async () => {
    expect(encodeBody('application/merge-patch+json', { a: null })).toEqual({ body: '{"a":null}', contentType: 'application/merge-patch+json' });
    expect(encodeBody('text/csv', 'a,b')).toEqual({ body: 'a,b', contentType: 'text/csv' });
    const blob = new Blob(['raw'], { type: 'image/png' });
    const binary = encodeBody('image/*', blob);
    expect(binary.contentType).toBe('image/png');
    expect(await rawText(binary)).toBe('raw');
    expect(encodeBody('application/octet-stream', new Uint8Array([1])).contentType).toBe('application/octet-stream');
  });
});
