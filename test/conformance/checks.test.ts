import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CHECKS } from '../../src/conformance/checks.js';
import { curlLine } from '../../src/conformance/http.js';
import { idFrom } from '../../src/conformance/stateful.js';

describe('covenant test pieces', () => {
  it('documents every check in docs/test.md', () => {
    const docs = readFileSync(new URL('../../docs/test.md', import.meta.url), 'utf8');
    for (const id of Object.keys(CHECKS)) expect(docs, id).toContain(`| \`${id}\` |`);
  });

  it('prints a curl line a shell replays byte for byte (quotes inside values)', () => {
    const line = curlLine('http://127.0.0.1:8080/v1', { method: 'post', path: '/users', query: [['q', "it's"]], headers: { 'X-Note': "a'b" }, body: { contentType: 'application/json', text: '{"name":"O\'Brien"}' } });
    expect(line).toBe(`curl -sS -X POST 'http://127.0.0.1:8080/v1/users?q=it'\\''s' -H 'X-Note: a'\\''b' -H 'Content-Type: application/json' --data-binary '{"name":"O'\\''Brien"}'`);
  });

  it('takes the created id from Location or from the body pointer', () => {
    expect(idFrom({ from: 'location' }, undefined, '/v1/users/u%207?x=1')).toBe('u 7');
    expect(idFrom({ from: 'location' }, undefined, null)).toBeUndefined();
    expect(idFrom({ from: 'body', pointer: '/data/id' }, { data: { id: 42 } }, null)).toBe('42');
    expect(idFrom({ from: 'body', pointer: '/id' }, { id: { nested: true } }, null)).toBeUndefined();
  });
});
