import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { arbitraryFor, validatorFor, violationsFor, type SchemaDataOptions } from '../../src/schema-data/index.js';

const users = parse(readFileSync(new URL('../../specs/users.openapi.yaml', import.meta.url), 'utf8'));
const components = users.components.schemas as Record<string, unknown>;

/** Schemas exercising each keyword family, beside every schema of the users demo. */
const CASES: Array<[string, unknown, SchemaDataOptions?]> = [
  ['bounded integer', { type: 'integer', minimum: -3, maximum: 7 }],
  ['exclusive number 3.1', { type: 'number', exclusiveMinimum: 0, exclusiveMaximum: 1 }],
  ['exclusive number 3.0', { type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 10, exclusiveMaximum: true }, { version: '3.0' }],
  ['multipleOf', { type: 'number', multipleOf: 0.5, minimum: 1, maximum: 4 }],
  ['int32', { type: 'integer', format: 'int32' }],
  ['string bounds', { type: 'string', minLength: 2, maxLength: 5 }],
  ['pattern', { type: 'string', pattern: '^[A-Z]{2}-[0-9]{3}$' }],
  ['pattern with length', { type: 'string', pattern: '^[a-z]+$', minLength: 3, maxLength: 6 }],
  ['formats', { type: 'object', required: ['a', 'b', 'c', 'd', 'e', 'f', 'g'], additionalProperties: false, properties: { a: { type: 'string', format: 'date-time' }, b: { type: 'string', format: 'date' }, c: { type: 'string', format: 'email' }, d: { type: 'string', format: 'uuid' }, e: { type: 'string', format: 'uri' }, f: { type: 'string', format: 'ipv4' }, g: { type: 'string', format: 'time' } } }],
  ['nullable 3.0', { type: 'string', nullable: true, maxLength: 3 }, { version: '3.0' }],
  ['nullable enum 3.0', { type: 'string', nullable: true, enum: ['a', 'b'] }, { version: '3.0' }],
  ['type array 3.1', { type: ['integer', 'null'], minimum: 5 }],
  ['const', { const: 'fixed' }],
  ['unique array', { type: 'array', items: { type: 'integer', minimum: 0, maximum: 50 }, minItems: 2, maxItems: 4, uniqueItems: true }],
  ['tuple 3.1', { type: 'array', prefixItems: [{ type: 'string' }, { type: 'integer' }], items: false }],
  ['closed object', { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'integer', minimum: 1 }, tag: { type: 'string', enum: ['x', 'y'] } } }],
  ['map', { type: 'object', additionalProperties: { type: 'integer', maximum: 3 }, minProperties: 1 }],
  ['allOf', { allOf: [{ type: 'object', required: ['a'], properties: { a: { type: 'string' } } }, { type: 'object', required: ['b'], properties: { b: { type: 'integer', minimum: 2 } } }] }],
  ['anyOf', { anyOf: [{ type: 'string', maxLength: 2 }, { type: 'integer', minimum: 10 }] }],
  ['recursive', { $ref: '#/components/schemas/Tree' }, { components: { Tree: { type: 'object', required: ['value'], properties: { value: { type: 'integer' }, children: { type: 'array', items: { $ref: '#/components/schemas/Tree' } } } } } }],
  ...Object.keys(components).flatMap((name): Array<[string, unknown, SchemaDataOptions]> => [
    [`users ${name} (request)`, { $ref: `#/components/schemas/${name}` }, { components, direction: 'request' }],
    [`users ${name} (response)`, { $ref: `#/components/schemas/${name}` }, { components, direction: 'response' }],
  ]),
];

