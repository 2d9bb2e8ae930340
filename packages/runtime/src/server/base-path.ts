/**
 * The base path an API is served under: the path of its `servers` URLs (`https://api.example.com/v1`
 * → `/v1`), server variables substituted (every `enum` value, else the `default`), relative URLs
 * (`/v1`, `v1`) taken as paths from the root. Several servers may give several base paths (a
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

/** Every URL a server entry stands for, variables substituted. */
function expand(server: ServerUrlDefinition): string[] {
  const variables = server.variables ?? {};
  let urls = [server.url];
  const names = [...server.url.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  let combinations = 1;
  for (const name of new Set(names)) combinations *= Math.max(1, variables[name]?.enum?.length ?? 1);
  for (const name of new Set(names)) {
    const variable = variables[name];
    const values = combinations <= MAX_COMBINATIONS && variable?.enum && variable.enum.length > 0 ? variable.enum : [variable?.default ?? ''];
    urls = urls.flatMap((url) => values.map((value) => url.split(`{${name}}`).join(String(value))));
  }
  return urls;
}

/** The distinct base paths of a spec's servers, longest first (`''` is the root). */
export function basePathsOf(servers: readonly ServerUrlDefinition[] | undefined): string[] {
  if (!servers || servers.length === 0) return [''];
  const paths = new Set<string>();
  for (const server of servers) for (const url of expand(server)) paths.add(urlPath(url));
  return [...paths].sort((a, b) => b.length - a.length);
}

/** Strips a base path off request paths. */
export class BasePath {
  readonly paths: readonly string[];
  private readonly root: boolean;
  private readonly prefixes: string[];

  constructor(paths: readonly string[]) {
    this.paths = [...new Set(paths.map(normalizeBasePath))].sort((a, b) => b.length - a.length);
    this.root = this.paths.includes('');
    this.prefixes = this.paths.filter((p) => p !== '');
  }

  /** The path relative to the base path (`/v1/users` → `/users`), or undefined when it is outside every base path. */
  strip(path: string): string | undefined {
    for (const prefix of this.prefixes) {
      if (path.startsWith(prefix)) {
        if (path.length === prefix.length) return '/';
        if (path.charCodeAt(prefix.length) === 47) return path.slice(prefix.length);
      }
    }
    return this.root ? path : undefined;
  }

  /** `/v1` or `/v1 or /v2`, for messages. */
  describe(): string {
    return this.paths.map((p) => p || '/').join(' or ');
  }
}
