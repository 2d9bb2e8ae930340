/**
 * Hostile input: cyclic `$ref`s (through properties, allOf, oneOf and plain ref chains), schemas nested
 * thousands of levels deep, and a ~100 MB spec. The diff must terminate, must not overflow the stack, and
 * must say when it stopped comparing.
 */
import { describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiSpec } from '../../../src/spec/openapi/load.js';
import { diffOpenApi } from '../../../src/breaking/openapi/index.js';

function load(name: string, document: unknown): Promise<OpenApiSpec> {
  return loadOpenApi(`${name}.json`, { name, cwd: '/nonexistent', text: JSON.stringify(document) });
}

function specWithResponse(schema: unknown, components: Record<string, unknown> = {}) {
  return {
    openapi: '3.1.0',
    info: { title: 'hostile', version: '1' },
    paths: {
      '/nodes': {
        get: { responses: { '200': { description: 'ok', content: { 'application/json': { schema } } } } },
        post: { requestBody: { required: true, content: { 'application/json': { schema } } }, responses: { '204': { description: 'ok' } } },
      },
    },
    components: { schemas: components },
  };
}

const rules = (findings: ReturnType<typeof diffOpenApi>) => findings.map((f) => `${f.rule} ${f.operation}`).sort();

describe('cyclic schemas terminate', () => {
  it('a self-referencing tree reports a change inside the cycle once per operation', async () => {
    const node = (valueType: string) => ({
      type: 'object',
      required: ['value'],
      properties: { value: { type: valueType }, children: { type: 'array', items: { $ref: '#/components/schemas/Node' } }, parent: { $ref: '#/components/schemas/Node' } },
    });
    const base = await load('base', specWithResponse({ $ref: '#/components/schemas/Node' }, { Node: node('string') }));
    const revision = await load('revision', specWithResponse({ $ref: '#/components/schemas/Node' }, { Node: node('integer') }));
    expect(rules(diffOpenApi(base, revision))).toEqual(['request-property-type-changed POST /nodes', 'response-property-type-changed GET /nodes']);
  });

  it('mutual recursion, allOf of itself, oneOf of itself and a pure $ref loop', async () => {
    const components = (extra: Record<string, unknown>) => ({
      A: { type: 'object', properties: { b: { $ref: '#/components/schemas/B' }, ...extra } },
      B: { type: 'object', properties: { a: { $ref: '#/components/schemas/A' } } },
      Self: { allOf: [{ $ref: '#/components/schemas/Self' }, { type: 'object' }] },
      Alt: { oneOf: [{ $ref: '#/components/schemas/Alt' }, { type: 'string' }, { type: 'integer' }] },
      Loop1: { $ref: '#/components/schemas/Loop2' },
      Loop2: { $ref: '#/components/schemas/Loop1' },
    });
    const schema = {
      type: 'object',
      properties: {
        a: { $ref: '#/components/schemas/A' },
        self: { $ref: '#/components/schemas/Self' },
        alt: { $ref: '#/components/schemas/Alt' },
        loop: { $ref: '#/components/schemas/Loop1' },
      },
    };
    const base = await load('base', specWithResponse(schema, components({})));
    const revision = await load('revision', specWithResponse(schema, components({ extra: { type: 'string' } })));
    expect(rules(diffOpenApi(base, revision))).toEqual(['new-optional-request-property POST /nodes', 'response-optional-property-added GET /nodes']);
    expect(diffOpenApi(base, base)).toEqual([]);
  });
});

