/**
 * String formats: an arbitrary of valid values (valid as ajv-formats' "full" mode checks them) and a
 * few values that are NOT of the format, for negative cases. Unknown formats are plain strings.
 */
import fc from 'fast-check';

const lower = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz0123456789'), minLength: 1, maxLength: 10 });
const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const isoDate = fc
  .date({ min: new Date('1970-01-01T00:00:00Z'), max: new Date('2100-12-31T23:59:59Z'), noInvalidDate: true })
  .map((d) => new Date(Math.floor(d.getTime() / 1000) * 1000));

export const FORMAT_VALUES: Record<string, fc.Arbitrary<string>> = {
  'date-time': isoDate.map((d) => d.toISOString().replace('.000Z', 'Z')),
  date: isoDate.map((d) => d.toISOString().slice(0, 10)),
  time: fc.tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }), fc.integer({ min: 0, max: 59 })).map(([h, m, s]) => `${pad(h)}:${pad(m)}:${pad(s)}Z`),
  email: fc.tuple(lower, lower, fc.constantFrom('com', 'org', 'test', 'dev')).map(([local, host, tld]) => `${local}@${host}.${tld}`),
  hostname: fc.tuple(lower, fc.constantFrom('com', 'org', 'test')).map(([host, tld]) => `${host}.${tld}`),
  uuid: fc.uuid(),
  uri: fc.tuple(fc.constantFrom('http', 'https'), lower, lower).map(([scheme, host, path]) => `${scheme}://${host}.example/${path}`),
  'uri-reference': fc.oneof(lower.map((p) => `/${p}`), lower.map((host) => `https://${host}.example/`)),
  url: lower.map((host) => `https://${host}.example/`),
  ipv4: fc.ipV4(),
  ipv6: fc.ipV6(),
  byte: fc.base64String({ maxLength: 24 }),
  int32: fc.integer().map(String),
};

/** Values that are not of the format (each checked against ajv-formats by the tests). */
export const FORMAT_VIOLATIONS: Record<string, string[]> = {
  'date-time': ['not-a-date-time', '2026-13-45T25:61:00Z'],
  date: ['not-a-date', '2026-02-30'],
  time: ['25:99:99'],
  email: ['not-an-email'],
  hostname: ['-bad-.host-'],
  uuid: ['not-a-uuid'],
  uri: ['not a uri'],
  ipv4: ['999.1.1.1'],
  ipv6: ['not:an:ip'],
  byte: ['*not base64*'],
};

export function formatArbitrary(format: unknown): fc.Arbitrary<string> | undefined {
  return typeof format === 'string' ? FORMAT_VALUES[format] : undefined;
}
