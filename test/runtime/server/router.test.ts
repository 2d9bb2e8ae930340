import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Router } from '../../../packages/runtime/src/server/router.js';

describe('Router', () => {
  const router = new Router<string>();
  router.add('get', '/users', 'listUsers');
  router.add('post', '/users', 'createUser');
  router.add('get', '/users/{userId}', 'getUser');
  router.add('delete', '/users/{userId}', 'deleteUser');
  router.add('get', '/users/me', 'getMe');
  router.add('get', '/users/nearby{location}', 'nearby');
  router.add('get', '/users/{userId}/avatar', 'avatar');
  router.add('get', '/files/{name}.json', 'jsonFile');
  router.add('get', '/', 'root');

  it.each([
    ['GET', '/users', 'listUsers', {}],
    ['POST', '/users', 'createUser', {}],
    ['GET', '/users/u1', 'getUser', { userId: 'u1' }],
    ['GET', '/users/me', 'getMe', {}],
    ['GET', '/users/nearby;lat=1;lon=2', 'nearby', { location: ';lat=1;lon=2' }],
    ['GET', '/users/u%201/avatar', 'avatar', { userId: 'u%201' }],
    ['GET', '/files/report.json', 'jsonFile', { name: 'report' }],
    ['GET', '/', 'root', {}],
    ['HEAD', '/users/u1', 'getUser', { userId: 'u1' }],
  ])('%s %s → %s', (method, path, route, params) => {
    expect(router.match(method, path)).toEqual({ kind: 'found', route, params });
  });

  it('static segments win over affixed ones, which win over bare parameters', () => {
    expect(router.match('GET', '/users/me')).toMatchObject({ route: 'getMe' });
    expect(router.match('GET', '/users/nearbyX')).toMatchObject({ route: 'nearby', params: { location: 'X' } });
    expect(router.match('GET', '/users/nearb')).toMatchObject({ route: 'getUser', params: { userId: 'nearb' } });
  });

  it('backtracks when a more specific branch dead-ends', () => {
    // /users/me has no /avatar child: the parameter branch must be tried
    expect(router.match('GET', '/users/me/avatar')).toMatchObject({ route: 'avatar', params: { userId: 'me' } });
  });

  it('unknown paths are not found; empty segments do not bind parameters', () => {
    expect(router.match('GET', '/nope')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/users/')).toEqual({ kind: 'not-found' });
    expect(router.match('GET', '/users/u1/avatar/x')).toEqual({ kind: 'not-found' });
  });

  it('a known path with another method → method-not-allowed with the sorted Allow list (HEAD implied by GET)', () => {
    expect(router.match('PUT', '/users/u1')).toEqual({ kind: 'method-not-allowed', allowed: ['DELETE', 'GET', 'HEAD'] });
    expect(router.match('DELETE', '/users')).toEqual({ kind: 'method-not-allowed', allowed: ['GET', 'HEAD', 'POST'] });
  });

  it('refuses duplicate operations (whatever their parameter names), a repeated parameter and two parameters in one segment', () => {
    expect(() => router.add('GET', '/users', 'again')).toThrow(/two operations/);
    expect(() => router.add('GET', '/users/{id}', 'again')).toThrow(/two operations/);
    expect(() => router.add('GET', '/a/{x}/b/{x}', 'x')).toThrow(/appears twice/);
    expect(() => router.add('GET', '/a/{x}{y}', 'x')).toThrow(/need text between them/);
    expect(() => router.add('GET', '/a/{x', 'x')).toThrow(/unclosed/);
  });

  it('names parameters after the matched template when templates use other names at the same position (as GitHub does)', () => {
    const r = new Router<string>();
    r.add('get', '/enterprises/{enterprise}/teams/{team_slug}', 'team');
    r.add('get', '/enterprises/{enterprise-team}/memberships', 'members');
    r.add('delete', '/enterprises/{e}/teams/{t}', 'deleteTeam');
    r.add('get', '/files/{name}.json/{rest}', 'json');
    r.add('get', '/files/{other}.json', 'jsonFile');
    expect(r.match('GET', '/enterprises/acme/teams/core')).toEqual({ kind: 'found', route: 'team', params: { enterprise: 'acme', team_slug: 'core' } });
    expect(r.match('GET', '/enterprises/acme/memberships')).toEqual({ kind: 'found', route: 'members', params: { 'enterprise-team': 'acme' } });
    expect(r.match('DELETE', '/enterprises/acme/teams/core')).toEqual({ kind: 'found', route: 'deleteTeam', params: { e: 'acme', t: 'core' } });
    expect(r.match('GET', '/files/a.json/b')).toEqual({ kind: 'found', route: 'json', params: { name: 'a', rest: 'b' } });
    expect(r.match('GET', '/files/a.json')).toEqual({ kind: 'found', route: 'jsonFile', params: { other: 'a' } });
  });

  it('several parameters in one segment, split at the literal text between them (GitHub compare: {base}...{head})', () => {
    const r = new Router<string>();
    r.add('get', '/repos/{owner}/{repo}/compare/{base}...{head}', 'compare');
    r.add('get', '/v/{major}.{minor}.{patch}-beta', 'beta');
    r.add('get', '/v/{version}', 'version');
    expect(r.match('GET', '/repos/o/r/compare/main...feature/x')).toEqual({ kind: 'not-found' });
    expect(r.match('GET', '/repos/o/r/compare/main...feat.x')).toEqual({ kind: 'found', route: 'compare', params: { owner: 'o', repo: 'r', base: 'main', head: 'feat.x' } });
    expect(r.match('GET', '/repos/o/r/compare/...x')).toEqual({ kind: 'not-found' });
    expect(r.match('GET', '/v/1.2.3-beta')).toEqual({ kind: 'found', route: 'beta', params: { major: '1', minor: '2', patch: '3' } });
    expect(r.match('GET', '/v/1.2-beta')).toEqual({ kind: 'found', route: 'version', params: { version: '1.2-beta' } });
    expect(r.match('GET', '/v/1.2.3')).toEqual({ kind: 'found', route: 'version', params: { version: '1.2.3' } });
  });

  it('matches generated templates and gives back every parameter value (property)', () => {
    const name = fc.stringMatching(/^[a-z][a-zA-Z0-9_]{0,8}$/);
    const literal = fc.stringMatching(/^[a-z0-9-]{1,8}$/);
    const value = fc.stringMatching(/^[A-Za-z0-9%._~-]{1,12}$/);
    const segment = fc.oneof(
      literal.map((text) => ({ template: text, path: () => text, param: undefined as string | undefined })),
      fc.tuple(name, value).map(([p, v]) => ({ template: `{${p}}`, path: () => v, param: p, value: v })),
    );
    fc.assert(
      fc.property(fc.array(segment, { minLength: 1, maxLength: 6 }), (segments) => {
        const names = segments.map((s) => s.param).filter((p): p is string => p !== undefined);
        fc.pre(new Set(names).size === names.length);
        const r = new Router<string>();
        r.add('GET', `/${segments.map((s) => s.template).join('/')}`, 'op');
        const match = r.match('GET', `/${segments.map((s) => s.path()).join('/')}`);
        const expected: Record<string, string> = {};
        for (const s of segments as Array<{ param?: string; value?: string }>) if (s.param) expected[s.param] = s.value!;
        expect(match).toEqual({ kind: 'found', route: 'op', params: expected });
      }),
    );
  });
});
