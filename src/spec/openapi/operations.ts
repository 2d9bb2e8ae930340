/**
 * The operations of a bundled OpenAPI document, with path-level parameters merged in and every
 * parameter/body/response `$ref` resolved: what generators, contract checks and reports walk.
 */
import type { OpenApiDocument, OpenApiSpec } from './load.js';
import { getAt } from './load.js';
import { pointerToSegments } from '../source.js';

export const HTTP_METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;
export type HttpMethod = (typeof HTTP_METHODS)[number];

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface Parameter {
  name: string;
  in: ParameterLocation;
  required: boolean;
  style: string;
  explode: boolean;
  allowReserved: boolean;
  deprecated: boolean;
  /** Schema (may itself contain internal `$ref`s); from `content` when the parameter uses it. */
  schema: Record<string, any>;
  /** Media type when the parameter is described by `content` instead of `schema`. */
  contentType?: string;
  description?: string;
  pointer: (string | number)[];
}

export interface MediaType {
  schema?: Record<string, any>;
  encoding?: Record<string, any>;
}

export interface RequestBody {
  required: boolean;
  content: Record<string, MediaType>;
  description?: string;
  pointer: (string | number)[];
}

export interface Response {
  /** `200`, `4XX` or `default`. */
  status: string;
  description?: string;
  content: Record<string, MediaType>;
  headers: Record<string, Record<string, any>>;
  pointer: (string | number)[];
}

export interface Operation {
  /** operationId, or a stable fallback from method and path (`getUsersId`). */
  id: string;
  hasOperationId: boolean;
  method: HttpMethod;
  path: string;
  summary?: string;
  description?: string;
  deprecated: boolean;
  tags: string[];
  parameters: Parameter[];
  requestBody?: RequestBody;
  responses: Response[];
  /** Effective security requirements (operation's, else the document's). Empty array = none. */
  security: Array<Record<string, string[]>>;
  pointer: (string | number)[];
}

/** Resolve an internal `$ref` chain (guarding cycles). */
export function deref<T = any>(document: OpenApiDocument, value: T): T {
  let current: any = value;
  const seen = new Set<string>();
  while (current && typeof current === 'object' && typeof current.$ref === 'string') {
    const ref: string = current.$ref;
    if (seen.has(ref) || !ref.startsWith('#')) break;
    seen.add(ref);
    current = getAt(document, pointerToSegments(ref));
  }
  return current as T;
}

function defaultStyle(location: ParameterLocation): string {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple';
}

function readParameter(document: OpenApiDocument, raw: unknown, pointer: (string | number)[]): Parameter | undefined {
  const p = deref<Record<string, any>>(document, raw as Record<string, any>);
  if (!p || typeof p !== 'object' || typeof p.name !== 'string') return undefined;
  const location = p.in as ParameterLocation;
  const style = typeof p.style === 'string' ? p.style : defaultStyle(location);
  let schema: Record<string, any> = p.schema ?? {};
  let contentType: string | undefined;
  if (!p.schema && p.content && typeof p.content === 'object') {
    const [type, media] = Object.entries(p.content as Record<string, any>)[0] ?? [];
    contentType = type;
    schema = media?.schema ?? {};
  }
  return {
    name: p.name,
    in: location,
    required: location === 'path' ? true : p.required === true,
    style,
    explode: typeof p.explode === 'boolean' ? p.explode : style === 'form',
    allowReserved: p.allowReserved === true,
    deprecated: p.deprecated === true,
    schema,
    contentType,
    description: typeof p.description === 'string' ? p.description : undefined,
    pointer,
  };
}

export function fallbackOperationId(method: string, path: string): string {
  const words = path
    .split('/')
    .filter(Boolean)
    .map((segment) => segment.replace(/[{}]/g, ''))
    .flatMap((segment) => segment.split(/[^A-Za-z0-9]+/))
    .filter(Boolean);
  return method + words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join('');
}

/**
 * The operations of the document's `paths`, or of another map of path items: `root` is its pointer
 * (`['webhooks']`, or a callback `['paths', '/x', 'post', 'callbacks', 'onEvent']`).
 */
export function listOperations(spec: Pick<OpenApiSpec, 'document'>, root: readonly (string | number)[] = ['paths']): Operation[] {
  const document = spec.document;
  const operations: Operation[] = [];
  const at = deref<Record<string, any>>(document, root.reduce<any>((v, k) => (v && typeof v === 'object' ? deref(document, v)[k] : undefined), document));
  const paths = (at && typeof at === 'object' ? at : {}) as Record<string, any>;
  for (const path of Object.keys(paths)) {
    const item = deref<Record<string, any>>(document, paths[path]);
    if (!item || typeof item !== 'object') continue;
    const shared = Array.isArray(item.parameters) ? item.parameters : [];
    for (const method of HTTP_METHODS) {
      const op = item[method];
      if (!op || typeof op !== 'object') continue;
      const pointer: (string | number)[] = [...root, path, method];
      const byKey = new Map<string, Parameter>();
      shared.forEach((raw: unknown, i: number) => {
        const p = readParameter(document, raw, [...root, path, 'parameters', i]);
        if (p) byKey.set(`${p.in}:${p.name}`, p);
      });
      (Array.isArray(op.parameters) ? op.parameters : []).forEach((raw: unknown, i: number) => {
        const p = readParameter(document, raw, [...pointer, 'parameters', i]);
        if (p) byKey.set(`${p.in}:${p.name}`, p);
      });
      let requestBody: RequestBody | undefined;
      const body = deref<Record<string, any>>(document, op.requestBody);
      if (body && typeof body === 'object') {
        requestBody = {
          required: body.required === true,
          content: (body.content ?? {}) as Record<string, MediaType>,
          description: body.description,
          pointer: [...pointer, 'requestBody'],
        };
      }
      const responses: Response[] = [];
      for (const [status, rawResponse] of Object.entries((op.responses ?? {}) as Record<string, unknown>)) {
        const r = deref<Record<string, any>>(document, rawResponse as Record<string, any>);
        if (!r || typeof r !== 'object') continue;
        const headers: Record<string, Record<string, any>> = {};
        for (const [name, h] of Object.entries((r.headers ?? {}) as Record<string, unknown>)) {
          headers[name] = deref(document, h as Record<string, any>);
        }
        responses.push({
          status: String(status),
          description: r.description,
          content: (r.content ?? {}) as Record<string, MediaType>,
          headers,
          pointer: [...pointer, 'responses', String(status)],
        });
      }
      const hasOperationId = typeof op.operationId === 'string' && op.operationId.length > 0;
      operations.push({
        id: hasOperationId ? op.operationId : fallbackOperationId(method, path),
        hasOperationId,
        method,
        path,
        summary: typeof op.summary === 'string' ? op.summary : undefined,
        description: typeof op.description === 'string' ? op.description : undefined,
        deprecated: op.deprecated === true,
        tags: Array.isArray(op.tags) ? op.tags.map(String) : [],
        parameters: [...byKey.values()],
        requestBody,
        responses,
        security: Array.isArray(op.security) ? op.security : Array.isArray(document.security) ? document.security : [],
        pointer,
      });
    }
  }
  return operations;
}
