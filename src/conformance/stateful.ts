/**
 * Stateful sequences: create a resource, then use what the answer names. The id comes from the
 * create answer's OpenAPI `links` (`$response.body#/id`, `$response.header.Location`), else from the
 * common REST shape (a `Location` header, or an `id` in the body), and fills the path parameter of
 * the operations on `<collection>/{param}`: read it, change it, delete it, read it again.
 */
import type { Operation } from '../spec/openapi/operations.js';

export interface Sequence {
  create: Operation;
  /** Path parameter that receives the id. */
  param: string;
  read?: Operation;
  update?: Operation;
  remove?: Operation;
  /** How to take the id from the create answer. */
  source: { from: 'body'; pointer: string } | { from: 'location' };
}

/** `linksOf`: a response's `links` object (the operations model keeps only what generators read). */
export function sequencesOf(operations: readonly Operation[], linksOf: (response: Operation['responses'][number]) => Record<string, any> | undefined): Sequence[] {
  const out: Sequence[] = [];
  for (const create of operations) {
    if (create.method !== 'post') continue;
    const created = create.responses.find((r) => r.status === '201') ?? create.responses.find((r) => r.status === '200');
    if (!created) continue;
    const fromLink = linkedTarget(linksOf(created), operations);
    let itemPath: string | undefined;
    let param: string | undefined;
    let source: Sequence['source'] | undefined = fromLink?.source;
    if (fromLink) {
      itemPath = fromLink.operation.path;
      param = fromLink.param;
    } else {
      const match = operations.map((o) => new RegExp(`^${escape(create.path.replace(/\/+$/, ''))}/\\{([^}/]+)\\}$`).exec(o.path)).find(Boolean);
      if (!match) continue;
      itemPath = match[0];
      param = match[1]!;
      source = Object.keys(created.headers).some((h) => h.toLowerCase() === 'location') ? { from: 'location' } : { from: 'body', pointer: '/id' };
    }
    const on = (method: string) => operations.find((o) => o.path === itemPath && o.method === method);
    out.push({ create, param: param!, read: on('get'), update: on('patch') ?? on('put'), remove: on('delete'), source: source! });
  }
  return out;
}

function linkedTarget(links: Record<string, any> | undefined, operations: readonly Operation[]) {
  for (const link of Object.values(links ?? {})) {
    const target = operations.find((o) => o.id === link?.operationId);
    const [param, expression] = Object.entries((link?.parameters ?? {}) as Record<string, string>)[0] ?? [];
    if (!target || !param || typeof expression !== 'string') continue;
    if (expression.startsWith('$response.body#')) return { operation: target, param: param.replace(/^path\./, ''), source: { from: 'body' as const, pointer: expression.slice('$response.body#'.length) } };
    if (/^\$response\.header\.location$/i.test(expression)) return { operation: target, param: param.replace(/^path\./, ''), source: { from: 'location' as const } };
  }
  return undefined;
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** The id a create answer names, or undefined. */
export function idFrom(source: Sequence['source'], json: unknown, location: string | null): string | undefined {
  if (source.from === 'location') {
    if (!location) return undefined;
    const path = location.split(/[?#]/)[0]!.replace(/\/+$/, '');
    const last = path.slice(path.lastIndexOf('/') + 1);
    return last ? decodeURIComponent(last) : undefined;
  }
  let value: unknown = json;
  for (const segment of source.pointer.split('/').slice(1)) {
    if (!value || typeof value !== 'object') return undefined;
    value = (value as Record<string, unknown>)[segment.replace(/~1/g, '/').replace(/~0/g, '~')];
  }
  return typeof value === 'string' || typeof value === 'number' ? String(value) : undefined;
}
