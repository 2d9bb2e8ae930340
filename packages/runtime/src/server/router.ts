/**
 * Path templates compiled into a segment tree once: at each level a static segment wins over a
 * segment with a literal prefix/suffix around a parameter (`nearby{location}`), which wins over a
 * bare parameter (`{userId}`). A lookup walks the request path's segments once (backtracking only
 * when a more specific branch dead-ends), with no regular expression per request. Parameter names
 * belong to each route, not to the tree: `/e/{enterprise}/teams` and `/e/{enterprise-team}/members`
 * share one parameter branch (GitHub's API has such templates), and each match names its values
 * after the template it found.
 */

interface Node<T> {
  statics: Map<string, Node<T>>;
  /** Segments with literal text around their parameters: `literals` has one more entry than there are parameters. */
  affixed: Array<{ literals: string[]; width: number; node: Node<T> }>;
  param: Node<T> | undefined;
  /** Upper-case method → route, with its template's parameter names in path order. */
  routes: Map<string, { route: T; names: string[] }> | undefined;
}

export type RouteMatch<T> =
  | { kind: 'found'; route: T; params: Record<string, string> }
  | { kind: 'method-not-allowed'; allowed: string[] }
  | { kind: 'not-found' };

const NOT_FOUND = { kind: 'not-found' } as const;

function node<T>(): Node<T> {
  return { statics: new Map(), affixed: [], param: undefined, routes: undefined };
}

export class Router<T> {
  private readonly root: Node<T> = node();

  /** Add a route for `method` (any case) and a template such as `/users/{userId}/avatar`. */
  add(method: string, template: string, route: T): void {
    let current = this.root;
    const names: string[] = [];
    for (const segment of splitPath(template)) {
      const open = segment.indexOf('{');
      if (open < 0) {
        let next = current.statics.get(segment);
        if (!next) current.statics.set(segment, (next = node()));
        current = next;
        continue;
      }
      const literals: string[] = [];
      let at = 0;
      for (;;) {
        const start = segment.indexOf('{', at);
        if (start < 0) break;
        const close = segment.indexOf('}', start);
        if (close < 0) throw new Error(`covenant: path template ${template}: unclosed {`);
        const literal = segment.slice(at, start);
        // two parameters need literal text between them (`{base}...{head}`), or the split is ambiguous
        if (literals.length > 0 && !literal) throw new Error(`covenant: path template ${template}: parameters in one segment need text between them`);
        literals.push(literal);
        const name = segment.slice(start + 1, close);
        if (names.includes(name)) throw new Error(`covenant: path template ${template}: parameter {${name}} appears twice`);
        names.push(name);
        at = close + 1;
      }
      literals.push(segment.slice(at));
      if (literals.length === 2 && !literals[0] && !literals[1]) {
        current = current.param ??= node();
      } else {
        const key = literals.join('\u0000');
        let entry = current.affixed.find((a) => a.literals.join('\u0000') === key);
        if (!entry) {
          current.affixed.push((entry = { literals, width: literals.join('').length, node: node() }));
          // most literal text first: the most specific template wins
          current.affixed.sort((a, b) => b.width - a.width);
        }
        current = entry.node;
      }
    }
    if (!current.routes) current.routes = new Map();
    const key = method.toUpperCase();
    if (current.routes.has(key)) throw new Error(`covenant: two operations for ${key} ${template}`);
    current.routes.set(key, { route, names });
  }

  /** Match a request path (no query string, still percent-encoded). */
  match(method: string, path: string): RouteMatch<T> {
    const values: string[] = [];
    const target = find(this.root, path, path.charCodeAt(0) === 47 ? 1 : 0, values);
    if (!target || !target.routes) return NOT_FOUND;
    let entry = target.routes.get(method);
    if (entry === undefined && method === 'HEAD') entry = target.routes.get('GET');
    if (entry === undefined) return { kind: 'method-not-allowed', allowed: allowedMethods(target.routes) };
    const params: Record<string, string> = {};
    const names = entry.names;
    for (let i = 0; i < names.length; i++) params[names[i]!] = values[i]!;
    return { kind: 'found', route: entry.route, params };
  }

  /** The methods some operation has at this path (see `match`), or undefined when no template matches it. */
  methods(path: string): string[] | undefined {
    const target = find(this.root, path, path.charCodeAt(0) === 47 ? 1 : 0, []);
    return target?.routes ? allowedMethods(target.routes) : undefined;
  }
}

/** The methods of a path's operations (HEAD too when GET is there, as GET serves it), sorted. */
function allowedMethods(routes: Map<string, unknown>): string[] {
  const allowed = [...routes.keys()];
  if (routes.has('GET') && !routes.has('HEAD')) allowed.push('HEAD');
  return allowed.sort();
}

/** Walk the path from `start` (the first character of a segment), without splitting it into an array. */
function find<T>(current: Node<T>, path: string, start: number, values: string[]): Node<T> | undefined {
  let end = path.indexOf('/', start);
  const last = end < 0;
  if (last) end = path.length;
  const segment = path.slice(start, end);
  const exact = current.statics.get(segment);
  if (exact) {
    const found = descend(exact, path, last, end, values);
    if (found) return found;
  }
  for (const a of current.affixed) {
    const count = a.literals.length - 1;
    if (segment.length >= a.width + count && splitAffixed(segment, a.literals, values)) {
      const found = descend(a.node, path, last, end, values);
      if (found) return found;
      values.length -= count;
    }
  }
  if (current.param && segment.length > 0) {
    values.push(segment);
    const found = descend(current.param, path, last, end, values);
    if (found) return found;
    values.pop();
  }
  return undefined;
}

function descend<T>(child: Node<T>, path: string, last: boolean, end: number, values: string[]): Node<T> | undefined {
  if (last) return child.routes ? child : undefined;
  return find(child, path, end + 1, values);
}

/**
 * Split a segment by its template's literals (each parameter at least one character, the earliest
 * occurrence of each inner literal); pushes the parameter values and reports whether it matched.
 */
function splitAffixed(segment: string, literals: string[], values: string[]): boolean {
  const first = literals[0]!;
  const final = literals[literals.length - 1]!;
  if (!segment.startsWith(first) || !segment.endsWith(final)) return false;
  const stop = segment.length - final.length;
  const found: string[] = [];
  let at = first.length;
  for (let i = 1; i < literals.length - 1; i++) {
    const next = segment.indexOf(literals[i]!, at + 1);
    if (next < 0 || next + literals[i]!.length > stop) return false;
    found.push(segment.slice(at, next));
    at = next + literals[i]!.length;
  }
  if (stop - at < 1) return false;
  found.push(segment.slice(at, stop));
  values.push(...found);
  return true;
}

/** `/a/b/` → ['a', 'b', '']; `/` → ['']. */
function splitPath(path: string): string[] {
  return (path.charCodeAt(0) === 47 ? path.slice(1) : path).split('/');
}