describe('deep schemas do not overflow the stack', () => {
  // built as text: JSON.stringify itself overflows on objects this deep
  const nested = (depth: number, leaf: string) => '{"type":"object","properties":{"n":'.repeat(depth) + leaf + '}}'.repeat(depth);
  const specText = (schema: string) =>
    `{"openapi":"3.1.0","info":{"title":"deep","version":"1"},"paths":{"/nodes":{` +
    `"get":{"responses":{"200":{"description":"ok","content":{"application/json":{"schema":${schema}}}}}},` +
    `"post":{"requestBody":{"required":true,"content":{"application/json":{"schema":${schema}}}},"responses":{"204":{"description":"ok"}}}}}}`;
  const loadText = (name: string, text: string) => loadOpenApi(`${name}.json`, { name, cwd: '/nonexistent', text });

  it('5000 levels of nested properties: the comparison stops with a schema-depth-limit finding', async () => {
    const base = await loadText('base', specText(nested(5000, '{"type":"string"}')));
    const revision = await loadText('revision', specText(nested(5000, '{"type":"integer"}')));
    const findings = diffOpenApi(base, revision);
    expect(rules(findings)).toEqual(['schema-depth-limit GET /nodes', 'schema-depth-limit POST /nodes']);
    expect(findings[0]!.message).toMatch(/nested more than 256 levels deep/);
    expect(findings[0]!.message.length).toBeLessThan(300);
  });

  it('a change within the depth limit is still found in a deep document', async () => {
    const change = (t: string) => nested(100, `{"type":"object","properties":{"leaf":{"type":"${t}"},"deeper":${nested(4000, '{"type":"string"}')}}}`);
    const findings = diffOpenApi(await loadText('base', specText(change('string'))), await loadText('revision', specText(change('boolean'))));
    // the change, and the notice that the (identical) deeper branch was not compared to its end
    expect(rules(findings)).toEqual([
      'request-property-type-changed POST /nodes',
      'response-property-type-changed GET /nodes',
      'schema-depth-limit GET /nodes',
      'schema-depth-limit POST /nodes',
    ]);
  });

  it('5000 levels of nested allOf, oneOf and items in identical documents: nothing but the depth notice', async () => {
    const allOf = '{"allOf":['.repeat(5000) + '{"type":"string"}' + ',{"minLength":1}]}'.repeat(5000);
    const oneOf = '{"oneOf":['.repeat(5000) + '{"type":"string"}' + ',{"type":"integer"}]}'.repeat(5000);
    const items = '{"type":"array","items":'.repeat(5000) + '{"type":"string"}' + '}'.repeat(5000);
    const text = specText(`{"type":"object","properties":{"allOf":${allOf},"oneOf":${oneOf},"items":${items}}}`);
    const findings = diffOpenApi(await loadText('base', text), await loadText('revision', text));
    expect(findings.every((f) => f.rule === 'schema-depth-limit')).toBe(true);
  });
});

describe('a ~100 MB spec', () => {
  it('is diffed without hanging or running out of memory', { timeout: 900_000 }, async () => {
    // generated as text, one path item at a time, so that the test itself holds no object copy
    const pathItem = (i: number, idType: string) => {
      const props = Array.from({ length: 24 }, (_, k) => {
        const name = k === 0 ? 'id' : k === 1 ? 'name' : `field_${k}`;
        const type = k === 0 ? idType : k % 3 === 0 ? 'integer' : 'string';
        return `"${name}":{"type":"${type}","description":"Field ${k} of resource ${i}, described at some length to look like a real API."}`;
      });
      return (
        `"/resources${i}/{id}":{"get":{"operationId":"getResource${i}","parameters":[{"name":"id","in":"path","required":true,"schema":{"type":"string"}},` +
        `{"name":"expand","in":"query","schema":{"type":"string","enum":["a","b"]}}],"responses":{"200":{"description":"ok","content":{"application/json":` +
        `{"schema":{"type":"object","required":["id","name"],"properties":{${props.join(',')}}}}}},"404":{"description":"not found"}}}}`
      );
    };
    const head = '{"openapi":"3.1.0","info":{"title":"big","version":"1"},"paths":{';
    const items: string[] = [];
    for (let size = 0, i = 0; size < 100_000_000; i++) {
      items.push(pathItem(i, 'integer'));
      size += items[i]!.length + 1;
    }
    const count = items.length;
    const baseText = head + items.join(',') + '}}';
    // the revision drops the last path and changes the type of one response property
    const revisionText = head + [pathItem(0, 'string'), ...items.slice(1, -1)].join(',') + '}}';
    items.length = 0;
    expect(baseText.length).toBeGreaterThanOrEqual(100_000_000);
    const base = await loadOpenApi('big.json', { name: 'big', cwd: '/nonexistent', text: baseText });
    const revision = await loadOpenApi('big.json', { name: 'big', cwd: '/nonexistent', text: revisionText });
    const findings = diffOpenApi(base, revision);
    expect(rules(findings)).toEqual([`api-path-removed-without-deprecation GET /resources${count - 1}/{id}`, 'response-property-type-changed GET /resources0/{id}']);
    expect(process.memoryUsage().heapUsed).toBeLessThan(2_500_000_000);
  });
});
