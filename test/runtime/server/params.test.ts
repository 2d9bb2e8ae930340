import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { ParameterDefinition } from '../../../packages/runtime/src/server/definition.js';
import { compileParameter, Malformed, parseCookies, parseQuery, readCookie, readHeader, readPath, readQuery } from '../../../packages/runtime/src/server/params.js';
import type { Shape } from '../../../packages/runtime/src/server/schema.js';

const param = (p: Partial<ParameterDefinition> & Pick<ParameterDefinition, 'in'>, shape: Shape, properties: string[] = []) =>
  compileParameter({ name: 'p', ...p } as ParameterDefinition, shape, properties);

// The OpenAPI style examples (3.1 spec, "Style Examples"): color = blue | [blue, black, brown] | {R: 100, G: 200, B: 150}
describe('path styles (the OpenAPI style examples table)', () => {
  it.each([
    ['simple', false, 'primitive', 'blue', 'blue'],
    ['simple', false, 'array', 'blue,black,brown', ['blue', 'black', 'brown']],
    ['simple', true, 'array', 'blue,black,brown', ['blue', 'black', 'brown']],
    ['simple', false, 'object', 'R,100,G,200,B,150', { R: '100', G: '200', B: '150' }],
    ['simple', true, 'object', 'R=100,G=200,B=150', { R: '100', G: '200', B: '150' }],
    ['label', false, 'primitive', '.blue', 'blue'],
    ['label', false, 'array', '.blue,black,brown', ['blue', 'black', 'brown']],
    ['label', true, 'array', '.blue.black.brown', ['blue', 'black', 'brown']],
    ['label', false, 'object', '.R,100,G,200,B,150', { R: '100', G: '200', B: '150' }],
    ['label', true, 'object', '.R=100.G=200.B=150', { R: '100', G: '200', B: '150' }],
    ['matrix', false, 'primitive', ';p=blue', 'blue'],
    ['matrix', false, 'array', ';p=blue,black,brown', ['blue', 'black', 'brown']],
    ['matrix', true, 'array', ';p=blue;p=black;p=brown', ['blue', 'black', 'brown']],
    ['matrix', false, 'object', ';p=R,100,G,200,B,150', { R: '100', G: '200', B: '150' }],
    ['matrix', true, 'object', ';R=100;G=200;B=150', { R: '100', G: '200', B: '150' }],
    ['simple', false, 'primitive', 'a%2Fb%20c', 'a/b c'],
    ['simple', false, 'array', 'a%2Cb,c', ['a,b', 'c']],
  ] as const)('%s explode=%s %s: %s', (style, explode, shape, raw, expected) => {
    expect(readPath(param({ in: 'path', style, explode }, shape), raw)).toEqual(expected);
  });

  it('a label/matrix value without its prefix is malformed', () => {
    expect(readPath(param({ in: 'path', style: 'label' }, 'array'), 'a,b')).toBeInstanceOf(Malformed);
    expect(readPath(param({ in: 'path', style: 'matrix' }, 'primitive'), 'p=1')).toBeInstanceOf(Malformed);
    expect(readPath(param({ in: 'path', style: 'matrix' }, 'primitive'), ';q=1')).toBeInstanceOf(Malformed);
  });
});

describe('query styles', () => {
  const q = (text: string) => parseQuery(text);
  it.each([
    ['form', true, 'primitive', 'p=blue', 'blue'],
    ['form', true, 'array', 'p=blue&p=black&p=brown', ['blue', 'black', 'brown']],
    ['form', false, 'array', 'p=blue,black,brown', ['blue', 'black', 'brown']],
    ['form', false, 'object', 'p=R,100,G,200', { R: '100', G: '200' }],
    ['spaceDelimited', false, 'array', 'p=blue%20black%20brown', ['blue', 'black', 'brown']],
    ['spaceDelimited', false, 'array', 'p=blue+black', ['blue', 'black']],
    ['pipeDelimited', false, 'array', 'p=blue|black|brown', ['blue', 'black', 'brown']],
    ['pipeDelimited', false, 'array', 'p=blue%7Cblack', ['blue', 'black']],
    ['deepObject', true, 'object', 'p[R]=100&p[G]=200&other=1', { R: '100', G: '200' }],
    ['deepObject', true, 'object', 'p%5BR%5D=100', { R: '100' }],
    ['deepObject', true, 'object', 'p[a][b]=1&p[list][]=x&p[list][]=y', { a: { b: '1' }, list: ['x', 'y'] }],
    ['form', true, 'primitive', 'p=a%2Bb+c', 'a+b c'],
    ['form', true, 'primitive', 'other=1', undefined],
  ] as const)('%s explode=%s %s: %s', (style, explode, shape, text, expected) => {
    expect(readQuery(param({ in: 'query', style, explode }, shape), q(text), new Set(['p']))).toEqual(expected);
  });

  it('exploded form objects take their declared properties, or every query key no other parameter claims', () => {
    const declared = param({ in: 'query' }, 'object', ['R', 'G']);
    expect(readQuery(declared, q('R=1&G=2&B=3'), new Set(['R', 'G']))).toEqual({ R: '1', G: '2' });
    const free = param({ in: 'query' }, 'object', []);
    expect(readQuery(free, q('limit=1&x=a&y=b&y=c'), new Set(['limit']))).toEqual({ x: 'a', y: ['b', 'c'] });
  });

  it('content parameters carry JSON; broken JSON is malformed', () => {
    const json = param({ in: 'query', contentType: 'application/json' }, 'primitive');
    expect(readQuery(json, q(`p=${encodeURIComponent('{"a":[1,true]}')}`), new Set())).toEqual({ a: [1, true] });
    expect(readQuery(json, q('p=%7B'), new Set())).toBeInstanceOf(Malformed);
  });

  it('never writes __proto__ keys', () => {
    const deep = param({ in: 'query', style: 'deepObject' }, 'object');
    const value = readQuery(deep, q('p[__proto__][x]=1&p[ok]=1'), new Set()) as Record<string, unknown>;
    expect(Object.getPrototypeOf(value)).toBe(Object.prototype);
    expect(value).toEqual({ ok: '1' });
  });
});

