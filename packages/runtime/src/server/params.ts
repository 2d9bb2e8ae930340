/**
 * Parameter values as they arrive (path segment, query string, header, cookie) → plain values per
 * the OpenAPI style and explode rules. Values stay strings here; ajv's type coercion turns them into
 * the schema's numbers and booleans when the parameters are validated.
 */
import type { ParameterDefinition, ParameterLocation } from './definition.js';
import type { Shape } from './schema.js';

export interface CompiledParameter {
  name: string;
  in: ParameterLocation;
  style: string;
  explode: boolean;
  shape: Shape;
  /** For exploded form objects: the query keys that belong to this parameter (empty = every unclaimed key). */
  properties: string[];
  /** Parameters described by `content` carry a JSON document. */
  json: boolean;
  /** Lower-case header name, or the cookie/query key. */
  key: string;
}

export function compileParameter(p: ParameterDefinition, shape: Shape, properties: string[]): CompiledParameter {
  const style = p.style ?? (p.in === 'query' || p.in === 'cookie' ? 'form' : 'simple');
  return {
    name: p.name,
    in: p.in,
    style,
    explode: p.explode ?? style === 'form',
    shape,
    properties,
    json: p.contentType !== undefined && /json/i.test(p.contentType),
    key: p.in === 'header' ? p.name.toLowerCase() : p.name,
  };
}

/** A value that could not be parsed at all (e.g. broken JSON): reported as a 400 at its pointer. */
export class Malformed {
  constructor(readonly message: string) {}
}

export function decode(text: string): string {
  if (text.indexOf('%') < 0) return text;
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** application/x-www-form-urlencoded decoding: `+` is a space. */
export function decodeQuery(text: string): string {
  return decode(text.indexOf('+') < 0 ? text : text.replace(/\+/g, ' '));
}

/** Query string → decoded key → raw (still encoded) values, in order. */
export function parseQuery(query: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  if (!query) return out;
  let start = 0;
  while (start <= query.length) {
    let end = query.indexOf('&', start);
    if (end < 0) end = query.length;
    if (end > start) {
      const eq = query.indexOf('=', start);
      const hasValue = eq >= 0 && eq < end;
      const key = decodeQuery(query.slice(start, hasValue ? eq : end));
      const value = hasValue ? query.slice(eq + 1, end) : '';
      const list = out.get(key);
      if (list) list.push(value);
      else out.set(key, [value]);
    }
    start = end + 1;
  }
  return out;
}

/** `Cookie` header → name → decoded value (first one wins). */
export function parseCookies(header: string | undefined): Map<string, string> {
  const out = new Map<string, string>();
  if (!header) return out;
  for (const part of header.split(';')) {
    const eq = part.indexOf('=');
    if (eq < 0) continue;
    const name = part.slice(0, eq).trim();
    if (!name || out.has(name)) continue;
    let value = part.slice(eq + 1).trim();
    if (value.length >= 2 && value.charCodeAt(0) === 34 && value.charCodeAt(value.length - 1) === 34) value = value.slice(1, -1);
    out.set(name, decode(value));
  }
  return out;
}

function pairs(items: string[], map: (s: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (let i = 0; i + 1 < items.length; i += 2) {
    const key = map(items[i]!);
    if (key !== '__proto__') out[key] = map(items[i + 1]!);
  }
  return out;
}

function keyValues(items: string[], map: (s: string) => string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const item of items) {
    const eq = item.indexOf('=');
    const key = map(eq < 0 ? item : item.slice(0, eq));
    if (key !== '__proto__') out[key] = eq < 0 ? '' : map(item.slice(eq + 1));
  }
  return out;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return new Malformed('is not valid JSON');
  }
}

/** simple / label / matrix path value (still percent-encoded). */
export function readPath(p: CompiledParameter, raw: string): unknown {
  if (p.json) return parseJson(decode(raw));
  let text = raw;
  let separator = ',';
  if (p.style === 'label') {
    if (text.charCodeAt(0) !== 46) return new Malformed('must start with "." (label style)');
    text = text.slice(1);
    if (p.explode) separator = '.';
  } else if (p.style === 'matrix') {
    if (text.charCodeAt(0) !== 59) return new Malformed('must start with ";" (matrix style)');
    text = text.slice(1);
    if (p.explode && p.shape === 'object') return keyValues(text.split(';'), decode);
    if (p.explode && p.shape === 'array') {
      const prefix = `${p.name}=`;
      return text.split(';').map((item) => decode(item.startsWith(prefix) ? item.slice(prefix.length) : item));
    }
    const prefix = `${p.name}=`;
    if (text === p.name) text = '';
    else if (text.startsWith(prefix)) text = text.slice(prefix.length);
    else return new Malformed(`must be ";${p.name}=..." (matrix style)`);
  }
  if (p.shape === 'primitive') return decode(text);
  const items = text === '' ? [] : text.split(separator);
  if (p.shape === 'array') return items.map(decode);
  return p.explode ? keyValues(items, decode) : pairs(items, decode);
}

