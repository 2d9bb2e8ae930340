import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { annotateConsumers } from '../../src/contracts/consumers.js';
import { parsePact, readPactsDir } from '../../src/contracts/pacts.js';
import { RouteMatcher } from '../../src/contracts/routes.js';
import { bodyHas, type BodyStep } from '../../src/contracts/usage.js';
import type { Finding } from '../../src/findings.js';

const here = fileURLToPath(new URL('.', import.meta.url));
const fixtures = join(here, 'fixtures');
const pactsDir = join(fixtures, 'pacts');

function finding(pointer: string | undefined, operation?: string): Finding {
  return { rule: 'test-rule', level: 'error', message: 'm', spec: 'users', operation, location: pointer === undefined ? undefined : { file: 'users.openapi.yaml', pointer } };
}

async function consumersOf(list: Finding[], options: Parameters<typeof annotateConsumers>[3] = {}) {
  const spec = await loadOpenApi(join(fixtures, 'users.openapi.yaml'), { name: 'users' });
  const annotated = await annotateConsumers(list, spec, pactsDir, options);
  return annotated.map((f) => f.consumers);
}

describe('annotateConsumers', () => {
  it('names the consumers that touch each element, and [] when none does', async () => {
    const table: Array<[Finding, string[] | undefined]> = [
      // operations, by pointer or by name; another provider's pact (web → catalog) never counts
      [finding('#/paths/~1users~1{id}/get'), ['orders']],
      [finding(undefined, 'GET /users/{id}'), ['orders']],
      [finding(undefined, 'DELETE /users/{id}'), []],
      [finding('/paths/~1users~1me/get'), []],
      [finding('#/paths/~1users/get/parameters/0', 'GET /users'), ['billing']],
      // path-level pointer: every method of that path
      [finding('#/paths/~1users~1{id}/parameters/0'), ['orders']],
      // response status: only interactions expecting that status
      [finding('#/paths/~1users~1{id}/get/responses/404'), ['orders']],
      [finding('#/paths/~1users/post/responses/422'), []],
      [finding('#/paths/~1users/post/responses/201'), ['billing']],
      // schema properties: reached through $refs, arrays and nesting; only bodies that carry them
      [finding('#/components/schemas/User/properties/email'), ['billing']],
      [finding('#/components/schemas/User/properties/name'), ['billing', 'orders']],
      [finding('#/components/schemas/Address/properties/city'), ['orders']],
      [finding('#/components/schemas/Address/properties/zip'), []],
      [finding('#/components/schemas/User/properties/email/format'), ['billing']],
      // request bodies: what the consumer sends
      [finding('#/components/schemas/NewUser/properties/email'), []],
      [finding('#/components/schemas/NewUser/properties/name'), ['billing']],
      [finding('#/paths/~1users/post/requestBody/content/application~1json/schema/properties/name'), ['billing']],
      // global elements touch every consumer of the provider
      [finding('#/servers/0'), ['billing', 'orders']],
      // nothing to go on: left alone
      [finding(undefined), undefined],
    ];
    const got = await consumersOf(table.map(([f]) => f));
    expect(got).toEqual(table.map(([, expected]) => expected));
  });

  it('matches removed operations by the finding operation, and other provider names on request', async () => {
    const extra = parsePact(
      'accounts.json',
      JSON.stringify({
        consumer: { name: 'audit' },
        provider: { name: 'users' },
        interactions: [{ description: 'old accounts api', request: { method: 'GET', path: '/accounts/5' }, response: { status: 200 } }],
        metadata: { pactSpecification: { version: '3.0.0' } },
      }),
    );
    const pacts = [...readPactsDir(pactsDir), extra];
    expect(await consumersOf([finding(undefined, 'GET /accounts/{id}'), finding(undefined, 'GET /accounts')], { pacts })).toEqual([['audit'], []]);
    expect(await consumersOf([finding(undefined, 'GET /users/{id}')], { providers: ['catalog', 'users'] })).toEqual([['orders', 'web']]);
    expect(await consumersOf([finding(undefined, 'GET /users/{id}')], { providers: ['Catalog'] })).toEqual([['web']]);
  });

  it('narrows a shared schema element to the operation and side a finding names', async () => {
    const email = '#/components/schemas/User/properties/email';
    const at = (rule: string, operation: string) => ({ ...finding(email, operation), rule });
    expect(
      await consumersOf([
        at('response-property-removed', 'GET /users'),
        at('response-property-removed', 'GET /users/me'),
        at('response-property-removed', 'POST /users'),
        at('response-property-removed', 'GET /users/{id}'),
        // User is not in the request of POST /users: the trace cannot place it, so every caller counts
        at('request-property-removed', 'POST /users'),
      ]),
    ).toEqual([['billing'], [], [], [], ['billing']]);
  });

  it('returns new findings and keeps every other field', async () => {
    const input = [finding('#/paths/~1users~1{id}/get', 'GET /users/{id}')];
    const spec = await loadOpenApi(join(fixtures, 'users.openapi.yaml'), { name: 'users' });
    const out = await annotateConsumers(input, spec, pactsDir);
    expect(input[0]!.consumers).toBeUndefined();
    expect(out[0]).toEqual({ ...input[0], consumers: ['orders'] });
  });

  it('claims nothing (no consumers field) when no pact is for the spec: an empty folder proves nothing', async () => {
    const spec = await loadOpenApi(join(fixtures, 'users.openapi.yaml'), { name: 'users' });
    const out = await annotateConsumers([finding('#/servers/0'), finding(undefined, 'GET /users')], spec, join(fixtures, 'no-such-folder'));
    expect(out.map((f) => f.consumers)).toEqual([undefined, undefined]);
    const otherProvider = await annotateConsumers([finding(undefined, 'GET /users')], spec, pactsDir, { providers: ['someone-else'] });
    expect(otherProvider[0]!.consumers).toBeUndefined();
  });
});

