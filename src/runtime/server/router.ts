/**
 * Path templates compiled into a segment tree once: at each level a static segment wins over a
 * segment with a literal prefix/suffix around a parameter (`nearby{location}`), which wins over a
 * bare parameter (`{userId}`). A lookup walks the request path's segments once (backtracking only
 * when a more specific branch dead-ends), with no regular expression per request.
 */

interface Node<T> {
  statics: Map<string, Node<T>>;
  affixed: Array<{ prefix: string; suffix: string; name: string; node: Node<T> }>;
  param: { name: string; node: Node<T> } | undefined;
  /** Upper-case method → route. */
  routes: Map<string, T> | undefined;
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
    for (const segment of splitPath(template)) {
      const open = segment.indexOf('{');
      if (open < 0) {
        let next = current.statics.get(segment);
        if (!next) current.statics.set(segment, (next = node()));
        current = next;
        continue;
      }
      const close = segment.indexOf('}', open);
      if (close < 0 || segment.indexOf('{', close) >= 0) {
        throw new Error(`covenant: path template ${template}: one parameter per segment is supported`);
      }
      const name = segment.slice(open + 1, close);
      const prefix = segment.slice(0, open);
      const suffix = segment.slice(close + 1);
      if (!prefix && !suffix) {
        if (!current.param) current.param = { name, node: node() };
        else if (current.param.name !== name) throw new Error(`covenant: path template ${template}: parameter {${name}} conflicts with {${current.param.name}}`);
        current = current.param.node;
      } else {
        let entry = current.affixed.find((a) => a.prefix === prefix && a.suffix === suffix && a.name === name);
        if (!entry) {
          current.affixed.push((entry = { prefix, suffix, name, node: node() }));
          // longest literal first: the most specific template wins
          current.affixed.sort((a, b) => b.prefix.length + b.suffix.length - (a.prefix.length + a.suffix.length));
        }
        current = entry.node;
      }
    }
    if (!current.routes) current.routes = new Map();
    const key = method.toUpperCase();
    if (current.routes.has(key)) throw new Error(`covenant: two operations for ${key} ${template}`);
    current.routes.set(key, route);
  }

  /** Match a request path (no query string, still percent-encoded). */
  match(method: string, path: string): RouteMatch<T> {
    const values: string[] = [];
    const names: string[] = [];
    const target = find(this.root, path, path.charCodeAt(0) === 47 ? 1 : 0, names, values);
    if (!target || !target.routes) return NOT_FOUND;
    let route = target.routes.get(method);
    if (route === undefined && method === 'HEAD') route = target.routes.get('GET');
    if (route === undefined) {
      const allowed = [...target.routes.keys()];
      if (target.routes.has('GET') && !target.routes.has('HEAD')) allowed.push('HEAD');
      return { kind: 'method-not-allowed', allowed: allowed.sort() };
    }
    const params: Record<string, string> = {};
    for (let i = 0; i < names.length; i++) params[names[i]!] = values[i]!;
    return { kind: 'found', route, params };
  }
}

/** Walk the path from `start` (the first character of a segment), without splitting it into an array. */
function find<T>(current: Node<T>, path: string, start: number, names: string[], values: string[]): Node<T> | undefined {
  let end = path.indexOf('/', start);
  const last = end < 0;
  if (last) end = path.length;
  const segment = path.slice(start, end);
  const exact = current.statics.get(segment);
  if (exact) {
    const found = descend(exact, path, last, end, names, values);
    if (found) return found;
  }
  for (const a of current.affixed) {
    if (segment.length > a.prefix.length + a.suffix.length && segment.startsWith(a.prefix) && segment.endsWith(a.suffix)) {
      names.push(a.name);
      values.push(segment.slice(a.prefix.length, segment.length - a.suffix.length));
      const found = descend(a.node, path, last, end, names, values);
      if (found) return found;
      names.pop();
      values.pop();
    }
  }
  if (current.param && segment.length > 0) {
    names.push(current.param.name);
    values.push(segment);
    const found = descend(current.param.node, path, last, end, names, values);
    if (found) return found;
    names.pop();
    values.pop();
  }
  return undefined;
}

function descend<T>(child: Node<T>, path: string, last: boolean, end: number, names: string[], values: string[]): Node<T> | undefined {
  if (last) return child.routes ? child : undefined;
  return find(child, path, end + 1, names, values);
}

/** `/a/b/` → ['a', 'b', '']; `/` → ['']. */
function splitPath(path: string): string[] {
  return (path.charCodeAt(0) === 47 ? path.slice(1) : path).split('/');
}
