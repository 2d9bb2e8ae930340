/**
 * Security requirements: find the credentials an operation's requirements name (bearer, basic,
 * other HTTP schemes, API keys in header/query/cookie), then let the user's `authenticate` hook
 * accept or reject them. No alternative satisfied → 401 with `WWW-Authenticate`.
 */
import type { SecuritySchemeDefinition } from './definition.js';

export interface ServerCredential {
  /** Name of the security scheme in the spec (`bearerAuth`). */
  scheme: string;
  type: 'bearer' | 'basic' | 'http' | 'apiKey' | 'mutualTLS';
  /** Bearer token, or the token of another HTTP scheme. */
  token?: string;
  username?: string;
  password?: string;
  /** API key value. */
  key?: string;
  /** Scopes the requirement lists. */
  scopes: string[];
}

export interface AuthenticationRequest {
  operationId: string;
  /** One credential per scheme of the satisfied alternative (several = all are required together). */
  credentials: ServerCredential[];
  header(name: string): string | undefined;
}

/** Returns the principal handed to handlers as `auth`; `false`/`null`/`undefined` rejects. */
export type Authenticate<Auth = unknown> = (request: AuthenticationRequest) => Auth | false | null | undefined | Promise<Auth | false | null | undefined>;

interface Requirement {
  scheme: string;
  definition: SecuritySchemeDefinition;
  kind: ServerCredential['type'];
  scopes: string[];
  /** Lower-case header name, query key or cookie name for API keys; the scheme word for `http`. */
  key: string;
}

export interface CompiledSecurity {
  /** An empty alternative means anonymous access is allowed. */
  alternatives: Requirement[][];
  challenge: string;
}

export interface CredentialSources {
  header(name: string): string | undefined;
  query(name: string): string | undefined;
  cookie(name: string): string | undefined;
}

export function compileSecurity(
  security: Array<Record<string, string[]>> | undefined,
  schemes: Record<string, SecuritySchemeDefinition>,
  operationId: string,
): CompiledSecurity | undefined {
  if (!security || security.length === 0) return undefined;
  const alternatives = security.map((alternative) =>
    Object.entries(alternative).map(([scheme, scopes]): Requirement => {
      const definition = schemes[scheme];
      if (!definition) throw new Error(`covenant: operation ${operationId} names unknown security scheme "${scheme}"`);
      let kind: ServerCredential['type'] = 'bearer';
      let key = 'bearer';
      if (definition.type === 'apiKey') {
        kind = 'apiKey';
        key = definition.in === 'header' ? String(definition.name).toLowerCase() : String(definition.name);
      } else if (definition.type === 'http') {
        key = String(definition.scheme ?? 'bearer').toLowerCase();
        kind = key === 'bearer' ? 'bearer' : key === 'basic' ? 'basic' : 'http';
      } else if (definition.type === 'mutualTLS') {
        kind = 'mutualTLS';
      }
      return { scheme, definition, kind, scopes: Array.isArray(scopes) ? scopes : [], key };
    }),
  );
  if (alternatives.some((a) => a.length === 0)) return { alternatives, challenge: '' };
  const challenges = new Set<string>();
  for (const alternative of alternatives) {
    for (const r of alternative) {
      if (r.kind === 'bearer') challenges.add('Bearer realm="api"');
      else if (r.kind === 'basic') challenges.add('Basic realm="api", charset="UTF-8"');
      else if (r.kind === 'http') challenges.add(`${r.definition.scheme} realm="api"`);
      else if (r.kind === 'apiKey') challenges.add(`ApiKey realm="api", in="${r.definition.in}", name="${r.definition.name}"`);
    }
  }
  return { alternatives, challenge: [...challenges].join(', ') };
}

/** The credential a requirement asks for, or undefined when the request does not carry it. */
export function findCredential(r: Requirement, sources: CredentialSources): ServerCredential | undefined {
  if (r.kind === 'mutualTLS') return { scheme: r.scheme, type: r.kind, scopes: r.scopes };
  if (r.kind === 'apiKey') {
    const where = r.definition.in;
    const key = where === 'header' ? sources.header(r.key) : where === 'query' ? sources.query(r.key) : sources.cookie(r.key);
    return key ? { scheme: r.scheme, type: 'apiKey', key, scopes: r.scopes } : undefined;
  }
  const authorization = sources.header('authorization');
  if (!authorization) return undefined;
  const space = authorization.indexOf(' ');
  if (space < 0 || authorization.slice(0, space).toLowerCase() !== r.key) return undefined;
  const token = authorization.slice(space + 1).trim();
  if (!token) return undefined;
  if (r.kind === 'basic') {
    let decoded: string;
    try {
      decoded = Buffer.from(token, 'base64').toString('utf8');
    } catch {
      return undefined;
    }
    const colon = decoded.indexOf(':');
    if (colon < 0) return undefined;
    return { scheme: r.scheme, type: 'basic', username: decoded.slice(0, colon), password: decoded.slice(colon + 1), scopes: r.scopes };
  }
  return { scheme: r.scheme, type: r.kind, token, scopes: r.scopes };
}

export type AuthOutcome = { ok: true; auth: unknown } | { ok: false; rejected: boolean };

/** Try each alternative in order; the first whose credentials are all present and accepted wins. */
export async function authenticateRequest(
  security: CompiledSecurity,
  sources: CredentialSources,
  authenticate: Authenticate,
  operationId: string,
): Promise<AuthOutcome> {
  let rejected = false;
  let anonymous = false;
  for (const alternative of security.alternatives) {
    if (alternative.length === 0) {
      anonymous = true;
      continue;
    }
    const credentials: ServerCredential[] = [];
    for (const r of alternative) {
      const credential = findCredential(r, sources);
      if (!credential) break;
      credentials.push(credential);
    }
    if (credentials.length !== alternative.length) continue;
    const auth = await authenticate({ operationId, credentials, header: (name) => sources.header(name.toLowerCase()) });
    if (auth !== false && auth !== null && auth !== undefined) return { ok: true, auth };
    rejected = true;
  }
  return anonymous && !rejected ? { ok: true, auth: undefined } : { ok: false, rejected };
}