describe('readPactsDir', () => {
  it('reads v2, v3 and v4 pacts, keeps HTTP interactions only, decodes v4 bodies', () => {
    const pacts = readPactsDir(pactsDir);
    expect(pacts.map((p) => [p.consumer, p.provider, p.interactions.length])).toEqual([
      ['billing', 'users', 2],
      ['orders', 'users', 2],
      ['web', 'catalog', 1],
    ]);
    const billing = pacts[0]!;
    expect(billing.interactions.map((i) => i.index)).toEqual([0, 2]);
    expect(billing.interactions[1]!.requestBody).toEqual({ name: 'Cy' });
    expect(billing.interactions[0]!.query).toEqual({ limit: ['10'] });
    expect(billing.locate(['interactions', 2, 'request']).line).toBe(23);
    expect(pacts[1]!.interactions[0]!.states).toEqual(['user 42 exists']);
  });

  it('reports malformed pacts with file:line', () => {
    expect(() => parsePact('bad.json', '{"consumer": {"name": "a"}}')).toThrow(/consumer.name and provider.name/);
    try {
      parsePact('bad.json', '{\n  "consumer": {"name": "a"},\n  "provider": {"name": "b"},\n  "interactions": [\n    {"request": {"path": "/x"}}\n  ]\n}');
      expect.unreachable();
    } catch (error) {
      expect((error as { toLine(): string }).toLine()).toBe('bad.json:5:6: interaction request needs a method and a path');
    }
  });
});

describe('RouteMatcher', () => {
  const router = new RouteMatcher(
    [
      { method: 'GET', path: '/users/{id}' },
      { method: 'GET', path: '/users/me' },
      { method: 'GET', path: '/files/{name}.json' },
      { method: 'GET', path: '/users/nearby{location}' },
      { method: 'POST', path: '/users' },
    ],
    ['https://api.example.com/v1', '/'],
  );
  it('prefers literal segments, accepts server prefixes and ignores queries', () => {
    expect(router.match('get', '/users/me')?.path).toBe('/users/me');
    expect(router.match('GET', '/users/42?x=1')?.path).toBe('/users/{id}');
    expect(router.match('GET', '/v1/users/42')?.path).toBe('/users/{id}');
    expect(router.match('GET', '/files/a.json')?.path).toBe('/files/{name}.json');
    expect(router.match('GET', '/files/a.yaml')).toBeUndefined();
    expect(router.match('DELETE', '/users/42')).toBeUndefined();
    expect(router.match('POST', '/users/')?.path).toBe('/users');
    expect(router.match('GET', '/users/nearby;lat=1;lon=2')?.path).toBe('/users/nearby{location}');
  });

  it('matches any single-segment value of a template parameter', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-z0-9._~-]{1,20}$/), (id) => {
        const route = router.match('GET', `/users/${id}`);
        expect(route?.path).toBe(id === 'me' ? '/users/me' : id.startsWith('nearby') && id.length > 6 ? '/users/nearby{location}' : '/users/{id}');
      }),
    );
  });
});

describe('bodyHas', () => {
  it('finds every key path that exists in a JSON body, and none that does not', () => {
    const key = fc.stringMatching(/^[a-z]{1,4}$/);
    fc.assert(
      fc.property(fc.dictionary(key, fc.dictionary(key, fc.jsonValue(), { maxKeys: 3 }), { maxKeys: 4 }), key, key, (body, a, b) => {
        const steps: BodyStep[] = [{ key: a }, { key: b }];
        const expected = Object.prototype.hasOwnProperty.call(body, a) && Object.prototype.hasOwnProperty.call(body[a], b);
        expect(bodyHas(body, steps)).toBe(expected);
        expect(bodyHas({ list: [1, body] }, [{ key: 'list' }, { any: true }, ...steps])).toBe(expected);
      }),
    );
  });
});