describe('arbitraryFor', () => {
  it.each(CASES)('%s: every value is valid', (_name, schema, options = {}) => {
    const valid = validatorFor(schema, options);
    fc.assert(
      fc.property(arbitraryFor(schema, options), (value) => {
        if (!valid(value)) throw new Error(`${JSON.stringify(value)} rejected: ${valid.errors().join('; ')}`);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it.each(CASES)('%s: every readable value is valid too', (_name, schema, options = {}) => {
    const valid = validatorFor(schema, options);
    fc.assert(
      fc.property(arbitraryFor(schema, { ...options, readable: true }), (value) => {
        if (!valid(value)) throw new Error(`${JSON.stringify(value)} rejected: ${valid.errors().join('; ')}`);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('readable: plain strings are words and open-ended numbers are small, unlike the default', () => {
    const schema = { type: 'object', required: ['name', 'count', 'ratio'], properties: { name: { type: 'string' }, count: { type: 'integer' }, ratio: { type: 'number', minimum: 0 } } };
    const readable = fc.sample(arbitraryFor(schema, { readable: true }), { numRuns: 100, seed: 3 }) as Array<{ name: string; count: number; ratio: number }>;
    expect(readable.every((v) => /^[a-z]+( [a-z]+)*$/.test(v.name) && Number.isInteger(v.count) && v.count >= 0 && v.count <= 1000 && v.ratio >= 0 && v.ratio <= 1000)).toBe(true);
    const edgy = fc.sample(arbitraryFor(schema), { numRuns: 100, seed: 3 }) as Array<{ name: string; count: number }>;
    expect(edgy.some((v) => !/^[a-z ]*$/.test(v.name) || Math.abs(v.count) > 1000)).toBe(true);
  });

  it('leaves readOnly properties out of requests and writeOnly ones out of responses', () => {
    const request = fc.sample(arbitraryFor({ $ref: '#/components/schemas/User' }, { components, direction: 'request' }), { numRuns: 40, seed: 1 }) as Record<string, unknown>[];
    const response = fc.sample(arbitraryFor({ $ref: '#/components/schemas/User' }, { components, direction: 'response' }), { numRuns: 40, seed: 1 }) as Record<string, unknown>[];
    expect(request.every((u) => !('id' in u) && !('createdAt' in u) && 'password' in u)).toBe(true);
    expect(response.every((u) => 'id' in u && 'createdAt' in u && !('password' in u))).toBe(true);
  });

  it('is deterministic for a seed', () => {
    const schema = { $ref: '#/components/schemas/User' };
    const a = fc.sample(arbitraryFor(schema, { components }), { numRuns: 5, seed: 42 });
    const b = fc.sample(arbitraryFor(schema, { components }), { numRuns: 5, seed: 42 });
    expect(a).toEqual(b);
  });

  it('refuses a $ref it cannot resolve instead of generating anything', () => {
    expect(() => arbitraryFor({ $ref: '#/components/schemas/Missing' }, { components })).toThrow(/does not resolve/);
  });
});

describe('violationsFor', () => {
  it.each(CASES)('%s: every violation is rejected', (_name, schema, options = {}) => {
    const valid = validatorFor(schema, options);
    for (const violation of violationsFor(schema, options)) {
      for (const value of fc.sample(violation.arbitrary, { numRuns: 15, seed: 3 })) {
        if (valid(value)) throw new Error(`${violation.keyword} at "${violation.pointer}" produced a valid value ${JSON.stringify(value)}`);
      }
    }
  });

  it('names the keyword and the place of each broken constraint', () => {
    const schema = { type: 'object', required: ['id'], additionalProperties: false, properties: { id: { type: 'integer', minimum: 1 }, tags: { type: 'array', maxItems: 2, items: { type: 'string', pattern: '^[a-z]+$' } } } };
    const found = violationsFor(schema).map((v) => `${v.keyword} ${v.pointer}`);
    expect(found.sort()).toEqual(['additionalProperties ', 'maxItems /tags', 'minimum /id', 'pattern /tags/0', 'required ', 'type ', 'type /id', 'type /tags', 'type /tags/0'].sort());
  });

  it('does not ask a request to omit a readOnly property', () => {
    const found = violationsFor({ $ref: '#/components/schemas/User' }, { components, direction: 'request' });
    expect(found.filter((v) => v.keyword === 'required').map((v) => v.message)).not.toContain('missing required property "id"');
    expect(found.filter((v) => v.keyword === 'required').map((v) => v.message)).toContain('missing required property "email"');
  });
});
