import { describe, expect, it } from 'vitest';
import { prepareSchema, DENY_KEYWORD, FILE_KEYWORD } from '../../../packages/runtime/src/server/schema.js';
import { fieldErrors, Validators } from '../../../packages/runtime/src/server/validation.js';
import type { ServiceDefinition } from '../../../packages/runtime/src/server/definition.js';

const noRefs = { refId: (r: string) => r, resolve: () => undefined };

describe('prepareSchema', () => {
  it('3.0 nullable becomes a type array (and null joins an enum); next to a $ref it becomes anyOf', () => {
    expect(prepareSchema({ type: 'string', nullable: true, enum: ['a'] }, { version: '3.0', direction: 'request', ...noRefs })).toEqual({ type: ['string', 'null'], enum: ['a', null] });
    expect(prepareSchema({ allOf: [{ type: 'integer' }], nullable: true }, { version: '3.0', direction: 'request', ...noRefs })).toEqual({ anyOf: [{ type: 'null' }, { allOf: [{ type: 'integer' }] }] });
    expect(prepareSchema({ type: 'string', nullable: false }, { version: '3.0', direction: 'request', ...noRefs })).toEqual({ type: 'string' });
  });

  it('3.0 boolean exclusiveMinimum/Maximum become numbers', () => {
    expect(prepareSchema({ type: 'number', minimum: 0, exclusiveMinimum: true, maximum: 9, exclusiveMaximum: false }, { version: '3.0', direction: 'request', ...noRefs })).toEqual({
      type: 'number',
      exclusiveMinimum: 0,
      maximum: 9,
    });
  });

  it('readOnly is denied (and not required) in requests, writeOnly in responses', () => {
    const schema = { type: 'object', required: ['id', 'password', 'name'], properties: { id: { type: 'string', readOnly: true }, password: { type: 'string', writeOnly: true }, name: { type: 'string' } } };
    const request = prepareSchema(schema, { version: '3.1', direction: 'request', ...noRefs }) as any;
    expect(request.required).toEqual(['password', 'name']);
    expect(request.properties.id).toEqual({ [DENY_KEYWORD]: 'is read-only and must not be sent' });
    expect(request.properties.password).toEqual({ type: 'string', writeOnly: true });
    const response = prepareSchema(schema, { version: '3.1', direction: 'response', ...noRefs }) as any;
    expect(response.required).toEqual(['id', 'name']);
    expect(response.properties.password[DENY_KEYWORD]).toMatch(/write-only/);
  });

  it('binary strings are files in form bodies only', () => {
    const schema = { type: 'object', properties: { file: { type: 'string', format: 'binary' } } };
    expect((prepareSchema(schema, { version: '3.1', direction: 'request', files: true, ...noRefs }) as any).properties.file).toEqual({ [FILE_KEYWORD]: true });
    expect((prepareSchema(schema, { version: '3.1', direction: 'request', ...noRefs }) as any).properties.file).toEqual({ type: 'string', format: 'binary' });
  });
});

function definition(schemas: Record<string, unknown>, version: '3.0' | '3.1' = '3.1'): ServiceDefinition {
  return { openapi: version, operations: [], schemas };
}

describe('Validators', () => {
  const pet = {
    '#/components/schemas/Pet': { oneOf: [{ $ref: '#/components/schemas/Cat' }, { $ref: '#/components/schemas/Dog' }], discriminator: { propertyName: 'kind', mapping: { cat: '#/components/schemas/Cat', dog: '#/components/schemas/Dog' } } },
    '#/components/schemas/Cat': { type: 'object', required: ['kind', 'lives'], properties: { kind: { type: 'string', enum: ['cat'] }, lives: { type: 'integer' } } },
    '#/components/schemas/Dog': { type: 'object', required: ['kind'], properties: { kind: { const: 'dog' }, good: { type: 'boolean' } } },
  };

  it('uses ajv discriminator when the branches fit (one precise error), and the spec mapping does not get in the way', () => {
    const validate = new Validators(definition(pet)).compile('json', { $ref: '#/components/schemas/Pet' });
    expect(validate({ kind: 'cat', lives: 9 })).toBe(true);
    expect(validate({ kind: 'dog' })).toBe(true);
    expect(validate({ kind: 'cat' })).toBe(false);
    expect(fieldErrors(validate.errors, '/body')).toEqual([{ pointer: '/body/lives', message: 'is required' }]);
    expect(validate({ kind: 'fox' })).toBe(false);
    expect(fieldErrors(validate.errors, '/body')[0]!.pointer).toBe('/body/kind');
  });

  it('drops a discriminator ajv cannot use (tag not const/enum) but still validates the oneOf', () => {
    const loose = { ...pet, '#/components/schemas/Dog': { type: 'object', required: ['kind'], properties: { kind: { type: 'string' } } } };
    const validate = new Validators(definition(loose)).compile('json', { $ref: '#/components/schemas/Pet' });
    expect(validate({ kind: 'dog' })).toBe(true);
    expect(validate({ kind: 5 })).toBe(false);
  });

  it('3.0: nullable accepted, formats checked (ajv-formats), additionalProperties enforced', () => {
    const schemas = { '#/components/schemas/U': { type: 'object', additionalProperties: false, properties: { nick: { type: 'string', nullable: true }, at: { type: 'string', format: 'date-time' } } } };
    const validate = new Validators(definition(schemas, '3.0')).compile('json', { $ref: '#/components/schemas/U' });
    expect(validate({ nick: null, at: '2026-01-01T00:00:00Z' })).toBe(true);
    expect(validate({ at: 'yesterday', extra: 1 })).toBe(false);
    expect(fieldErrors(validate.errors, '/body')).toEqual([
      { pointer: '/body/extra', message: 'is not allowed' },
      { pointer: '/body/at', message: 'must match format "date-time"' },
    ]);
  });

  it('parameters are coerced from strings; responses are not', () => {
    const v = new Validators(definition({}));
    const params = v.compile('params', { type: 'object', properties: { query: { type: 'object', properties: { n: { type: 'integer' }, ok: { type: 'boolean' }, list: { type: 'array', items: { type: 'number' } } } } } });
    const data = { query: { n: '5', ok: 'true', list: '1.5' } };
    expect(params(data)).toBe(true);
    expect(data).toEqual({ query: { n: 5, ok: true, list: [1.5] } });
    const response = v.compile('response', { type: 'integer' });
    expect(response('5')).toBe(false);
  });

  it('a pattern that is invalid with the u flag (identity escapes) still compiles, without u', () => {
    const validate = new Validators(definition({})).compile('json', { type: 'string', pattern: '^[A-Za-z0-9_@\\ \\.]{5,15}$' });
    expect(validate('ab c.d')).toBe(true);
    expect(validate('a!')).toBe(false);
    const unicode = new Validators(definition({})).compile('json', { type: 'string', pattern: '^\\p{Lu}' });
    expect(unicode('Émile')).toBe(true);
  });

  it('a $ref missing from the definition fails at startup, not per request', () => {
    expect(() => new Validators(definition({})).compile('json', { $ref: '#/components/schemas/Nope' })).toThrow(/missing from the server definition/);
  });
});
