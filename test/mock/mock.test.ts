import { copyFileSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { REPO, scratch } from '../cli/support.js';
import { runMockCli, type MockProcess } from './support.js';
import { responseChecker, type ResponseCheck } from './values.js';

const FIXTURES = join(import.meta.dirname, 'fixtures');
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

let dir: string;
let mock: MockProcess;
let check: ResponseCheck;

async function call(path: string, init: RequestInit = {}): Promise<{ status: number; headers: Headers; body: any }> {
  const response = await fetch(mock.url + path, { ...init, signal: AbortSignal.timeout(10_000) });
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text ? JSON.parse(text) : undefined };
}

beforeAll(async () => {
  dir = scratch('mock');
  copyFileSync(join(FIXTURES, 'pets.openapi.yaml'), join(dir, 'pets.openapi.yaml'));
  check = await responseChecker(join(FIXTURES, 'pets.openapi.yaml'));
  mock = await runMockCli(['pets.openapi.yaml'], dir);
}, 30_000);

afterAll(async () => {
  await mock?.stop();
});

describe('covenant mock: answers from the spec', () => {
  it('serves the first valid example with the declared headers (required ones generated when they have no example)', async () => {
    const r = await call('/pets/1');
    expect(r.status).toBe(200);
    expect(r.body).toEqual({ id: 1, name: 'Tom', tag: 'cat' });
    expect(r.headers.get('content-type')).toBe('application/json');
    expect(r.headers.get('x-rate-limit')).toBe('100');
    expect(r.headers.get('x-request-id')).toMatch(UUID);
  });

  it('picks a named example with Prefer: example=<name>, and lists the valid ones for an unknown name', async () => {
    expect((await call('/pets/1', { headers: { prefer: 'example=dog' } })).body).toEqual({ id: 2, name: 'Rex', tag: 'dog' });
    const unknown = await call('/pets/1', { headers: { prefer: 'example=broken' } });
    expect(unknown.status).toBe(400);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.body.detail).toContain('examples: cat, dog');
  });

  it('reports an example that does not match its schema at its file:line:col and never serves it', () => {
    expect(mock.stderr.some((l) => /^covenant: pets\.openapi\.yaml:23:27: example does not match its schema: \/id must be integer/.test(l))).toBe(true);
  });

  it('answers the documented status chosen with Prefer: code=<status>, and refuses an undocumented one', async () => {
    const r = await call('/pets/1', { headers: { prefer: 'code=404' } });
    expect(r.status).toBe(404);
    expect(r.body).toEqual({ message: 'no such pet' });
    const undocumented = await call('/pets/1', { headers: { prefer: 'code=503' } });
    expect(undocumented.status).toBe(400);
    expect(undocumented.body.detail).toBe('Prefer: code=503 is not documented here (documented: 200, 404)');
  });

  it('generates a body from the schema when there is no example: valid, and the same for the same request', async () => {
    const first = await call('/pets?limit=3');
    expect(first.status).toBe(200);
    expect(check('listPets', '200', 'application/json', first.body)).toEqual([]);
    expect(first.headers.get('x-trace')).toMatch(/^t-[0-9]{4}$/);
    expect((await call('/pets?limit=3')).body).toEqual(first.body);
  });

  it('generates realistic formats (uuid, email, date-time, uri) for a default response, answered 200', async () => {
    const r = await call('/owners/4b0c6a43-54b5-4a39-9f9a-0d6a3d1b2c11');
    expect(r.status).toBe(200);
    expect(check('getOwner', 'default', 'application/json', r.body)).toEqual([]);
    expect(r.body.id).toMatch(UUID);
    expect(r.body.email).toMatch(/^[^@\s]+@[^@\s]+\.[a-z]+$/);
    expect(Number.isNaN(Date.parse(r.body.joined))).toBe(false);
    expect(new URL(r.body.homepage).protocol).toMatch(/^https?:$/);
  });

  it('generates instead of the example with Prefer: dynamic=true', async () => {
    const r = await call('/pets/1', { headers: { prefer: 'dynamic=true' } });
    expect(r.status).toBe(200);
    expect(check('getPet', '200', 'application/json', r.body)).toEqual([]);
    expect(r.body).not.toEqual({ id: 1, name: 'Tom', tag: 'cat' });
  });
});

