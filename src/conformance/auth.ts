/**
 * Credentials of a run: `--auth <scheme>=<value>` per security scheme of the spec (bearer token,
 * `user:password` for basic, the key for apiKey) and `--header "Name: value"` for every request.
 * For each operation the first security alternative whose schemes all have a credential is applied.
 */
import { UserError } from '../errors.js';
import type { Operation } from '../spec/openapi/operations.js';
import type { TestRequest } from './http.js';

export interface Credentials {
  /** True when the operation needs credentials and none of its alternatives can be met. */
  missingFor(operation: Operation): boolean;
  /** True when the operation needs credentials (no empty alternative). */
  required(operation: Operation): boolean;
  apply(operation: Operation, request: TestRequest, cookies: string[]): void;
}

export function parseHeaders(lines: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const line of lines) {
    const at = line.indexOf(':');
    if (at <= 0) throw new UserError(`--header "${line}" is not "Name: value"`);
    out[line.slice(0, at).trim()] = line.slice(at + 1).trim();
  }
  return out;
}

export function credentialsFor(schemes: Record<string, any>, auth: Record<string, string>, headers: Record<string, string>): Credentials {
  for (const name of Object.keys(auth)) {
    if (!schemes[name]) throw new UserError(`--auth ${name}: the spec has no security scheme "${name}"`, { hint: `schemes: ${Object.keys(schemes).join(', ') || 'none'}` });
  }
  const usable = (alternative: Record<string, string[]>) => Object.keys(alternative).every((name) => auth[name] !== undefined);
  const required = (operation: Operation) => operation.security.length > 0 && !operation.security.some((alt) => Object.keys(alt).length === 0);
  return {
    required,
    missingFor: (operation) => required(operation) && !operation.security.some(usable),
    apply(operation, request, cookies) {
      for (const [name, value] of Object.entries(headers)) request.headers[name] = value;
      const alternative = operation.security.find((alt) => Object.keys(alt).length > 0 && usable(alt));
      if (!alternative || !required(operation)) return;
      for (const name of Object.keys(alternative)) {
        const scheme = schemes[name];
        const value = auth[name]!;
        if (scheme.type === 'http' && String(scheme.scheme).toLowerCase() === 'basic') request.headers.Authorization = `Basic ${Buffer.from(value).toString('base64')}`;
        else if (scheme.type === 'http') request.headers.Authorization = `${String(scheme.scheme).toLowerCase() === 'bearer' ? 'Bearer' : scheme.scheme} ${value}`;
        else if (scheme.type === 'apiKey' && scheme.in === 'header') request.headers[scheme.name] = value;
        else if (scheme.type === 'apiKey' && scheme.in === 'query') request.query.push([encodeURIComponent(scheme.name), encodeURIComponent(value)]);
        else if (scheme.type === 'apiKey' && scheme.in === 'cookie') cookies.push(`${encodeURIComponent(scheme.name)}=${encodeURIComponent(value)}`);
        else request.headers.Authorization = `Bearer ${value}`; // oauth2 / openIdConnect: a token
      }
    },
  };
}
