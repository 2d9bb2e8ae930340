/**
 * The base path an API is served under: the path of its `servers` URLs (`https://api.example.com/v1`
 * → `/v1`), server variables substituted (a variable with an `enum` by each of its values; one
 * without stays a placeholder that matches any text within its segment, since the deployment
 * chooses it), relative URLs (`/v1`, `v1`) taken as paths from the root. Several servers may give several base paths (a
 * production URL under `/v1` and `http://localhost:8080` at the root): a request may use any of
 * them, the longest that fits wins. No servers means the root.
 */
import type { ServerUrlDefinition } from './definition.js';

/** More variable combinations than this in one URL: only the defaults are used. */
const MAX_COMBINATIONS = 64;

/** Normalize a base path: leading `/`, no trailing `/`; the root is `''`. */
export function normalizeBasePath(path: string): string {
  let out = path.trim();
  if (out === '' || out === '/') return '';
  if (!out.startsWith('/')) out = `/${out}`;
  return out.replace(/\/+$/, '');
}

/** The path part of a server URL (absolute, scheme-relative or relative). */
export function urlPath(url: string): string {
  let rest = url.trim();
  const scheme = /^[a-z][a-z0-9+.-]*:\/\//i.exec(rest);
  if (scheme || rest.startsWith('//')) {
    rest = rest.slice(scheme ? scheme[0].length : 2);
    const slash = rest.search(/[/?#]/);
    rest = slash < 0 ? '' : rest.slice(slash);
  }
  const end = rest.search(/[?#]/);
  if (end >= 0) rest = rest.slice(0, end);
  return normalizeBasePath(rest);
}

/** A stand-in for a free variable that survives URL parsing wherever it sits (scheme, host or path). */
function placeholder(name: string): string {
  return `zcovenantvar${[...new TextEncoder().encode(name)].map((byte) => byte.toString(16).padStart(2, '0')).join('')}z`;
}

/** Every URL a server entry stands for, enum variables substituted (free ones stay `{name}`). */
function expand(server: ServerUrlDefinition): string[] {
  const variables = server.variables ?? {};
  let urls = [server.url];
  const names = [...server.url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  let combinations = 1;
  for (const name of new Set(names)) combinations *= Math.max(1, variables[name]?.enum?.length ?? 1);
  for (const name of new Set(names)) {
    const variable = variables[name];
    const enumerated = variable?.enum && variable.enum.length > 0;
    // a free variable in the host does not matter; in the path it stays a placeholder
    const values = enumerated ? (combinations <= MAX_COMBINATIONS ? variable.enum! : [variable.default ?? variable.enum![0]!]) : [placeholder(name)];
    urls = urls.flatMap((url) => values.map((value) => url.split(`{${name}}`).join(String(value))));
  }
  return urls;
}

/** The distinct base paths of a spec's servers, longest first (`''` is the root). */
export function basePathsOf(servers: readonly ServerUrlDefinition[] | undefined): string[] {
  if (!servers || servers.length === 0) return [''];
  const paths = new Set<string>();
  for (const server of servers) for (const url of expand(server)) paths.add(urlPath(url).replace(/zcovenantvar([0-9a-f]*)z/g, (_, hex: string) => `{${new TextDecoder().decode(new Uint8Array((hex.match(/../g) ?? []).map((byte) => parseInt(byte, 16))))}}`));
  return [...paths].sort((a, b) => b.length - a.length);
}

/** Strips a base path off request paths. */
export class BasePath {
  readonly paths: readonly string[];
  private readonly root: boolean;
  private readonly prefixes: string[];
  /** Base paths with placeholders (`/v2.0/{apikey}`): each `{name}` matches any text within its segment. */
  private readonly templates: RegExp[];

  constructor(paths: readonly string[]) {
    this.paths = [...new Set(paths.map(normalizeBasePath))].sort((a, b) => b.length - a.length);
    this.root = this.paths.includes('');
    this.prefixes = this.paths.filter((p) => p !== '' && !p.includes('{'));
    this.templates = this.paths
      .filter((p) => p.includes('{'))
      .map((p) => new RegExp(`^${p.split(/\{[^}/]*\}/).map((literal) => literal.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')).join('[^/]+')}(?=/|$)`));
  }

  /** The path relative to the base path (`/v1/users` → `/users`), or undefined when it is outside every base path. */
  strip(path: string): string | undefined {
    for (const prefix of this.prefixes) {
      if (path.startsWith(prefix)) {
        if (path.length === prefix.length) return '/';
        if (path.charCodeAt(prefix.length) === 47) return path.slice(prefix.length);
      }
    }
    for (const template of this.templates) {
      const match = template.exec(path);
      if (match) return path.length === match[0].length ? '/' : path.slice(match[0].length);
    }
    return this.root ? path : undefined;
  }

  /** `/v1` or `/v1 or /v2`, for messages. */
  describe(): string {
    return this.paths.map((p) => p || '/').join(' or ');
  }
}
