/**
 * Go HTTP provider ↔ TypeScript consumer, through a pact: `openapi-generator:go-server` (OpenAPI
 * Generator 4.3.1, the jar shipped in node_modules) generates the users service from
 * specs/users.openapi.yaml, the test fills in the handlers (fixtures/users-server.go), Go builds it
 * offline in GOPATH mode, and `covenant verify` replays the pact the TypeScript consumer wrote
 * (pacts/orders-users.json) against it — started by `verify --start` on 127.0.0.1.
 *
 * 4.3.1's go-server cannot compile every operation of the users spec (it hands every query and
 * header parameter to the service as a string, and binds cookies not at all), so the test generates
 * the operations the pact uses with their parameters typed as go-server binds them (see
 * projection()); it fails, naming the interaction, when the pact starts using an operation the Go
 * fixture does not implement. The same Go server is then called by the TypeScript client that the
 * `typescript-client` target generated from the full spec.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouteMatcher } from '../../src/contracts/routes.js';
import { listOperations } from '../../src/spec/openapi/operations.js';
import { loadOpenApi, type OpenApiSpec } from '../../src/spec/openapi/load.js';
import { pathToFileURL } from 'node:url';
import { compileTypeScript, covenant, goBuild, goToolchain, pinGenerator431, REPO, removeScratch, scratch, startServer } from './support.js';

const go = goToolchain();
if (!go.available) console.warn(go.reason);

/** Operations fixtures/users-server.go implements. */
const IMPLEMENTED = ['getUser', 'createUser', 'listUsers'];

/** The pact the TypeScript consumer test wrote (test/contracts/demo/orders-users.pact.ts). */
const PACT = join(REPO, 'pacts', 'orders-users.json');

interface Pact {
  interactions: Array<{ description: string; request: { method: string; path: string } }>;
}

/**
 * The spec as OpenAPI Generator 4.3.1's go-server can compile it: only `operations`; cookie
 * parameters and object-valued query parameters (deepObject, form objects, `content`) left out;
 * the remaining query parameters typed as the strings (or string arrays) the generated controller
 * hands to the service, header parameters as strings. The handlers parse what they need (`limit`).
 */
function projection(spec: OpenApiSpec, operations: string[]): Record<string, any> {
  const doc = structuredClone(spec.document) as Record<string, any>;
  const methods = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];
  const keep = new Set(listOperations(spec).filter((o) => operations.includes(o.id)).map((o) => `${o.method} ${o.path}`));
  const bindable = (parameter: any): any => {
    const p = deref(doc, parameter);
    const schema = deref(doc, p.schema);
    if (p.in === 'path') return parameter;
    if (p.in === 'cookie' || p.content || !schema) return undefined;
    if (p.in === 'header') return { ...p, schema: { type: 'string' } };
    const type = Array.isArray(schema.type) ? schema.type.find((t: string) => t !== 'null') : schema.type;
    if (type === 'array') return { ...p, schema: { type: 'array', items: { type: 'string' } } };
    if (type === 'object' || schema.properties || schema.allOf || schema.oneOf || schema.anyOf) return undefined;
    return { ...p, schema: { type: 'string' } };
  };
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const method of Object.keys(item)) {
      if (!methods.includes(method)) continue;
      if (!keep.has(`${method} ${path}`)) delete item[method];
      else item[method].parameters = (item[method].parameters ?? []).map(bindable).filter(Boolean);
    }
    if (!Object.keys(item).some((k) => methods.includes(k))) delete doc.paths[path];
  }
  delete doc.webhooks;
  return doc;
}

function deref(doc: Record<string, any>, value: any): any {
  if (!value || typeof value.$ref !== 'string') return value;
  return value.$ref
    .slice(2)
    .split('/')
    .reduce((node: any, key: string) => node?.[key.replace(/~1/g, '/').replace(/~0/g, '~')], doc);
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolvePort(port));
    });
  });
}

