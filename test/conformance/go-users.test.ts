/**
 * `covenant test` against a provider covenant did not write: the Go users server that
 * `openapi-generator:go-server` (OpenAPI Generator 4.3.1) generates, with test/interop's handlers,
 * built offline (GOPATH mode, Debian's Go sources). The generated controllers validate nothing, so
 * `covenant test` must find exactly that: invalid requests accepted. Skips without Go, except under CI.
 */
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { listOperations } from '../../src/spec/openapi/operations.js';
import { covenant as covenantSync, goBuild, goToolchain, pinGenerator431, REPO, removeScratch, scratch, startServer, type RunningServer } from '../interop/support.js';
import { covenant, USERS_AUTH } from './support.js';

const go = goToolchain();
if (!go.available) console.warn(go.reason);

/** What test/interop/fixtures/users-server.go implements. */
const IMPLEMENTED = ['getUser', 'createUser', 'listUsers'];

/** The spec cut to what 4.3.1's go-server compiles (the same cut as test/interop/users-pact.test.ts). */
function goProjection(document: Record<string, any>, keep: Set<string>): Record<string, any> {
  const doc = structuredClone(document);
  const deref = (value: any): any => (value?.$ref ? value.$ref.slice(2).split('/').reduce((n: any, k: string) => n?.[k], doc) : value);
  const bindable = (parameter: any): any => {
    const p = deref(parameter);
    const schema = deref(p.schema);
    if (p.in === 'path') return parameter;
    if (p.in === 'cookie' || p.content || !schema) return undefined;
    if (p.in === 'header') return { ...p, schema: { type: 'string' } };
    const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
    if (type === 'array') return { ...p, schema: { type: 'array', items: { type: 'string' } } };
    if (type === 'object' || schema.properties || schema.allOf || schema.oneOf || schema.anyOf) return undefined;
    return { ...p, schema: { type: 'string' } };
  };
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const method of Object.keys(item)) {
      if (!methods.includes(method)) continue;
      if (!keep.has(`${method} ${path}`)) delete item[method];
      else item[method].parameters = (item[method].parameters ?? []).map(bindable).filter(Boolean);
    }
    if (!Object.keys(item).some((k) => methods.includes(k))) delete doc.paths[path];
  }
  return doc;
}

describe.skipIf(!go.available)('covenant test against the generated Go users provider', () => {
  let dir: string;
  let server: RunningServer;

  beforeAll(async () => {
    dir = scratch('conformance-go');
    const spec = await loadOpenApi(join(REPO, 'specs', 'users.openapi.yaml'));
    const keep = new Set(listOperations(spec).filter((o) => IMPLEMENTED.includes(o.id)).map((o) => `${o.method} ${o.path}`));
    mkdirSync(join(dir, 'specs'));
    mkdirSync(join(dir, 'go-spec'));
    writeFileSync(join(dir, 'go-spec', 'users.openapi.json'), JSON.stringify(goProjection(spec.document, keep), null, 2));
    copyFileSync(join(REPO, 'specs', 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
    pinGenerator431(dir);
    writeFileSync(join(dir, 'covenant.yaml'), ['specs:', '  - path: go-spec/users.openapi.json', '    name: users-go', '    targets:', '      - name: openapi-generator:go-server', '        output: go/src/github.com/acme/users', '        options: { gitUserId: acme, gitRepoId: users, packageName: users }', ''].join('\n'));
    const gen = covenantSync(dir, ['gen']);
    expect(gen.stderr).toBe('');
    mkdirSync(join(dir, 'go', 'src', 'example.com', 'usersd'), { recursive: true });
    copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'users-server.go'), join(dir, 'go', 'src', 'example.com', 'usersd', 'main.go'));
    const build = goBuild(join(dir, 'go'), 'example.com/usersd', join(dir, 'usersd'));
    expect(build.output).toBe('');
    server = await startServer(join(dir, 'usersd'), ['-stop-on-stdin-eof']);
  }, 600_000);

  afterAll(async () => {
    await server?.stop();
    removeScratch(dir);
  });

  it('finds what the generated Go server does not check, and names each with a replayable request', async () => {
    const operations = IMPLEMENTED.flatMap((id) => ['--operation', id]);
    const run = await covenant(['test', 'specs/users.openapi.yaml', '--base-url', `http://${server.address}/v1`, ...USERS_AUTH, ...operations, '--max-examples', '8', '--seed', '3', '--format', 'json'], dir);
    const findings = JSON.parse(run.stdout).findings as Array<{ rule: string; operation: string; level: string; message: string }>;
    const pairs = [...new Set(findings.map((f) => `${f.operation} ${f.rule}`))].sort();
    expect(pairs, findings.map((f) => `${f.rule} ${f.operation}: ${f.message.split('; reproduce')[0]}`).join('\n')).toEqual([
      // the generated router checks no credentials
      'GET /users missing-required-header',
      // the handlers echo the stored user, writeOnly password included
      'GET /users response-schema-conformance',
      // no request validation in 4.3.1's go-server: invalid bodies and headers are stored and answered 201
      'POST /users negative-data-rejection',
      // some invalid requests make it answer 500 (the shrunk request is in the finding)
      'POST /users not-a-server-error',
      'POST /users response-schema-conformance',
    ]);
    expect(findings.find((f) => f.rule === 'response-schema-conformance')!.message).toContain('/password: is write-only and must not be returned');
    expect(findings.filter((f) => f.rule === 'not-a-server-error')).toHaveLength(1);
    expect(run.code).toBe(1);
  });
});
