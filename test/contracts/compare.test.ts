import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { join } from 'node:path';
import { MatchersV3 } from '@pact-foundation/pact';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { comparePacts, comparatorDocument, specSegments } from '../../src/contracts/compare.js';
import { parsePact } from '../../src/contracts/pacts.js';
import { buildPath, toV3Interaction } from '../../src/contracts/pact/index.js';
import { REPO } from './support/cli.js';

const usersSpec = join(REPO, 'specs', 'users.openapi.yaml');

function pactOf(interactions: unknown[], version = '3.0.0') {
  return parsePact('pacts/t-users.json', JSON.stringify({ consumer: { name: 't' }, provider: { name: 'users' }, interactions, metadata: { pactSpecification: { version } } }, null, 2));
}

describe('specSegments: comparator locations → pointers of the bundled spec', () => {
  it('walks keys with dots and slashes, follows $refs, restarts at components, maps merged parameters', async () => {
    const spec = await loadOpenApi(usersSpec);
    const doc = spec.document;
    expect(specSegments(doc, '[root].paths./users/{userId}.get.responses.200.content.application/json.schema.components.schemas.Role.enum', '/users/{userId}', 'get')).toEqual(['components', 'schemas', 'Role', 'enum']);
    expect(specSegments(doc, '[root].paths./users.get.parameters[0].schema.maximum', '/users', 'get')).toEqual(['components', 'parameters', 'Limit', 'schema', 'maximum']);
    // getUser's own parameters come first in the comparator's list, then the path-level userId
    expect(specSegments(doc, '[root].paths./users/{userId}.get.parameters[2].schema.pattern', '/users/{userId}', 'get')).toEqual(['components', 'parameters', 'UserId', 'schema', 'pattern']);
    expect(specSegments(doc, '[root].paths./users.post.requestBody.content.application/json.schema.required', '/users', 'post')).toEqual(['components', 'schemas', 'User', 'required']);
    expect(specSegments(doc, '[root].paths', undefined, undefined)).toEqual(['paths']);
    expect(specSegments(doc, '[root].paths./users/{userId}.delete.responses', '/users/{userId}', 'delete')).toEqual(['paths', '/users/{userId}', 'delete', 'responses']);
  });
});

describe('comparatorDocument', () => {
  it('drops discriminators and readOnly required properties, and leaves the loaded spec alone', async () => {
    const spec = await loadOpenApi(usersSpec);
    const before = JSON.stringify(spec.document);
    const copy = comparatorDocument(spec.document);
    expect(JSON.stringify(spec.document)).toBe(before);
    expect(copy.components.schemas.Contact.discriminator).toBeUndefined();
    expect(copy.components.schemas.User.required).toEqual(['email', 'name', 'role', 'password']);
  });
});

