/** Server URLs from the spec's servers (a generated client's serverUrl()): index, variables, defaults, enums. */
import { describe, expect, it } from 'vitest';
import { resolveServerUrl, type ClientServer } from '../../../packages/runtime/src/client/servers.js';

const SERVERS: ClientServer[] = [
  { url: 'https://{region}.api.example.test/{version}/', variables: { region: { default: 'eu', enum: ['eu', 'us', 'ap'] }, version: { default: 'v2' } } },
  'http://localhost:8080',
];

describe('resolveServerUrl', () => {
  it('uses the first server with its defaults, without a trailing slash', () => {
    expect(resolveServerUrl(SERVERS)).toBe('https://eu.api.example.test/v2');
  });

  it('picks a server by index', () => {
    expect(resolveServerUrl(SERVERS, 1)).toBe('http://localhost:8080');
    expect(resolveServerUrl(SERVERS, { index: 1 })).toBe('http://localhost:8080');
  });

  it('fills the variables given, and the defaults for the others', () => {
    expect(resolveServerUrl(SERVERS, { variables: { region: 'us' } })).toBe('https://us.api.example.test/v2');
    expect(resolveServerUrl(SERVERS, { index: 0, variables: { region: 'ap', version: 'v3-beta' } })).toBe('https://ap.api.example.test/v3-beta');
  });

  it('refuses a value outside the enum, an unknown variable and an index out of range', () => {
    expect(() => resolveServerUrl(SERVERS, { variables: { region: 'mars' } })).toThrow('server 0 (https://{region}.api.example.test/{version}/): {region} is one of eu, us, ap, not "mars"');
    expect(() => resolveServerUrl(SERVERS, { variables: { zone: 'a' } })).toThrow('server 0 (https://{region}.api.example.test/{version}/) has no variable {zone}');
    expect(() => resolveServerUrl(SERVERS, { index: 1, variables: { region: 'us' } })).toThrow('server 1 (http://localhost:8080) has no variable {region}');
    expect(() => resolveServerUrl(SERVERS, 2)).toThrow('server 2: the spec has 2 server(s)');
  });

  it('refuses any server of a spec without servers', () => {
    expect(() => resolveServerUrl([])).toThrow('server 0: the spec has 0 server(s)');
  });
});
