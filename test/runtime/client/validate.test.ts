/** Response validation: schemas prepared by the generator, checked by the runtime with ajv. */
import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { listOperations } from '../../../src/spec/openapi/operations.js';
import { responseSchemas } from '../../../src/gen/typescript/client/schemas.js';
import { checkResponseBody, type ClientSchemas } from '../../../packages/runtime/src/client/validate.js';

async function prepared(version: '3.0.3' | '3.1.0', schemas: Record<string, unknown>, response: Record<string, unknown>) {
  const doc = {
    openapi: version,
    info: { title: 't', version: '1' },
    paths: { '/x': { get: { operationId: 'getX', responses: { '200': { description: 'ok', content: { 'application/json': { schema: response } } } } } } },
    components: { schemas },
  };
  const spec = await loadOpenApi('t.json', { name: 't', cwd: process.cwd(), text: JSON.stringify(doc) });
  const ops = listOperations(spec).map((operation) => ({ key: 'getX', operation }));
  const result = responseSchemas(spec, ops) as ClientSchemas;
  let calls = 0;
  const owner = {};
  const check = (body: unknown) => checkResponseBody(owner, () => (calls++, result), 'getX', '200', 'application/json', body);
  return { check, calls: () => calls, result };
}

describe('response validation', () => {
  it('does not require writeOnly properties in responses, but still requires the others', async () => {
    const { check } = await prepared('3.1.0', {
      Secret: { type: 'string', writeOnly: true },
      User: { type: 'object', required: ['id', 'password', 'pin'], properties: { id: { type: 'string', readOnly: true }, password: { type: 'string', writeOnly: true }, pin: { $ref: '#/components/schemas/Secret' } } },
    }, { $ref: '#/components/schemas/User' });
    expect(await check({ id: 'u1' })).toBeUndefined();
    expect(await check({})).toMatchObject({ pointer: '', detail: expect.stringContaining("must have required property 'id'") });
  });

  it('understands OpenAPI 3.0: nullable with or without type, boolean exclusiveMinimum', async () => {
    const { check } = await prepared('3.0.3', {
      Owner: { type: 'object', required: ['name'], properties: { name: { type: 'string' } } },
    }, {
      type: 'object',
      properties: {
        owner: { allOf: [{ $ref: '#/components/schemas/Owner' }], nullable: true },
        color: { type: 'string', enum: ['red'], nullable: true },
        price: { type: 'number', minimum: 0, exclusiveMinimum: true },
      },
    });
    expect(await check({ owner: null, color: null, price: 1 })).toBeUndefined();
    expect(await check({ owner: { name: 'a' }, color: 'red' })).toBeUndefined();
    expect(await check({ owner: {} })).toMatchObject({ pointer: '/owner' });
    expect(await check({ price: 0 })).toMatchObject({ pointer: '/price', detail: expect.stringContaining('must be > 0') });
    expect(await check({ color: 'blue' })).toMatchObject({ pointer: '/color' });
  });

  it('checks formats, and survives patterns written for other regex engines', async () => {
    const { check } = await prepared('3.1.0', {}, {
      type: 'object',
      properties: {
        at: { type: 'string', format: 'date-time' },
        id: { type: 'string', format: 'int64' },
        arn: { type: 'string', pattern: '^arn:aws\\-cn:.+$' },
        hex: { type: 'string', pattern: '\\p{XDigit}{8}' },
      },
    });
    expect(await check({ at: '2026-11-24T10:00:00Z', id: 'x', arn: 'arn:aws-cn:a', hex: 'anything' })).toBeUndefined();
    expect(await check({ at: 'yesterday' })).toMatchObject({ pointer: '/at', detail: expect.stringContaining('must match format "date-time"') });
    expect(await check({ arn: 'nope' })).toMatchObject({ pointer: '/arn' });
  });

  it('compiles each response validator once, on first use', async () => {
    const { check, calls } = await prepared('3.1.0', {}, { type: 'object', required: ['a'] });
    expect(calls()).toBe(0);
    await check({ a: 1 });
    const afterFirst = calls();
    expect(afterFirst).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) await check(i % 2 ? { a: i } : {});
    expect(calls()).toBe(afterFirst);

    // concurrent first calls share one compilation
    const fresh = await prepared('3.1.0', {}, { type: 'object', required: ['a'] });
    const results = await Promise.all([fresh.check({ a: 1 }), fresh.check({}), fresh.check({ a: 2 })]);
    expect(results.map((r) => r === undefined)).toEqual([true, false, true]);
    expect(fresh.calls()).toBe(afterFirst);
  });

  it('carries only the schemas the responses reach', async () => {
    const { result } = await prepared('3.1.0', { Used: { type: 'string' }, Unused: { type: 'number' } }, { type: 'array', items: { $ref: '#/components/schemas/Used' } });
    expect(Object.keys((result.document as any).components.schemas)).toEqual(['Used']);
  });
});
