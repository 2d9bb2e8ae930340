import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { parseSource, locateInJson, LineIndex } from '../../src/spec/source.js';

describe('parseSource', () => {
  it('locates YAML keys by pointer', () => {
    const src = parseSource('a.yaml', 'openapi: 3.1.0\npaths:\n  /users:\n    get:\n      operationId: list\n');
    expect(src.locate(['paths', '/users', 'get', 'operationId'])).toEqual({ line: 5, column: 7 });
    expect(src.locate(['paths', '/users', 'post'])).toEqual({ line: 3, column: 3 });
  });

  it('reports malformed YAML with line and column', () => {
    expect(() => parseSource('bad.yaml', 'a: [1, 2\nb: 3\n')).toThrowError(/invalid YAML/);
    try {
      parseSource('bad.yaml', 'a:\n  b: 1\n c: 2\n');
    } catch (error) {
      expect((error as { toLine(): string }).toLine()).toMatch(/^bad\.yaml:\d+:\d+: invalid YAML/);
    }
  });

  it('locates JSON keys lazily and reports JSON syntax errors', () => {
    const text = '{\n  "a": {"b": [1, {"c": "x\\"}"}]},\n  "d": 2\n}';
    const src = parseSource('a.json', text);
    expect(src.locate(['d'])).toEqual({ line: 3, column: 3 });
    expect(src.locate(['a', 'b', 1, 'c'])).toEqual({ line: 2, column: 19 });
    expect(() => parseSource('b.json', '{"a": }')).toThrowError(/invalid JSON/);
  });

  it('finds every key of random JSON at the offset where it is written', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.string({ minLength: 1 }), fc.jsonValue(), { minKeys: 1 }), (object) => {
        const text = JSON.stringify(object, null, 1);
        for (const key of Object.keys(object)) {
          const offset = locateInJson(text, [key]);
          expect(text.slice(offset, offset + JSON.stringify(key).length)).toBe(JSON.stringify(key));
        }
      }),
    );
  });

  it('maps offsets to 1-based lines and columns', () => {
    const index = new LineIndex('ab\ncd\n\nx');
    expect(index.position(0)).toEqual({ line: 1, column: 1 });
    expect(index.position(4)).toEqual({ line: 2, column: 2 });
    expect(index.position(7)).toEqual({ line: 4, column: 1 });
  });
});

describe('JsonOffsetIndex', () => {
  it('agrees with a scan from the top for every pointer of random JSON', async () => {
    const { JsonOffsetIndex } = await import('../../src/spec/source.js');
    const pointers = (value: unknown, prefix: (string | number)[] = []): (string | number)[][] => {
      if (value === null || typeof value !== 'object') return [prefix];
      const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
      return [prefix, ...entries.flatMap(([k, v]) => pointers(v, [...prefix, k]))];
    };
    fc.assert(
      fc.property(fc.jsonValue(), fc.integer({ min: 0, max: 2 }), (value, indent) => {
        const text = JSON.stringify(value, null, indent);
        const index = new JsonOffsetIndex(text);
        for (const p of [...pointers(value), ['missing'], [0, 'nope']]) {
          expect(index.locate(p)).toBe(locateInJson(text, p));
        }
      }),
    );
  });
});