describe.skipIf(!go.available)('Go users provider (openapi-generator:go-server) verified against the TypeScript consumer’s pact', () => {
  let dir: string;
  let binary: string;

  beforeAll(async () => {
    dir = scratch('interop-users');
    const spec = await loadOpenApi(join(REPO, 'specs', 'users.openapi.yaml'), { cwd: REPO });
    if (!existsSync(PACT)) throw new Error(`${PACT} is missing: test/contracts/demo.test.ts writes it from the TypeScript consumer test`);
    const pact = JSON.parse(readFileSync(PACT, 'utf8')) as Pact;
    const routes = new RouteMatcher(
      listOperations(spec).map((o) => ({ method: o.method, path: o.path })),
      ((spec.document.servers ?? []) as Array<{ url: string }>).map((s) => s.url),
    );
    const operations = listOperations(spec);
    for (const interaction of pact.interactions) {
      const route = routes.match(interaction.request.method, interaction.request.path);
      const operation = route && operations.find((o) => o.method.toUpperCase() === route.method.toUpperCase() && o.path === route.path);
      expect(IMPLEMENTED, `pact interaction "${interaction.description}" uses ${operation?.id ?? 'no operation of the spec'}: implement it in fixtures/users-server.go`).toContain(operation?.id);
    }

    mkdirSync(join(dir, 'specs'));
    mkdirSync(join(dir, 'go-spec'));
    writeFileSync(join(dir, 'go-spec', 'users.openapi.json'), JSON.stringify(projection(spec, IMPLEMENTED), null, 2));
    copyFileSync(join(REPO, 'specs', 'users.openapi.yaml'), join(dir, 'specs', 'users.openapi.yaml'));
    pinGenerator431(dir);
    writeFileSync(
      join(dir, 'covenant.yaml'),
      [
        'specs:',
        '  - path: specs/users.openapi.yaml',
        '    targets:',
        '      - name: typescript-client',
        '        output: generated/ts',
        '        options: { validation: true }',
        '  - path: go-spec/users.openapi.json',
        '    name: users-go',
        '    targets:',
        '      - name: openapi-generator:go-server',
        '        output: go/src/github.com/acme/users',
        '        options: { gitUserId: acme, gitRepoId: users, packageName: users }',
        '',
      ].join('\n'),
    );
    const gen = covenant(dir, ['gen']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);

    mkdirSync(join(dir, 'go', 'src', 'example.com', 'usersd'), { recursive: true });
    copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'users-server.go'), join(dir, 'go', 'src', 'example.com', 'usersd', 'main.go'));
    binary = join(dir, 'usersd');
    const build = goBuild(join(dir, 'go'), 'example.com/usersd', binary);
    expect(build.output).toBe('');
    expect(build.code).toBe(0);
    mkdirSync(join(dir, 'pacts'));
    copyFileSync(PACT, join(dir, 'pacts', 'orders-users.json'));

    copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'users-client.ts'), join(dir, 'client.ts'));
    const tsc = compileTypeScript(dir, 'build');
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
  }, 600_000);

  afterAll(() => removeScratch(dir));

  async function verify(extraServerArgs: string[] = []) {
    const port = await freePort();
    // the spec's server URL ends in /v1: the generated routes carry it, the pact's paths do not
    const base = `http://127.0.0.1:${port}/v1`;
    const result = covenant(dir, [
      'verify',
      '--provider',
      'users',
      '--provider-base-url',
      base,
      '--pacts',
      'pacts',
      '--start',
      [binary, '-addr', `127.0.0.1:${port}`, ...extraServerArgs].join(' '),
      '--health-url',
      `${base}/users/u1`,
      '--format',
      'json',
    ]);
    return { ...result, report: result.stdout ? (JSON.parse(result.stdout) as { ok: boolean; interactions: Array<{ description: string; outcome: string; mismatches: string[] }> }) : undefined };
  }

  it('covenant verify passes every interaction of the pact against the Go server', async () => {
    const { code, report, stderr } = await verify();
    expect(stderr).toBe('');
    expect(report!.interactions.map((i) => [i.description, i.outcome, i.mismatches])).toEqual(
      (JSON.parse(readFileSync(PACT, 'utf8')) as Pact).interactions.map((i) => [i.description, 'passed', []]),
    );
    expect(report!.ok).toBe(true);
    expect(code).toBe(0);
  });

  it('and fails, naming the interactions and statuses, when the server answers only what 4.3.1’s controllers can (200 or 500)', async () => {
    const { code, report } = await verify(['-plain']);
    const failed = Object.fromEntries(report!.interactions.filter((i) => i.outcome === 'failed').map((i) => [i.description, i.mismatches.join(' ')]));
    expect(Object.keys(failed).sort()).toEqual(['a guest signs up with a first order', 'a request for a user that does not exist']);
    expect(failed['a guest signs up with a first order']).toMatch(/201.*200|200.*201/);
    expect(failed['a request for a user that does not exist']).toMatch(/404.*500|500.*404/);
    expect(report!.ok).toBe(false);
    expect(code).toBe(1);
  });

  describe('and the TypeScript client (typescript-client, from the full users spec) calls it', () => {
    let server: Awaited<ReturnType<typeof startServer>> | undefined;
    let client: typeof import('./fixtures/users-client.js');
    beforeAll(async () => {
      client = (await import(pathToFileURL(join(dir, 'build', 'client.js')).href)) as typeof client;
      server = await startServer(binary, ['-addr', '127.0.0.1:0', '-stop-on-stdin-eof']);
    });
    afterAll(async () => {
      await server?.stop();
    });

    it('getUser: a typed User from Go; a missing user is the typed 404 problem', async () => {
      const base = `http://${server!.address}/v1`;
      expect(await client.getUser(base, 'u1', false)).toEqual({
        status: 200,
        user: { id: 'u1', name: 'Ada Lovelace', email: 'ada@example.com', role: 'member', createdAt: '2026-01-01T10:00:00Z' },
      });
      expect(await client.getUser(base, 'u404', false)).toEqual({ status: 404, problem: { title: 'Not Found', status: 404, detail: 'no user u404' } });
    });

    it('with validateResponses the client catches what 4.3.1’s models get wrong: the writeOnly password is always sent (empty)', async () => {
      // the generated User has `json:"password"` (required, so no omitempty): Go cannot leave it out
      const outcome = await client.getUser(`http://${server!.address}/v1`, 'u1', true);
      expect(outcome).toMatchObject({ invalid: { pointer: '/password' } });
    });
  });
});
