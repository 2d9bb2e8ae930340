/** Base URLs from the spec's servers: index, variables, defaults, enums; baseUrl overrides. */
import { describe, expect, it } from 'vitest';
import { resolveBaseUrl, type ClientServer } from '../../../packages/runtime/src/client/servers.js';

const SERVERS: ClientServer[] = [
  { url: 'https://{region}.api.example.test/{version}/', variables: { region: { default: 'eu', enum: ['eu', 'us', 'ap'] }, version: { default: 'v2' } } },
  'http://localhost:8080',
];

describe('resolveBaseUrl', () => {
  it('uses the first server with its defaults, without a trailing slash', () => {
    expect(resolveBaseUrl(SERVERS, undefined, undefined)).toBe('https://eu.api.example.test/v2');
  });

  it('picks a server by index', () => {
    expect(resolveBaseUrl(SERVERS, undefined, 1)).toBe('http://localhost:8080');
    expect(resolveBaseUrl(SERVERS, undefined, { index: 1 })).toBe('http://localhost:8080');
  });

  it('fills the variables given, and the defaults for the others', () => {
    expect(resolveBaseUrl(SERVERS, undefined, { variables: { region: 'us' } })).toBe('https://us.api.example.test/v2');
    expect(resolveBaseUrl(SERVERS, undefined, { index: 0, variables: { region: 'ap', version: 'v3-beta' } })).toBe('https://ap.api.example.test/v3-beta');
  });

  it('refuses a value outside the enum, an unknown variable and an index out of range', () => {
    expect(() => resolveBaseUrl(SERVERS, undefined, { variables: { region: 'mars' } })).toThrow('server 0 (https://{region}.api.example.test/{version}/): {region} is one of eu, us, ap, not "mars"');
    expect(() => resolveBaseUrl(SERVERS, undefined, { variables: { zone: 'a' } })).toThrow('server 0 (https://{region}.api.example.test/{version}/) has no variable {zone}');
    expect(() => resolveBaseUrl(SERVERS, undefined, { index: 1, variables: { region: 'us' } })).toThrow('server 1 (http://localhost:8080) has no variable {region}');
    expect(() => resolveBaseUrl(SERVERS, undefined, 2)).toThrow('server 2: the spec has 2 server(s)');
  });

  it('lets baseUrl override every server', () => {
    expect(resolveBaseUrl(SERVERS, 'http://127.0.0.1:9/api/', { variables: { region: 'mars' } })).toBe('http://127.0.0.1:9/api');
    expect(resolveBaseUrl([], undefined, undefined)).toBe('');
  });
});
