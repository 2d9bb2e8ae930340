import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  serializeCookieParameter,
  serializeHeaderParameter,
  serializePathParameter,
  serializeQueryParameter,
  type ParameterMeta,
} from '../../../packages/runtime/src/client/params.js';
import { encodeReserved, encodeUnreserved } from '../../../packages/runtime/src/client/encode.js';

/**
 * OpenAPI 3.1.1 §4.8.12.4.2 "Style Examples", verbatim (`color` is "" — the `empty` column —, "blue",
 * ["blue","black","brown"] or { R: 100, G: 200, B: 150 }; `null` = n/a). 3.1.1 corrected 3.1.0's table
 * where it contradicted RFC 6570 (non-exploded label uses commas) and RFC 3986 (`|`, `[`, `]` encoded).
 * The `?` the table puts before query examples is the start of the query string, not part of the pair.
 */
const STYLE_TABLE: Array<[style: string, explode: boolean, empty: string | null, string: string | null, array: string | null, object: string | null]> = [
  ['matrix', false, ';color', ';color=blue', ';color=blue,black,brown', ';color=R,100,G,200,B,150'],
  ['matrix', true, ';color', ';color=blue', ';color=blue;color=black;color=brown', ';R=100;G=200;B=150'],
  ['label', false, '.', '.blue', '.blue,black,brown', '.R,100,G,200,B,150'],
  ['label', true, '.', '.blue', '.blue.black.brown', '.R=100.G=200.B=150'],
  ['simple', false, '', 'blue', 'blue,black,brown', 'R,100,G,200,B,150'],
  ['simple', true, '', 'blue', 'blue,black,brown', 'R=100,G=200,B=150'],
  ['form', false, '?color=', '?color=blue', '?color=blue,black,brown', '?color=R,100,G,200,B,150'],
  ['form', true, '?color=', '?color=blue', '?color=blue&color=black&color=brown', '?R=100&G=200&B=150'],
  ['spaceDelimited', false, null, null, '?color=blue%20black%20brown', '?color=R%20100%20G%20200%20B%20150'],
  ['spaceDelimited', true, null, null, null, null],
  ['pipeDelimited', false, null, null, '?color=blue%7Cblack%7Cbrown', '?color=R%7C100%7CG%7C200%7CB%7C150'],
  ['pipeDelimited', true, null, null, null, null],
  ['deepObject', false, null, null, null, null],
  ['deepObject', true, null, null, null, '?color%5BR%5D=100&color%5BG%5D=200&color%5BB%5D=150'],
];

const VALUES = { empty: '', string: 'blue', array: ['blue', 'black', 'brown'], object: { R: 100, G: 200, B: 150 } } as const;

/** Serialize `color` with a style where the table's location for it puts it (path for matrix/label/simple, query otherwise). */
function render(style: string, explode: boolean, value: unknown, location?: ParameterMeta['in']): string {
  const where = location ?? (style === 'matrix' || style === 'label' || style === 'simple' ? 'path' : 'query');
  const meta: ParameterMeta = { name: 'color', in: where, style, explode };
  if (where === 'path') return serializePathParameter(meta, value);
  if (where === 'header') return serializeHeaderParameter(meta, value) ?? '';
  if (where === 'cookie') return serializeCookieParameter(meta, value).join('; ');
  return serializeQueryParameter(meta, value).join('&');
}

