/** Ignore entries: what each field matches, and the expiry day boundary (library level). */
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../../src/findings.js';
import { applyIgnore, entryMatches, type IgnoreEntry } from '../../../src/breaking/ignore.js';

const at = { file: '.covenant-ignore.yaml', line: 1, column: 3 };
const entry = (fields: Partial<IgnoreEntry>): IgnoreEntry => ({ rule: 'response-property-removed', reason: 'agreed', position: at, ...fields });

const openapi: Finding = {
  rule: 'response-property-removed',
  level: 'error',
  message: 'm',
  spec: 'users',
  operation: 'GET /users/{id}',
  location: { file: 'HEAD~1:specs/users.openapi.yaml', line: 9, column: 5, pointer: '/paths/~1users~1{id}/get/responses/200' },
};
const proto: Finding = { rule: 'FIELD_NO_DELETE', level: 'error', message: 'm', spec: 'orders', location: { file: 'specs/orders/v1/orders.proto', line: 4, column: 1 } };

describe('ignore entries', () => {
  it.each([
    [{}, openapi, true],
    [{ rule: 'response-property-added' }, openapi, false],
    [{ spec: 'users' }, openapi, true],
    [{ spec: 'orders' }, openapi, false],
    [{ operation: 'get  /users/{id}' }, openapi, true],
    [{ operation: 'POST /users/{id}' }, openapi, false],
    [{ path: '/users/{id}' }, openapi, true],
    [{ path: '/users' }, openapi, false],
    [{ path: 'specs/users.openapi.yaml' }, openapi, true],
    [{ path: '/paths/~1users~1{id}/get' }, openapi, true],
    [{ rule: 'FIELD_NO_DELETE', path: 'orders/v1/orders.proto' }, proto, true],
    [{ rule: 'FIELD_NO_DELETE', path: 'v1/orders.proto' }, proto, true],
    [{ rule: 'FIELD_NO_DELETE', path: 'rders.proto' }, proto, false],
    [{ rule: 'FIELD_NO_DELETE', operation: 'GET /x' }, proto, false],
  ] as Array<[Partial<IgnoreEntry>, Finding, boolean]>)('%j matches %# → %s', (fields, finding, expected) => {
    expect(entryMatches(entry(fields), finding)).toBe(expected);
  });

  it('accepts through the expiry day, then warns once per expired entry', () => {
    const e = entry({ expires: '2026-11-24' });
    const onTheDay = applyIgnore([openapi], [e], '2026-11-24');
    expect(onTheDay).toEqual([{ ...openapi, accepted: { reason: 'agreed', expires: '2026-11-24' } }]);
    const after = applyIgnore([openapi, { ...openapi, message: 'second' }], [e], '2026-11-25');
    expect(after.filter((f) => f.accepted)).toEqual([]);
    expect(after.filter((f) => f.rule === 'ignore-entry-expired')).toEqual([
      { rule: 'ignore-entry-expired', level: 'warning', message: 'the ignore entry for response-property-removed expired on 2026-11-24 ("agreed"): its findings count again', location: at },
    ]);
  });

  it('a valid entry wins over an expired one for the same finding', () => {
    const result = applyIgnore([openapi], [entry({ expires: '2000-01-01' }), entry({ reason: 'renewed' })], '2026-11-25');
    expect(result).toEqual([{ ...openapi, accepted: { reason: 'renewed' } }]);
  });
});
