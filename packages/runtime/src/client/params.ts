/**
 * Parameter serialization for every OpenAPI style (the 3.1.1 "Style Examples" table, after RFC 6570): path
 * simple/label/matrix, query form/spaceDelimited/pipeDelimited/deepObject, header simple, cookie
 * form, each with and without `explode`, plus `content`-encoded parameters (JSON in a query param).
 *
 * `undefined` omits a parameter; `""` and `null` are the table's "empty" value; an empty array or
 * object counts as undefined (RFC 6570 §2.3).
 */
import { encodeUnreserved, encodeValue } from './encode.js';

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterMeta {
  name: string;
  in: ParameterLocation;
  /** Default per location: `simple` for path and header, `form` for query and cookie. */
  style?: string;
  /** Default: true for `form`, false otherwise. */
  explode?: boolean;
  allowReserved?: boolean;
  /** Set when the parameter is described by `content` (the value is encoded as this media type). */
  contentType?: string;
}

type Shape =
  | { kind: 'empty' }
  | { kind: 'primitive'; value: string }
  | { kind: 'array'; items: string[] }
  | { kind: 'object'; entries: Array<[string, string]> };

/** A primitive as text: dates as ISO 8601, nested structures as JSON. */
export function primitiveText(value: unknown): string {
  if (value instanceof Date) return value.toISOString();
  if (value === null || value === undefined) return '';
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}

function shapeOf(value: unknown): Shape | undefined {
  if (value === undefined) return undefined;
  if (value === null || value === '') return { kind: 'empty' };
  if (Array.isArray(value)) {
    const items = value.filter((v) => v !== undefined).map(primitiveText);
    return items.length ? { kind: 'array', items } : undefined;
  }
  if (typeof value === 'object' && !(value instanceof Date)) {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]): [string, string] => [k, primitiveText(v)]);
    return entries.length ? { kind: 'object', entries } : undefined;
  }
  return { kind: 'primitive', value: primitiveText(value) };
}

function contentText(meta: ParameterMeta, value: unknown): string {
  const type = (meta.contentType ?? '').toLowerCase();
  if (type.includes('json')) return JSON.stringify(value);
  if (type === 'application/x-www-form-urlencoded' && value && typeof value === 'object') {
    return new URLSearchParams(Object.entries(value).map(([k, v]) => [k, primitiveText(v)])).toString();
  }
  return primitiveText(value);
}

function styleOf(meta: ParameterMeta): string {
  return meta.style ?? (meta.in === 'query' || meta.in === 'cookie' ? 'form' : 'simple');
}

function explodeOf(meta: ParameterMeta): boolean {
  return meta.explode ?? styleOf(meta) === 'form';
}

/** The text that replaces `{name}` in the path template (already percent-encoded). */
export function serializePathParameter(meta: ParameterMeta, value: unknown): string {
  const enc = encodeUnreserved;
  if (meta.contentType !== undefined) return value === undefined ? '' : enc(contentText(meta, value));
  const shape = shapeOf(value);
  const style = styleOf(meta);
  const explode = explodeOf(meta);
  const name = enc(meta.name);
  const flat = (entries: Array<[string, string]>, pair: string) => entries.map(([k, v]) => (pair ? `${enc(k)}${pair}${enc(v)}` : `${enc(k)},${enc(v)}`));
  if (style === 'label') {
    // `.` is unreserved, but it is label style's separator: encode it inside values so they split back
    const enc = (text: string) => encodeUnreserved(text).replace(/\./g, '%2E');
    const flat = (entries: Array<[string, string]>, pair: string) => entries.map(([k, v]) => `${enc(k)}${pair}${enc(v)}`);
    if (!shape) return '';
    if (shape.kind === 'empty') return '.';
    if (shape.kind === 'primitive') return `.${enc(shape.value)}`;
    // RFC 6570 §3.2.5: `{.list}` is `.a,b,c`, `{.list*}` is `.a.b.c` (OpenAPI 3.1.0's table erred here; 3.1.1 fixed it)
    if (shape.kind === 'array') return `.${shape.items.map(enc).join(explode ? '.' : ',')}`;
    return `.${(explode ? flat(shape.entries, '=') : shape.entries.flatMap(([k, v]) => [enc(k), enc(v)])).join(explode ? '.' : ',')}`;
  }
  if (style === 'matrix') {
    if (!shape) return '';
    if (shape.kind === 'empty') return `;${name}`;
    if (shape.kind === 'primitive') return `;${name}=${enc(shape.value)}`;
    if (shape.kind === 'array') {
      return explode ? shape.items.map((v) => `;${name}=${enc(v)}`).join('') : `;${name}=${shape.items.map(enc).join(',')}`;
    }
    return explode ? shape.entries.map(([k, v]) => `;${enc(k)}=${enc(v)}`).join('') : `;${name}=${flat(shape.entries, '').join(',')}`;
  }
  // simple
  if (!shape || shape.kind === 'empty') return '';
  if (shape.kind === 'primitive') return enc(shape.value);
  if (shape.kind === 'array') return shape.items.map(enc).join(',');
  return flat(shape.entries, explode ? '=' : '').join(',');
}

