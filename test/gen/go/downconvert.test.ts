/**
 * OpenAPI 3.1 → 3.0 for OpenAPI Generator before 7: each simple 3.1 form has its 3.0 twin, keywords
 * with no 3.0 form are refused at their line:col, and property names that look like keywords are
 * left alone. A property test checks that no 3.1-only form survives, whatever the schema tree.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { downConvert31 } from '../../../src/gen/openapi-generator/downconvert.js';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';

async function load(yamlOrJson: string) {
  return loadOpenApi('spec.yaml', { cwd: '/nonexistent', text: yamlOrJson });
}

const withSchemas = (schemas: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ openapi: '3.1.0', info: { title: 't', version: '1' }, paths: {}, components: { schemas }, ...extra });

describe('downConvert31', () => {
  it('rewrites the simple 3.1 forms to their 3.0 meaning', async () => {
    const spec = await load(
      withSchemas({
        A: {
          type: 'object',
          properties: {
            tag: { type: ['string', 'null'] },
            count: { type: ['null', 'integer'], exclusiveMinimum: 0, exclusiveMaximum: 10, maximum: 5 },
            kind: { const: 'a' },
            name: { type: 'string', examples: ['x', 'y'] },
            data: { type: 'string', contentEncoding: 'base64' },
            file: { type: 'string', contentMediaType: 'image/png' },
            owner: { anyOf: [{ $ref: '#/components/schemas/B' }, { type: 'null' }] },
            ref: { $ref: '#/components/schemas/B', description: 'kept as it is' },
            refWithSiblings: { $ref: '#/components/schemas/B', readOnly: true },
            list: { type: 'array', items: { type: ['number', 'null'] } },
            map: { type: 'object', additionalProperties: { const: 1 } },
          },
        },
        B: { $schema: 'https://json-schema.org/draft/2020-12/schema', $id: 'b', $comment: 'c', type: 'object' },
      }),
    );
    const doc = downConvert31(spec);
    expect(doc.openapi).toBe('3.0.3');
    const p = doc.components.schemas.A.properties;
    expect(p.tag).toEqual({ type: 'string', nullable: true });
    expect(p.count).toEqual({ type: 'integer', nullable: true, minimum: 0, exclusiveMinimum: true, maximum: 5 });
    expect(p.kind).toEqual({ enum: ['a'] });
    expect(p.name).toEqual({ type: 'string', example: 'x' });
    expect(p.data).toEqual({ type: 'string', format: 'byte' });
    expect(p.file).toEqual({ type: 'string', format: 'binary' });
    expect(p.owner).toEqual({ anyOf: [{ $ref: '#/components/schemas/B' }], nullable: true });
    expect(p.ref).toEqual({ $ref: '#/components/schemas/B', description: 'kept as it is' });
    expect(p.refWithSiblings).toEqual({ allOf: [{ $ref: '#/components/schemas/B' }], readOnly: true });
    expect(p.list.items).toEqual({ type: 'number', nullable: true });
    expect(p.map.additionalProperties).toEqual({ enum: [1] });
    expect(doc.components.schemas.B).toEqual({ type: 'object' });
    // the loaded spec is not touched
    expect(spec.document.components.schemas.A.properties.tag.type).toEqual(['string', 'null']);
  });

  it('drops what 3.0 has no place for, and adds the paths object 3.0 requires', async () => {
    const spec = await load(
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1', summary: 's', license: { name: 'MIT', identifier: 'MIT' } },
        jsonSchemaDialect: 'https://spec.openapis.org/oas/3.1/dialect/base',
        webhooks: { ping: { post: { responses: { '200': { description: 'ok' } } } } },
        components: { schemas: {} },
      }),
    );
    const doc = downConvert31(spec);
    expect(doc).toEqual({ openapi: '3.0.3', info: { title: 't', version: '1', license: { name: 'MIT' } }, paths: {}, components: { schemas: {} } });
  });

  it('converts schemas under parameters, bodies, responses and headers; leaves property names and example values alone', async () => {
    const spec = await load(
      JSON.stringify({
        openapi: '3.1.0',
        info: { title: 't', version: '1' },
        paths: {
          '/x': {
            get: {
              parameters: [{ name: 'q', in: 'query', schema: { type: ['string', 'null'] }, examples: { one: { value: { schema: { type: ['a', 'b'] } } } } }],
              requestBody: { content: { 'application/json': { schema: { type: 'object', properties: { const: { type: 'string' }, type: { type: ['boolean', 'null'] } } }, example: { const: 1 } } } },
              responses: { '200': { description: 'ok', headers: { 'X-A': { schema: { const: 'v' } } } } },
            },
          },
        },
        components: {
          parameters: { value: { name: 'value', in: 'query', schema: { type: ['integer', 'null'] } } },
          examples: { raw: { value: { schema: { const: 1 } } } },
        },
      }),
    );
    const doc = downConvert31(spec);
    const op = doc.paths['/x'].get;
    expect(doc.components.parameters.value.schema).toEqual({ type: 'integer', nullable: true });
    expect(doc.components.examples.raw).toEqual({ value: { schema: { const: 1 } } });
    expect(op.parameters[0].schema).toEqual({ type: 'string', nullable: true });
    expect(op.parameters[0].examples).toEqual({ one: { value: { schema: { type: ['a', 'b'] } } } });
    expect(op.requestBody.content['application/json'].schema.properties).toEqual({ const: { type: 'string' }, type: { type: 'boolean', nullable: true } });
    expect(op.requestBody.content['application/json'].example).toEqual({ const: 1 });
    expect(op.responses['200'].headers['X-A'].schema).toEqual({ enum: ['v'] });
  });

  it.each([
    ['several types', { type: ['string', 'integer'] }, 'type', 'type lists several types (string, integer) where 3.0 allows one'],
    ['null alone', { type: 'null' }, 'type', 'type is "null" outside anyOf/oneOf'],
    ['prefixItems', { type: 'array', prefixItems: [{ type: 'string' }] }, 'prefixItems', 'prefixItems has no OpenAPI 3.0 form'],
    ['if/then', { if: { type: 'string' }, then: { minLength: 1 } }, 'if', 'if has no OpenAPI 3.0 form'],
    ['patternProperties', { type: 'object', patternProperties: { '^x': {} } }, 'patternProperties', 'patternProperties has no OpenAPI 3.0 form'],
  ])('refuses %s at the keyword’s line and column', async (_name, schema, keyword, message) => {
    const yaml = ['openapi: 3.1.0', 'info: {title: t, version: "1"}', 'paths: {}', 'components:', '  schemas:', '    A:', '      type: object', '      properties:', '        x:', ...Object.entries(schema).map(([k, v]) => `          ${k}: ${JSON.stringify(v)}`), ''].join('\n');
    const spec = await load(yaml);
    let error: unknown;
    try {
      downConvert31(spec);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UserError);
    const line = yaml.split('\n').findIndex((l) => l.startsWith(`          ${keyword}:`)) + 1;
    expect((error as UserError).toLine()).toBe(
      `spec.yaml:${line}:11: ${message}; OpenAPI Generator before 7 reads OpenAPI 3.0 only (write the schema in a form 3.0 can express, or use generator version 7.x with the option \`openapi31: keep\`)`,
    );
  });

  it('property: no 3.1-only form survives, and null in a type list always becomes nullable', async () => {
    const scalar = fc.constantFrom('string', 'integer', 'number', 'boolean');
    const schema = fc.letrec<{ node: Record<string, unknown> }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.record({ type: fc.tuple(scalar, fc.boolean()).map(([t, nullable]) => (nullable ? [t, 'null'] : [t])) }),
        fc.record({ const: fc.oneof(fc.string(), fc.integer(), fc.boolean()) }),
        fc.record({ type: fc.constant('number'), exclusiveMinimum: fc.integer(), exclusiveMaximum: fc.integer() }, { requiredKeys: ['type'] }),
        fc.record({ type: fc.constant('string'), examples: fc.array(fc.string(), { maxLength: 3 }) }),
        fc.record({ anyOf: fc.array(tie('node'), { minLength: 1, maxLength: 3 }).map((branches) => [...branches, { type: 'null' }]) }),
        fc.record({ type: fc.constant('object'), properties: fc.dictionary(fc.constantFrom('type', 'const', 'examples', 'a', 'b'), tie('node'), { maxKeys: 3 }) }),
        fc.record({ type: fc.constant('array'), items: tie('node') }),
      ),
    })).node;
    await fc.assert(
      fc.asyncProperty(schema, async (root) => {
        const spec = await load(withSchemas({ Root: root }));
        const converted = downConvert31(spec).components.schemas.Root;
        const check = (before: any, after: any): void => {
          expect(Array.isArray(after.type)).toBe(false);
          expect(after.type).not.toBe('null');
          expect('const' in after).toBe(false);
          expect(Array.isArray(after.examples)).toBe(false);
          expect(typeof after.exclusiveMinimum === 'number' || typeof after.exclusiveMaximum === 'number').toBe(false);
          if (Array.isArray(before.type) && before.type.includes('null')) expect(after.nullable).toBe(true);
          if ('const' in before) expect(after.enum).toEqual([before.const]);
          if (before.properties) {
            expect(Object.keys(after.properties)).toEqual(Object.keys(before.properties));
            for (const k of Object.keys(before.properties)) check(before.properties[k], after.properties[k]);
          }
          if (before.items) check(before.items, after.items);
          if (before.anyOf) {
            expect(after.nullable).toBe(true);
            const kept = before.anyOf.filter((b: any) => !(b.type === 'null' && Object.keys(b).length === 1));
            expect(after.anyOf).toHaveLength(kept.length);
            kept.forEach((b: any, i: number) => check(b, after.anyOf[i]));
          }
        };
        check(root, converted);
      }),
      { numRuns: 200 },
    );
  });
});
