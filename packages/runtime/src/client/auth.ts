/**
 * Security schemes applied from the client's credentials: for each operation the first security
 * alternative whose schemes all have credentials is used; operations without security get none.
 */
import { encodeUnreserved } from './encode.js';

export interface ClientSecurityScheme {
  type: 'http' | 'apiKey' | 'oauth2' | 'openIdConnect' | 'mutualTLS';
  /** For `http`: `bearer`, `basic`, or another scheme sent as `Authorization: <scheme> <value>`. */
  scheme?: string;
  /** For `apiKey`. */
  in?: 'header' | 'query' | 'cookie';
  name?: string;
}

/** A secret, or a function that returns one when a request needs it (token refresh). */
export type Secret = string | (() => string | Promise<string>);

export interface BasicCredentials {
  username: string;
  password: string;
}

export type Credential = Secret | BasicCredentials;

export interface AppliedSecurity {
  headers: Array<[string, string]>;
  query: string[];
  cookies: string[];
}

async function secretOf(value: Credential): Promise<string> {
  if (typeof value === 'function') return value();
  if (typeof value === 'string') return value;
  return `${value.username}:${value.password}`;
}

function base64(text: string): string {
  let binary = '';
  for (const byte of new TextEncoder().encode(text)) binary += String.fromCharCode(byte);
  return btoa(binary);
}

/** Pick the first satisfiable requirement of `security` and turn it into headers, query pairs and cookies. */
export async function applySecurity(
  security: ReadonlyArray<ReadonlyArray<string>>,
  schemes: Readonly<Record<string, ClientSecurityScheme>>,
  credentials: Readonly<Record<string, Credential | undefined>> = {},
): Promise<AppliedSecurity> {
  const applied: AppliedSecurity = { headers: [], query: [], cookies: [] };
  const has = (name: string) => Object.hasOwn(credentials, name) && credentials[name] !== undefined && Object.hasOwn(schemes, name);
  // an empty requirement (`{}`) makes auth optional: prefer an alternative we can satisfy with credentials
  const chosen = security.find((requirement) => requirement.length > 0 && requirement.every(has));
  if (!chosen) return applied;
  for (const name of chosen) {
    const scheme = schemes[name]!;
    const credential = credentials[name]!;
    if (scheme.type === 'mutualTLS') continue;
    if (scheme.type === 'apiKey') {
      const value = await secretOf(credential);
      const key = scheme.name ?? name;
      if (scheme.in === 'query') applied.query.push(`${encodeUnreserved(key)}=${encodeUnreserved(value)}`);
      else if (scheme.in === 'cookie') applied.cookies.push(`${encodeUnreserved(key)}=${encodeUnreserved(value)}`);
      else applied.headers.push([key, value]);
      continue;
    }
    const kind = scheme.type === 'http' ? (scheme.scheme ?? 'bearer').toLowerCase() : 'bearer';
    if (kind === 'basic') {
      applied.headers.push(['authorization', `Basic ${base64(await secretOf(credential))}`]);
    } else {
      const label = kind === 'bearer' ? 'Bearer' : scheme.scheme!;
      applied.headers.push(['authorization', `${label} ${await secretOf(credential)}`]);
    }
  }
  return applied;
}
