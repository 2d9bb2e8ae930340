/**
 * Which OpenAPI path template a concrete pact request path belongs to (`/users/42` →
 * `/users/{id}`). Literal segments win over templated ones, so `/users/me` goes to `/users/me`
 * when both exist. Server URL paths (`servers[].url` = `https://x/api/v1`) are accepted as prefixes.
 */
export interface RouteTemplate {
  method: string;
  path: string;
}

interface Compiled {
  template: RouteTemplate;
  pattern: RegExp;
  /** Literal segments count most; literal characters of mixed segments (`nearby{location}`) break ties. */
  score: number;
}

export class RouteMatcher {
  readonly #routes: Compiled[];
  readonly #prefixes: string[];

  constructor(templates: readonly RouteTemplate[], serverUrls: readonly string[] = []) {
    this.#routes = templates.map((template) => compile(template));
    this.#prefixes = [...new Set(serverUrls.map(serverPath).filter((p) => p !== ''))].sort((a, b) => b.length - a.length);
  }

  /** Best template for a request, or undefined. `path` may carry a query string (ignored). */
  match(method: string, path: string): RouteTemplate | undefined {
    const bare = path.split('?')[0]!;
    const candidates = [bare, ...this.#prefixes.filter((p) => bare === p || bare.startsWith(`${p}/`)).map((p) => bare.slice(p.length) || '/')];
    const upper = method.toUpperCase();
    for (const candidate of candidates) {
      const normalised = candidate.length > 1 ? candidate.replace(/\/+$/, '') : candidate;
      let best: Compiled | undefined;
      for (const route of this.#routes) {
        if (route.template.method.toUpperCase() !== upper || !route.pattern.test(normalised)) continue;
        if (!best || route.score > best.score) best = route;
      }
      if (best) return best.template;
    }
    return undefined;
  }
}

function compile(template: RouteTemplate): Compiled {
  const parts = template.path.replace(/\/+$/, '').split('/');
  let score = 0;
  const source = parts
    .map((part) => {
      if (!part.includes('{')) {
        score += 1000;
        return escapeRegExp(part);
      }
      score += part.replace(/\{[^}]*\}/g, '').length;
      return part
        .split(/(\{[^}]*\})/)
        .map((piece) => (piece.startsWith('{') ? '[^/]+' : escapeRegExp(piece)))
        .join('');
    })
    .join('/');
  return { template, pattern: new RegExp(`^${source || '/'}$`), score };
}

function escapeRegExp(text: string): string {
  let decoded = text;
  try {
    decoded = decodeURIComponent(text);
  } catch {
    // keep as written
  }
  return decoded === text ? text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') : `(?:${text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}|${decoded.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')})`;
}

function serverPath(url: string): string {
  const withoutVars = url.replace(/\{[^}]*\}/g, 'x');
  try {
    return new URL(withoutVars, 'http://base.invalid').pathname.replace(/\/+$/, '');
  } catch {
    return '';
  }
}

/** `GET /users/{id}` ↔ {method, path}. */
export function operationKey(method: string, path: string): string {
  return `${method.toUpperCase()} ${path}`;
}

export function parseOperationKey(key: string): RouteTemplate | undefined {
  const match = /^([A-Za-z]+)\s+(\/\S*)$/.exec(key.trim());
  return match ? { method: match[1]!.toUpperCase(), path: match[2]! } : undefined;
}
