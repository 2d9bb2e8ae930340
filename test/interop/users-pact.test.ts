/**
 * Go HTTP provider ↔ TypeScript consumer, through a pact: `openapi-generator:go-server` (OpenAPI
 * Generator 4.3.1, the jar shipped in node_modules) generates the users service from
 * specs/users.openapi.yaml, the test fills in the handlers (fixtures/users-server.go), Go builds it
 * offline in GOPATH mode, and `covenant verify` replays the pact the TypeScript consumer wrote
 * (pacts/orders-users.json) against it — started by `verify --start` on 127.0.0.1.
 *
 * 4.3.1's go-server cannot compile every operation of the users spec (it binds cookie parameters,
 * array/object path parameters and content-typed parameters as plain strings), so the test
 * generates the operations the pact uses, with the cookie parameter left out; it fails, naming the
 * interaction, when the pact starts using an operation the Go fixture does not implement.
 */
import { copyFileSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RouteMatcher } from '../../src/contracts/routes.js';
import { listOperations } from '../../src/spec/openapi/operations.js';
import { loadOpenApi, type OpenApiSpec } from '../../src/spec/openapi/load.js';
import { covenant, goBuild, goToolchain, pinGenerator431, REPO, removeScratch, scratch } from './support.js';

const go = goToolchain();
if (!go.available) console.warn(go.reason);

/** Operations fixtures/users-server.go implements. */
const IMPLEMENTED = ['getUser'];

/** The consumer's pact when the consumer test has written it; else this test's own (said so on stderr). */
const REPO_PACT = join(REPO, 'pacts', 'orders-users.json');
const PACT = existsSync(REPO_PACT) ? REPO_PACT : join(REPO, 'test', 'interop', 'fixtures', 'pacts', 'orders-users.json');
if (PACT !== REPO_PACT) console.warn(`users-pact: ${REPO_PACT} does not exist yet; verifying against ${PACT}`);

interface Pact {
  interactions: Array<{ description: string; request: { method: string; path: string } }>;
}

/** The spec with only `operations`, cookie parameters removed (4.3.1's go-server cannot bind them). */
function projection(spec: OpenApiSpec, operations: string[]): Record<string, any> {
  const doc = structuredClone(spec.document) as Record<string, any>;
  const keep = new Set(listOperations(spec).filter((o) => operations.includes(o.id)).map((o) => `${o.method} ${o.path}`));
  for (const [path, item] of Object.entries(doc.paths as Record<string, Record<string, any>>)) {
    for (const method of Object.keys(item)) {
      if (!['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(method)) continue;
      if (!keep.has(`${method} ${path}`)) delete item[method];
      else item[method].parameters = (item[method].parameters ?? []).filter((p: any) => deref(doc, p).in !== 'cookie');
    }
    if (!Object.keys(item).some((k) => ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'].includes(k))) delete doc.paths[path];
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
    writeFileSync(join(dir, 'specs', 'users.openapi.json'), JSON.stringify(projection(spec, IMPLEMENTED), null, 2));
    pinGenerator431(dir);
    writeFileSync(
      join(dir, 'covenant.yaml'),
      [
        'specs:',
        '  - path: specs/users.openapi.json',
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
      `${base}/users/42`,
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

  it('and fails, naming the interaction and the field, when the Go server answers differently', async () => {
    const { code, report } = await verify(['-name', 'Grace']);
    const failed = report!.interactions.filter((i) => i.outcome === 'failed');
    expect(failed.length).toBeGreaterThan(0);
    expect(failed.flatMap((i) => i.mismatches).join('\n')).toMatch(/\$\.name.*Grace|Grace.*\$\.name/s);
    expect(report!.ok).toBe(false);
    expect(code).toBe(1);
  });
});