describe('headers and cookies', () => {
  it.each([
    [false, 'primitive', ' blue ', 'blue'],
    [false, 'array', 'blue, black,brown', ['blue', 'black', 'brown']],
    [false, 'object', 'R,100,G,200', { R: '100', G: '200' }],
    [true, 'object', 'R=100, G=200', { R: '100', G: '200' }],
  ] as const)('header explode=%s %s: %s', (explode, shape, raw, expected) => {
    expect(readHeader(param({ in: 'header', explode }, shape), raw)).toEqual(expected);
  });

  it('parses the Cookie header (quoted and encoded values, first one wins) and reads form-style values', () => {
    const cookies = parseCookies('a=1; prefs=compact,dark; q="x%20y"; a=2');
    expect([...cookies]).toEqual([
      ['a', '1'],
      ['prefs', 'compact,dark'],
      ['q', 'x y'],
    ]);
    expect(readCookie(param({ in: 'cookie', explode: false }, 'array'), cookies.get('prefs')!)).toEqual(['compact', 'dark']);
    expect(readCookie(param({ in: 'cookie', explode: false }, 'object'), 'R,1,G,2')).toEqual({ R: '1', G: '2' });
  });
});

/** Reference serializer (RFC 6570 as OpenAPI uses it), written independently of the parser. */
function serializePath(style: 'simple' | 'label' | 'matrix', explode: boolean, name: string, value: string[] | Record<string, string>): string {
  const enc = encodeURIComponent;
  const isArray = Array.isArray(value);
  const items = isArray ? (value as string[]).map(enc) : Object.entries(value).map(([k, v]) => [enc(k), enc(v)] as const);
  if (style === 'simple') return isArray ? (items as string[]).join(',') : (items as (readonly [string, string])[]).map(([k, v]) => (explode ? `${k}=${v}` : `${k},${v}`)).join(',');
  if (style === 'label') {
    const sep = explode ? '.' : ',';
    return `.${isArray ? (items as string[]).join(sep) : (items as (readonly [string, string])[]).map(([k, v]) => (explode ? `${k}=${v}` : `${k},${v}`)).join(sep)}`;
  }
  if (isArray) return explode ? (items as string[]).map((v) => `;${name}=${v}`).join('') : `;${name}=${(items as string[]).join(',')}`;
  return explode ? (items as (readonly [string, string])[]).map(([k, v]) => `;${k}=${v}`).join('') : `;${name}=${(items as (readonly [string, string])[]).map(([k, v]) => `${k},${v}`).join(',')}`;
}

describe('round trip against a reference serializer (property)', () => {
  const text = fc.string({ minLength: 1, maxLength: 8, unit: fc.constantFrom(...'aZ09-_.~ ,;=/?&%+é€'.split('')) });
  const key = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,5}$/).filter((k) => k !== '__proto__');
  it('path arrays and objects in every style survive serialize → parse', () => {
    fc.assert(
      fc.property(
        fc.constantFrom('simple', 'label', 'matrix' as const),
        fc.boolean(),
        fc.oneof(fc.array(text, { minLength: 1, maxLength: 5 }), fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 })),
        (style, explode, value) => {
          const shape: Shape = Array.isArray(value) ? 'array' : 'object';
          const raw = serializePath(style as 'simple', explode, 'p', value as string[]);
          // reserved characters the separators use must not appear unencoded in values: encodeURIComponent keeps `.` and `~`
          fc.pre(!(style === 'label' && (Array.isArray(value) ? value : Object.entries(value).flat()).some((v) => v.includes('.'))));
          expect(readPath(param({ in: 'path', style, explode }, shape), raw)).toEqual(value);
        },
      ),
    );
  });

  it('query arrays survive form (both explodes), pipeDelimited and exploded deepObject', () => {
    fc.assert(
      fc.property(fc.array(text, { minLength: 1, maxLength: 5 }), fc.dictionary(key, text, { minKeys: 1, maxKeys: 4 }), (list, object) => {
        const enc = encodeURIComponent;
        const exploded = list.map((v) => `p=${enc(v)}`).join('&');
        expect(readQuery(param({ in: 'query' }, 'array'), parseQuery(exploded), new Set())).toEqual(list);
        expect(readQuery(param({ in: 'query', explode: false }, 'array'), parseQuery(`p=${list.map(enc).join(',')}`), new Set())).toEqual(list);
        expect(readQuery(param({ in: 'query', style: 'pipeDelimited', explode: false }, 'array'), parseQuery(`p=${list.map(enc).join('|')}`), new Set())).toEqual(list);
        const deep = Object.entries(object).map(([k, v]) => `p%5B${enc(k)}%5D=${enc(v)}`).join('&');
        expect(readQuery(param({ in: 'query', style: 'deepObject' }, 'object'), parseQuery(deep), new Set())).toEqual(object);
      }),
    );
  });
});
