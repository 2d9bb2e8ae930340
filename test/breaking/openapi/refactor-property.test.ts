/**
 * Property test (fast-check): for random schemas, rewriting how a schema is written without changing what it
 * accepts must produce no finding — the spec against itself, the schema moved into components behind a $ref,
 * wrapped in a one-member allOf / oneOf, and its 3.1 `type: [x, "null"]` written as a `{type: null}` alternative.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { diffOpenApi } from '../../../src/breaking/openapi/index.js';

type Schema = Record<string, unknown>;

const scalar: fc.Arbitrary<Schema> = fc.oneof(
  fc.record({ type: fc.constant('string'), maxLength: fc.option(fc.integer({ min: 1, max: 50 }), { nil: undefined }), enum: fc.option(fc.uniqueArray(fc.string({ maxLength: 3 }), { minLength: 1, maxLength: 3 }), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constantFrom('integer', 'number'), minimum: fc.option(fc.integer({ min: -5, max: 5 }), { nil: undefined }), maximum: fc.option(fc.integer({ min: 6, max: 99 }), { nil: undefined }) }, { requiredKeys: ['type'] }),
  fc.record({ type: fc.constant('boolean') }),
  fc.record({ type: fc.constant(['string', 'null']) }),
);

const schema: fc.Arbitrary<Schema> = fc.letrec<{ node: Schema }>((tie) => ({
  node: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    scalar,
    fc.record({ type: fc.constant('array'), items: tie('node'), minItems: fc.option(fc.integer({ min: 0, max: 3 }), { nil: undefined }) }, { requiredKeys: ['type', 'items'] }),
    fc
      .dictionary(fc.constantFrom('a', 'b', 'c', 'id', 'name'), tie('node'), { minKeys: 1, maxKeys: 4 })
      .chain((properties) => fc.subarray(Object.keys(properties)).map((required) => ({ type: 'object', properties, ...(required.length ? { required } : {}) }))),
    fc.tuple(tie('node'), tie('node')).map(([x, y]) => ({ oneOf: [{ ...x, title: 'X' }, { ...y, title: 'Y' }] })),
  ),
})).node;

function spec(responseSchema: unknown, requestSchema: unknown, components: Record<string, unknown> = {}) {
  return JSON.stringify({
    openapi: '3.1.0',
    info: { title: 'prop', version: '1' },
    paths: {
      '/things/{id}': {
        put: {
          parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'string' } }],
          requestBody: { required: true, content: { 'application/json': { schema: requestSchema } } },
          responses: { '200': { description: 'ok', content: { 'application/json': { schema: responseSchema } } } },
        },
      },
    },
    components: { schemas: components },
  });
}

async function diffTexts(a: string, b: string) {
  const base = await loadOpenApi('base.json', { name: 'prop', cwd: '/nonexistent', text: a });
  const revision = await loadOpenApi('revision.json', { name: 'prop', cwd: '/nonexistent', text: b });
  // dropping the now unused component is reported (info) and true: it is not about the operation
  return diffOpenApi(base, revision)
    .filter((f) => f.rule !== 'api-schema-removed')
    .map((f) => `${f.rule}: ${f.message}`);
}

/** `type: [x, "null"]` → `anyOf: [{type: x, ...}, {type: "null"}]`, everywhere in the schema. */
function nullAsAlternative(s: unknown): unknown {
  if (Array.isArray(s)) return s.map(nullAsAlternative);
  if (!s || typeof s !== 'object') return s;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(s)) out[k] = k === 'enum' || k === 'required' ? v : nullAsAlternative(v);
  if (Array.isArray(out.type) && out.type.includes('null') && out.type.length === 2) {
    const { type, ...rest } = out;
    return { anyOf: [{ ...rest, type: (type as string[]).find((t) => t !== 'null') }, { type: 'null' }] };
  }
  return out;
}

describe('refactors of random schemas produce no findings', () => {
  it('identity, $ref ↔ inline, one-member allOf/oneOf, nullable forms', async () => {
    await fc.assert(
      fc.asyncProperty(schema, async (s) => {
        const inline = spec(s, s);
        expect(await diffTexts(inline, inline)).toEqual([]);
        const viaRef = spec({ $ref: '#/components/schemas/Thing' }, { $ref: '#/components/schemas/Thing' }, { Thing: s });
        expect(await diffTexts(inline, viaRef)).toEqual([]);
        expect(await diffTexts(viaRef, inline)).toEqual([]);
        expect(await diffTexts(inline, spec({ allOf: [s] }, { oneOf: [s] }))).toEqual([]);
        expect(await diffTexts(inline, spec(nullAsAlternative(s), nullAsAlternative(s)))).toEqual([]);
      }),
      { numRuns: 150 },
    );
  });
});