function deepObjectPairs(prefix: string, value: unknown, allowReserved: boolean, out: string[]): void {
  if (value === undefined) return;
  if (Array.isArray(value)) {
    for (const item of value) deepObjectPairs(prefix, item, allowReserved, out);
  } else if (value !== null && typeof value === 'object' && !(value instanceof Date)) {
    for (const [k, v] of Object.entries(value)) deepObjectPairs(`${prefix}%5B${encodeUnreserved(k)}%5D`, v, allowReserved, out);
  } else {
    out.push(`${prefix}=${encodeValue(primitiveText(value), allowReserved)}`);
  }
}

/** `name=value` pairs for the query string (already percent-encoded), to be joined with `&`. */
export function serializeQueryParameter(meta: ParameterMeta, value: unknown): string[] {
  const reserved = meta.allowReserved === true;
  const enc = (text: string) => encodeValue(text, reserved);
  const name = encodeUnreserved(meta.name);
  if (meta.contentType !== undefined) return value === undefined ? [] : [`${name}=${enc(contentText(meta, value))}`];
  const style = styleOf(meta);
  const explode = explodeOf(meta);
  if (style === 'deepObject' && value !== null && typeof value === 'object' && !Array.isArray(value)) {
    const out: string[] = [];
    deepObjectPairs(name, value, reserved, out);
    return out;
  }
  const shape = shapeOf(value);
  if (!shape) return [];
  if (shape.kind === 'empty') return [`${name}=`];
  if (shape.kind === 'primitive') return [`${name}=${enc(shape.value)}`];
  // `|`, `[` and `]` are not allowed in a URI query unencoded (RFC 3986; OpenAPI 3.1.1 Appendix E)
  const delimiter = !explode && style === 'spaceDelimited' ? '%20' : !explode && style === 'pipeDelimited' ? '%7C' : ',';
  if (shape.kind === 'array') {
    return explode ? shape.items.map((v) => `${name}=${enc(v)}`) : [`${name}=${shape.items.map(enc).join(delimiter)}`];
  }
  if (explode) return shape.entries.map(([k, v]) => `${encodeUnreserved(k)}=${enc(v)}`);
  return [`${name}=${shape.entries.flatMap(([k, v]) => [encodeUnreserved(k), enc(v)]).join(delimiter)}`];
}

/** A header value (simple style; not percent-encoded, as HTTP headers are not URIs). */
export function serializeHeaderParameter(meta: ParameterMeta, value: unknown): string | undefined {
  let text: string | undefined;
  if (meta.contentType !== undefined) text = value === undefined ? undefined : contentText(meta, value);
  else {
    const shape = shapeOf(value);
    if (!shape) return undefined;
    if (shape.kind === 'empty') text = '';
    else if (shape.kind === 'primitive') text = shape.value;
    else if (shape.kind === 'array') text = shape.items.join(',');
    else text = shape.entries.map(([k, v]) => (explodeOf(meta) ? `${k}=${v}` : `${k},${v}`)).join(',');
  }
  if (text !== undefined && /[\r\n\0]/.test(text)) {
    throw new TypeError(`header parameter "${meta.name}" must not contain CR, LF or NUL`);
  }
  return text;
}

/** `name=value` cookie pairs (form style, values percent-encoded), to be joined with `; `. */
export function serializeCookieParameter(meta: ParameterMeta, value: unknown): string[] {
  const enc = encodeUnreserved;
  const name = enc(meta.name);
  if (meta.contentType !== undefined) return value === undefined ? [] : [`${name}=${enc(contentText(meta, value))}`];
  const shape = shapeOf(value);
  if (!shape) return [];
  if (shape.kind === 'empty') return [`${name}=`];
  if (shape.kind === 'primitive') return [`${name}=${enc(shape.value)}`];
  const explode = explodeOf(meta);
  if (shape.kind === 'array') return explode ? shape.items.map((v) => `${name}=${enc(v)}`) : [`${name}=${shape.items.map(enc).join(',')}`];
  if (explode) return shape.entries.map(([k, v]) => `${enc(k)}=${enc(v)}`);
  return [`${name}=${shape.entries.flatMap(([k, v]) => [enc(k), enc(v)]).join(',')}`];
}