describe('parameter styles: the OpenAPI 3.1 style examples table', () => {
  const cases = STYLE_TABLE.flatMap(([style, explode, ...cells]) =>
    (['empty', 'string', 'array', 'object'] as const).flatMap((column, i) =>
      cells[i] === null ? [] : [{ style, explode, column, expected: cells[i]! }],
    ),
  );
  it.each(cases)('$style explode=$explode, $column → $expected', ({ style, explode, column, expected }) => {
    const query = !['matrix', 'label', 'simple'].includes(style);
    expect(query ? `?${render(style, explode, VALUES[column])}` : render(style, explode, VALUES[column])).toBe(expected);
  });

  it('covers every cell the table defines', () => {
    expect(cases).toHaveLength(37);
  });

  it('header parameters use simple style, unencoded', () => {
    expect(render('simple', false, VALUES.array, 'header')).toBe('blue,black,brown');
    expect(render('simple', true, VALUES.object, 'header')).toBe('R=100,G=200,B=150');
    expect(render('simple', false, VALUES.object, 'header')).toBe('R,100,G,200,B,150');
    expect(() => render('simple', false, 'a\r\nSet-Cookie: x=1', 'header')).toThrow(/CR, LF or NUL/);
  });

  it('cookie parameters use form style, one pair per value when exploded', () => {
    expect(render('form', false, VALUES.array, 'cookie')).toBe('color=blue,black,brown');
    expect(render('form', true, VALUES.array, 'cookie')).toBe('color=blue; color=black; color=brown');
    expect(render('form', true, VALUES.object, 'cookie')).toBe('R=100; G=200; B=150');
    expect(render('form', true, 'a b;c', 'cookie')).toBe('color=a%20b%3Bc');
  });

  it('omits undefined values and empty arrays/objects (RFC 6570 §2.3)', () => {
    expect(serializeQueryParameter({ name: 'color', in: 'query' }, undefined)).toEqual([]);
    expect(serializeQueryParameter({ name: 'color', in: 'query' }, [])).toEqual([]);
    expect(serializeQueryParameter({ name: 'color', in: 'query', explode: false }, {})).toEqual([]);
    expect(serializeCookieParameter({ name: 'color', in: 'cookie' }, undefined)).toEqual([]);
    expect(serializeHeaderParameter({ name: 'color', in: 'header' }, undefined)).toBeUndefined();
  });

  it('encodes dates as ISO 8601 and booleans/numbers as text', () => {
    const when = new Date('2026-11-24T10:00:00.000Z');
    expect(serializeQueryParameter({ name: 'at', in: 'query' }, when)).toEqual(['at=2026-11-24T10%3A00%3A00.000Z']);
    expect(serializeQueryParameter({ name: 'on', in: 'query' }, [true, 0])).toEqual(['on=true', 'on=0']);
  });

  it('allowReserved keeps reserved characters and percent triples but not & = # +', () => {
    const meta: ParameterMeta = { name: 'q', in: 'query', allowReserved: true };
    expect(serializeQueryParameter(meta, 'a/b:c?d@e,f;g%41 h&i=j#k+l')).toEqual(['q=a/b:c?d@e,f;g%41%20h%26i%3Dj%23k%2Bl']);
    expect(serializeQueryParameter({ ...meta, allowReserved: false }, 'a/b:c%41')).toEqual(['q=a%2Fb%3Ac%2541']);
  });

  it('content-encoded parameters carry JSON', () => {
    const meta: ParameterMeta = { name: 'where', in: 'query', contentType: 'application/json' };
    expect(serializeQueryParameter(meta, { roles: ['admin'], hasAvatar: true })).toEqual([
      `where=${encodeUnreserved('{"roles":["admin"],"hasAvatar":true}')}`,
    ]);
    expect(serializeHeaderParameter({ name: 'X-Filter', in: 'header', contentType: 'application/json' }, { a: 1 })).toBe('{"a":1}');
  });

  it('deepObject nests objects and repeats array members', () => {
    expect(serializeQueryParameter({ name: 'f', in: 'query', style: 'deepObject', explode: true }, { a: { b: 'x y' }, c: [1, 2] })).toEqual([
      'f%5Ba%5D%5Bb%5D=x%20y',
      'f%5Bc%5D=1',
      'f%5Bc%5D=2',
    ]);
  });
});

describe('percent-encoding of hostile values', () => {
  const text = fc.string({ unit: 'grapheme', maxLength: 40 });

  it('unreserved encoding leaves only unreserved characters and %XX, and decodes back', () => {
    fc.assert(
      fc.property(text, (value) => {
        const encoded = encodeUnreserved(value);
        expect(encoded).toMatch(/^([A-Za-z0-9\-._~]|%[0-9A-F]{2})*$/);
        expect(decodeURIComponent(encoded)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('reserved encoding never emits a character that changes the query structure, and decodes back', () => {
    fc.assert(
      fc.property(text, (value) => {
        const encoded = encodeReserved(value);
        expect(encoded).not.toMatch(/[&=#+\s[\]]/);
        // a literal "%XX" in the value is kept, so only values without such triples decode back exactly
        if (!/%[0-9A-Fa-f]{2}/.test(value)) expect(decodeURIComponent(encoded)).toBe(value);
      }),
      { numRuns: 500 },
    );
  });

  it('path values round-trip through each path style', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), (items) => {
        const simple = serializePathParameter({ name: 'p', in: 'path' }, items);
        expect(simple.split(',').map(decodeURIComponent)).toEqual(items.map(String));
        const label = serializePathParameter({ name: 'p', in: 'path', style: 'label', explode: true }, items);
        expect(label.slice(1).split('.').map(decodeURIComponent)).toEqual(items);
        const matrix = serializePathParameter({ name: 'p', in: 'path', style: 'matrix', explode: true }, items);
        expect(matrix.split(';').slice(1).map((pair) => decodeURIComponent(pair.slice(2)))).toEqual(items);
        expect(simple + label + matrix).not.toMatch(/[/?#]/);
      }),
      { numRuns: 300 },
    );
  });

  it('query values round-trip through URLSearchParams for form, spaceDelimited and deepObject', () => {
    const key = fc.string({ unit: 'grapheme', minLength: 1, maxLength: 10 });
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 }), (items, object) => {
        const form = new URLSearchParams(serializeQueryParameter({ name: 'a', in: 'query' }, items).join('&'));
        expect(form.getAll('a')).toEqual(items);
        const spaced = new URLSearchParams(serializeQueryParameter({ name: 'a', in: 'query', style: 'spaceDelimited', explode: false }, items).join('&'));
        expect(spaced.getAll('a')).toEqual([items.join(' ')]);
        const deep = new URLSearchParams(serializeQueryParameter({ name: 'o', in: 'query', style: 'deepObject', explode: true }, object).join('&'));
        expect(Object.fromEntries([...deep].map(([k, v]) => [k.slice(2, -1), v]))).toEqual(object);
        const piped = new URLSearchParams(serializeQueryParameter({ name: 'a', in: 'query', style: 'pipeDelimited', explode: false }, items).join('&'));
        expect(piped.getAll('a')).toEqual([items.join('|')]);
      }),
      { numRuns: 300 },
    );
  });
});