describe('covenant mock: requests validated by the server runtime', () => {
  it('400 for a parameter outside its schema, 404 for an unknown path, 405 with Allow for a wrong method', async () => {
    const bad = await call('/pets/0');
    expect([bad.status, bad.headers.get('content-type')]).toEqual([400, 'application/problem+json']);
    expect(bad.body.errors[0].pointer).toBe('/path/id');
    expect((await call('/nothing')).status).toBe(404);
    const wrong = await call('/pets', { method: 'DELETE' });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get('allow')).toBe('GET, HEAD, POST');
  });

  it('401 without the credential the operation names, 415 for an undocumented body type, 400 for an invalid body, else the example', async () => {
    const json = { 'content-type': 'application/json' };
    expect((await call('/pets', { method: 'POST', headers: json, body: '{"name":"Kit"}' })).status).toBe(401);
    const key = { 'x-api-key': 'anything' };
    expect((await call('/pets', { method: 'POST', headers: { ...key, 'content-type': 'text/plain' }, body: 'Kit' })).status).toBe(415);
    const invalid = await call('/pets', { method: 'POST', headers: { ...key, ...json }, body: '{"name":"Kit","age":3}' });
    expect(invalid.status).toBe(400);
    expect(invalid.body.errors[0].pointer).toBe('/body/age');
    const created = await call('/pets', { method: 'POST', headers: { ...key, ...json }, body: '{"name":"Kit"}' });
    expect([created.status, created.body]).toEqual([201, { id: 3, name: 'New' }]);
  });

  it('answers CORS preflights and marks answers for browsers', async () => {
    const preflight = await call('/pets', { method: 'OPTIONS', headers: { origin: 'http://app.test', 'access-control-request-method': 'POST', 'access-control-request-headers': 'x-api-key' } });
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(preflight.headers.get('access-control-allow-methods')).toContain('POST');
    const r = await call('/pets/1', { headers: { origin: 'http://app.test' } });
    expect(r.headers.get('access-control-allow-origin')).toBe('http://app.test');
    expect(r.headers.get('access-control-expose-headers')).toContain('x-rate-limit');
  });

  it('prints one line per request: method, path, status, time', async () => {
    await call('/pets/2?x=1', { headers: { prefer: 'code=404' } });
    await mock.waitFor(/^GET \/pets\/2\?x=1 -> 404 \(\d+\.\d ms\)$/, 5_000);
  });
});

describe('covenant mock: reloads when the spec changes', () => {
  it('serves the edited spec, and keeps the last good one (printing the error line) on a bad edit', async () => {
    const file = join(dir, 'pets.openapi.yaml');
    const original = readFileSync(file, 'utf8');
    writeFileSync(file, original.replace('name: Tom', 'name: Thomas'));
    await mock.waitFor(/^pets: reloaded pets\.openapi\.yaml \(4 operations\)$/, 10_000);
    expect((await call('/pets/1')).body.name).toBe('Thomas');
    writeFileSync(file, original.replace('paths:', 'paths: [oops'));
    const error = await mock.waitFor(/still serving the last good version of pets/, 10_000);
    expect(error).toMatch(/^covenant: pets\.openapi\.yaml:\d+:\d+: /);
    expect((await call('/pets/1')).body.name).toBe('Thomas');
  }, 30_000);
});

describe('covenant mock: several specs, quiet', () => {
  it('mounts each spec under /<spec name> and prints no request line with --quiet', async () => {
    const several = scratch('mock-several');
    copyFileSync(join(FIXTURES, 'pets.openapi.yaml'), join(several, 'pets.openapi.yaml'));
    copyFileSync(join(FIXTURES, 'shop.openapi.yaml'), join(several, 'shop.openapi.yaml'));
    const two = await runMockCli(['pets.openapi.yaml', 'shop.openapi.yaml', '--quiet', '--no-watch'], several);
    try {
      expect(two.stdout).toContain(`pets: 4 operations from pets.openapi.yaml at ${two.url}/pets/`);
      const pet = await fetch(`${two.url}/pets/pets/1`);
      expect(await pet.json()).toEqual({ id: 1, name: 'Tom', tag: 'cat' });
      const shop = await fetch(`${two.url}/shop/pets`);
      expect(await shop.json()).toEqual(['goldfish', 'hamster']);
      const elsewhere = await fetch(`${two.url}/other/pets`);
      expect(elsewhere.status).toBe(404);
      expect((await elsewhere.json()).detail).toBe('no spec is mounted at /other/pets (mounted: /pets/, /shop/)');
      expect(two.stdout.filter((l) => l.includes(' -> '))).toEqual([]);
    } finally {
      await two.stop();
    }
  }, 30_000);
});

describe('covenant mock: discovery', () => {
  it('with no argument mocks every OpenAPI spec under specs/ and skips proto modules with a note', async () => {
    const all = await runMockCli(['--quiet', '--no-watch'], REPO);
    try {
      expect(all.stdout).toContain('orders: skipped (proto module at specs; covenant mock serves OpenAPI specs)');
      expect(all.stdout).toContain(`users: 14 operations from specs/users.openapi.yaml at ${all.url}/`);
      const health = await fetch(`${all.url}/health`);
      expect(health.status).toBe(200);
    } finally {
      await all.stop();
    }
  }, 30_000);
});