/** form / spaceDelimited / pipeDelimited / deepObject query values. */
export function readQuery(p: CompiledParameter, query: Map<string, string[]>, claimed: Set<string>): unknown {
  if (p.style === 'deepObject') return readDeepObject(p.name, query);
  if (p.shape === 'object' && p.explode && p.style === 'form') {
    const out: Record<string, unknown> = {};
    let any = false;
    const keys = p.properties.length > 0 ? p.properties : [...query.keys()].filter((key) => !claimed.has(key));
    for (const key of keys) {
      if (key === '__proto__') continue;
      const values = query.get(key);
      if (!values) continue;
      any = true;
      out[key] = values.length === 1 ? decodeQuery(values[0]!) : values.map(decodeQuery);
    }
    return any ? out : undefined;
  }
  const values = query.get(p.name);
  if (!values) return undefined;
  if (p.json) return parseJson(decodeQuery(values[0]!));
  if (p.shape === 'primitive') return decodeQuery(values[0]!);
  let items: string[];
  if (p.explode && p.shape === 'array') items = values.map(decodeQuery);
  else if (p.style === 'spaceDelimited') items = splitNonEmpty(decodeQuery(values[0]!), ' ');
  else if (p.style === 'pipeDelimited') items = splitNonEmpty(values[0]!.replace(/%7C/gi, '|'), '|').map(decodeQuery);
  else items = splitNonEmpty(values[0]!, ',').map(decodeQuery);
  return p.shape === 'array' ? items : pairs(items, (s) => s);
}

function splitNonEmpty(text: string, separator: string): string[] {
  return text === '' ? [] : text.split(separator);
}

/** `filter[team]=core&filter[tags][]=a&filter[tags][]=b` → { team: 'core', tags: ['a', 'b'] }. */
function readDeepObject(name: string, query: Map<string, string[]>): unknown {
  let out: Record<string, unknown> | undefined;
  const prefix = `${name}[`;
  for (const [key, values] of query) {
    if (!key.startsWith(prefix)) continue;
    const parts: string[] = [];
    const pattern = /\[([^\]]*)\]/g;
    const rest = key.slice(name.length);
    for (let m = pattern.exec(rest); m; m = pattern.exec(rest)) parts.push(m[1]!);
    const asArray = parts.length > 1 && parts[parts.length - 1] === '';
    if (asArray) parts.pop();
    if (parts.length === 0 || parts.includes('') || parts.includes('__proto__')) continue;
    out ??= {};
    let cursor: Record<string, unknown> = out;
    for (let i = 0; i < parts.length - 1; i++) {
      const next = cursor[parts[i]!];
      cursor = next && typeof next === 'object' && !Array.isArray(next) ? (next as Record<string, unknown>) : (cursor[parts[i]!] = {});
    }
    const decoded = values.map(decodeQuery);
    cursor[parts[parts.length - 1]!] = asArray || decoded.length > 1 ? decoded : decoded[0];
  }
  return out;
}

/** simple-style header value. */
export function readHeader(p: CompiledParameter, raw: string): unknown {
  if (p.json) return parseJson(raw);
  if (p.shape === 'primitive') return raw.trim();
  const items = raw.split(',').map((s) => s.trim()).filter((s) => s !== '');
  if (p.shape === 'array') return items;
  return p.explode ? keyValues(items, (s) => s.trim()) : pairs(items, (s) => s);
}

/** form-style cookie value (already decoded). */
export function readCookie(p: CompiledParameter, value: string): unknown {
  if (p.json) return parseJson(value);
  if (p.shape === 'primitive') return value;
  const items = splitNonEmpty(value, ',');
  if (p.shape === 'array') return items;
  return p.explode ? keyValues(items, (s) => s) : pairs(items, (s) => s);
}
