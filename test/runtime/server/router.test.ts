import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Router } from '../../../src/runtime/server/router.js';

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

  it('refuses duplicate operations, conflicting parameter names and two parameters in one segment', () => {
    expect(() => router.add('GET', '/users', 'again')).toThrow(/two operations/);
    expect(() => router.add('GET', '/users/{id}/x', 'x')).toThrow(/conflicts/);
    expect(() => router.add('GET', '/a/{x}-{y}', 'x')).toThrow(/one parameter per segment/);
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