describe('comparePacts on the demo spec', () => {
  it('accepts a create-user request without the server-assigned id, refuses a wrong enum, maps v4 body paths', async () => {
    const spec = await loadOpenApi(usersSpec);
    const user = { id: 'u1', email: 'a@example.com', name: 'A', role: 'admin', createdAt: '2026-01-01T00:00:00Z' };
    const v4 = pactOf(
      [
        {
          type: 'Synchronous/HTTP',
          description: 'create',
          request: { method: 'POST', path: '/users', headers: { Authorization: ['Bearer t'], 'Content-Type': ['application/json'] }, body: { content: { email: 'a@example.com', name: 'A', role: 'admin', password: 'correct horse battery' }, contentType: 'application/json', encoded: false } },
          response: { status: 201, headers: { 'Content-Type': ['application/json'] }, body: { content: { ...user, role: 'root' }, contentType: 'application/json', encoded: false } },
        },
      ],
      '4.0',
    );
    const findings = await comparePacts(spec, [v4]);
    expect(findings.map((f) => [f.rule, f.location?.pointer, (f.details?.pact as { line: number }).line])).toEqual([
      ['pact-response-body-incompatible', '/components/schemas/Role/enum', v4.locate(['interactions', 0, 'response', 'body', 'content', 'role']).line],
    ]);
    expect(findings[0]!.operation).toBe('POST /users');
  });

  it('reports readOnly properties sent and writeOnly properties expected, which the comparator does not', async () => {
    const spec = await loadOpenApi(usersSpec);
    const pact = pactOf([
      {
        description: 'create with an id',
        request: { method: 'POST', path: '/users', headers: { Authorization: 'Bearer t', 'Content-Type': 'application/json' }, body: { id: 'mine', email: 'a@example.com', name: 'A', role: 'admin', password: 'correct horse battery' } },
        response: { status: 201, headers: { 'Content-Type': 'application/json' }, body: { id: 'u1', password: 'correct horse battery' } },
      },
      {
        description: 'list with passwords',
        request: { method: 'GET', path: '/users', headers: { Authorization: 'Bearer t' } },
        response: { status: 200, headers: { 'Content-Type': 'application/json' }, body: { items: [{ id: 'u1' }, { id: 'u2', password: 'correct horse battery' }], nextCursor: null } },
      },
    ]);
    const findings = (await comparePacts(spec, [pact])).filter((f) => f.rule.includes('only'));
    const userProperty = (name: string) => spec.locate(['components', 'schemas', 'User', 'properties', name]).line;
    expect(findings.map((f) => [f.rule, f.operation, f.location?.line, (f.details?.pact as { line: number }).line])).toEqual([
      ['pact-request-read-only-property', 'POST /users', userProperty('id'), pact.locate(['interactions', 0, 'request', 'body', 'id']).line],
      ['pact-response-write-only-property', 'POST /users', userProperty('password'), pact.locate(['interactions', 0, 'response', 'body', 'password']).line],
      ['pact-response-write-only-property', 'GET /users', userProperty('password'), pact.locate(['interactions', 1, 'response', 'body', 'items', 1, 'password']).line],
    ]);
    expect(findings[2]!.message).toMatch(/^t "list with passwords" at response\.body\.items\[1\]\.password: expects "password", which the spec marks writeOnly/);
  });

  it('never throws on random response bodies: each result is a finding with a spec location', async () => {
    const spec = await loadOpenApi(usersSpec);
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 3 }), async (body) => {
        const pact = pactOf([{ description: 'r', request: { method: 'GET', path: '/users/u1', headers: { Authorization: 'Bearer t' } }, response: { status: 200, headers: { 'Content-Type': 'application/json' }, body } }]);
        const findings = await comparePacts(spec, [pact]);
        for (const f of findings) {
          expect(f.rule).toMatch(/^pact-[a-z-]+$/);
          expect(f.location?.file).toBe(spec.file);
          expect(f.location?.line).toBeGreaterThan(0);
        }
      }),
      { numRuns: 40 },
    );
  });
});

describe('covenant/pact interaction builder', () => {
  it('fills path parameters, escaped, and turns matcher parameters into a path regex', () => {
    expect(buildPath('/users/{userId}', { userId: 'a b/c' })).toBe('/users/a%20b%2Fc');
    const matched = buildPath('/users/{userId}/avatar', { userId: MatchersV3.regex('^u[0-9]+$', 'u42') }) as MatchersV3.V3RegexMatcher;
    expect(matched.regex).toBe('^/users/(?:u[0-9]+)/avatar$');
    expect(MatchersV3.reify(matched)).toBe('/users/u42/avatar');
    expect(() => buildPath('/users/{userId}', {})).toThrow(/no value for parameter "userId"/);
  });

  it('builds the V3 interaction: states, query strings, content types', () => {
    const v3 = toV3Interaction({
      description: 'd',
      states: ['s1', { description: 's2', parameters: { id: 1 } }],
      path: '/users',
      method: 'post',
      request: { query: { limit: 10, role: ['admin', 'viewer'] }, body: { name: 'x' } },
      response: { status: 201, body: { id: 'u1' }, contentType: 'application/problem+json' },
    });
    expect(v3).toEqual({
      uponReceiving: 'd',
      states: [{ description: 's1' }, { description: 's2', parameters: { id: 1 } }],
      withRequest: { method: 'POST', path: '/users', query: { limit: '10', role: ['admin', 'viewer'] }, headers: { 'Content-Type': 'application/json' }, body: { name: 'x' } },
      willRespondWith: { status: 201, headers: { 'Content-Type': 'application/problem+json' }, body: { id: 'u1' } },
    });
  });
});
