/**
 * Request bodies: pick the documented media type for the request's Content-Type, read the bytes
 * within the size limit, and decode them (JSON, form-urlencoded, multipart through the web
 * `formData()`, text, or raw bytes) into the value the body validator and the handler see.
 */
import type { MediaDefinition } from './definition.js';
import { isJson, matchMediaType } from './media.js';
import { Malformed } from './params.js';
import { shapeOf, type Shape } from './schema.js';

export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'bytes';

export interface CompiledMedia {
  mediaType: string;
  kind: BodyKind;
  /** Shape of each declared property (form bodies: which fields repeat, which carry JSON). */
  fields: Map<string, Shape>;
  /** Multipart fields whose part is JSON (by encoding.contentType, an object schema, or an array of objects). */
  jsonFields: Set<string>;
  /** Multipart fields whose `encoding.contentType` limits the media types of their parts. */
  partTypes: Map<string, string[]>;
}

/** A multipart part whose Content-Type its field's `encoding.contentType` does not allow. */
export class PartRefused {
  constructor(
    readonly field: string,
    readonly type: string,
    readonly allowed: readonly string[],
  ) {}
}

export function bodyKind(mediaType: string): BodyKind {
  const type = mediaType.toLowerCase();
  if (type === 'application/x-www-form-urlencoded') return 'form';
  if (type === 'multipart/form-data') return 'multipart';
  if (isJson(type) && type !== '*/*') return 'json';
  if (type.startsWith('text/')) return 'text';
  return 'bytes';
}

export function compileMedia(mediaType: string, media: MediaDefinition, resolve: (ref: string) => Record<string, any> | undefined): CompiledMedia {
  const kind = bodyKind(mediaType);
  const fields = new Map<string, Shape>();
  const jsonFields = new Set<string>();
  const partTypes = new Map<string, string[]>();
  if (kind === 'form' || kind === 'multipart') {
    let schema = media.schema as Record<string, any> | undefined;
    for (let hops = 0; schema && typeof schema.$ref === 'string' && hops < 20; hops++) schema = resolve(schema.$ref);
    const properties = collectProperties(schema, resolve);
    for (const [name, sub] of Object.entries(properties)) {
      const shape = shapeOf(sub, resolve);
      fields.set(name, shape);
      const encoded = media.encoding?.[name]?.contentType;
      if (kind !== 'multipart') continue;
      const allowed = encoded ? encoded.split(',').map((t) => t.trim()).filter((t) => t.length > 0) : [];
      if (allowed.length > 0) partTypes.set(name, allowed);
      if (allowed.length > 0 ? allowed.some((t) => isJson(t) && t !== '*/*') : shape === 'object' || (shape === 'array' && itemShape(sub, resolve) === 'object')) jsonFields.add(name);
    }
  }
  return { mediaType, kind, fields, jsonFields, partTypes };
}

function itemShape(schema: unknown, resolve: (ref: string) => Record<string, any> | undefined): Shape {
  let s = schema as Record<string, any> | undefined;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 20; hops++) s = resolve(s.$ref);
  return s && typeof s === 'object' && s.items !== undefined ? shapeOf(s.items, resolve) : 'primitive';
}

function collectProperties(schema: Record<string, any> | undefined, resolve: (ref: string) => Record<string, any> | undefined): Record<string, unknown> {
  if (!schema || typeof schema !== 'object') return {};
  let out: Record<string, unknown> = { ...(schema.properties ?? {}) };
  for (const branch of schema.allOf ?? []) {
    let s = branch as Record<string, any> | undefined;
    for (let hops = 0; s && typeof s.$ref === 'string' && hops < 20; hops++) s = resolve(s.$ref);
    out = { ...collectProperties(s, resolve), ...out };
  }
  return out;
}

const textDecoder = new TextDecoder();
const hasBuffer = typeof Buffer !== 'undefined';

function utf8(bytes: Uint8Array): string {
  if (!hasBuffer) return textDecoder.decode(bytes);
  return (Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength)).toString('utf8');
}

/** Bytes → the body value (a promise for multipart only); Malformed when it cannot be decoded at all. */
export function decodeBody(media: CompiledMedia, bytes: Uint8Array, contentType: string): unknown {
  // only multipart needs a promise: the other kinds decode synchronously (no promise per request)
  if (media.kind === 'multipart') return decodeMultipart(media, bytes, contentType);
  switch (media.kind) {
    case 'json': {
      const text = utf8(bytes);
      try {
        return JSON.parse(text);
      } catch {
        return new Malformed('is not valid JSON');
      }
    }
    case 'form':
      return formObject(new URLSearchParams(utf8(bytes)), media, false);
    case 'text':
      return utf8(bytes);
    default:
      return bytes;
  }
}

async function decodeMultipart(media: CompiledMedia, bytes: Uint8Array, contentType: string): Promise<unknown> {
  let form: FormData;
  try {
    form = await new Response(bytes as BodyInit, { headers: { 'content-type': contentType } }).formData();
  } catch {
    return new Malformed('is not valid multipart/form-data');
  }
  const refused = refusedPart(form, media);
  if (refused) return refused;
  return formObject(form, media, true, await jsonParts(form, media));
}

/**
 * The first part sent as a file whose Content-Type its field's encoding does not allow. Plain
 * fields (no filename) reach us as strings without their Content-Type, so only file parts are checked.
 */
function refusedPart(form: FormData, media: CompiledMedia): PartRefused | undefined {
  if (media.partTypes.size === 0) return undefined;
  let refused: PartRefused | undefined;
  form.forEach((value, key) => {
    const allowed = media.partTypes.get(key);
    if (refused || !allowed || typeof value === 'string') return;
    const type = value.type || 'application/octet-stream';
    if (!matchMediaType(allowed, type)) refused = new PartRefused(key, type, allowed);
  });
  return refused;
}

/** Copies of the JSON parts' values before validation (the form validator coerces types). */
export function jsonPartValues(body: unknown, media: CompiledMedia): Map<string, unknown> | undefined {
  if (media.kind !== 'multipart' || media.jsonFields.size === 0 || !body || typeof body !== 'object') return undefined;
  const out = new Map<string, unknown>();
  for (const field of media.jsonFields) {
    const value = (body as Record<string, unknown>)[field];
    if (value !== undefined) out.set(field, structuredClone(value));
  }
  return out;
}

/**
 * Where validation coerced a JSON part (`{"a":1}` made `{"a":"1"}`): JSON keeps its types, so each
 * changed value is an error at its pointer. Values the validator added (defaults) are fine.
 */
export function coercedJsonParts(before: Map<string, unknown>, body: Record<string, unknown>): Array<{ pointer: string; message: string }> {
  const errors: Array<{ pointer: string; message: string }> = [];
  const compare = (was: unknown, now: unknown, pointer: string) => {
    if (errors.length >= 20) return;
    if (Array.isArray(was)) {
      if (!Array.isArray(now) || now.length !== was.length) errors.push({ pointer, message: `must be ${jsonType(now)}, not ${jsonType(was)} (JSON parts are not coerced)` });
      else was.forEach((item, i) => compare(item, now[i], `${pointer}/${i}`));
    } else if (was !== null && typeof was === 'object') {
      if (now === null || typeof now !== 'object' || Array.isArray(now)) errors.push({ pointer, message: `must be ${jsonType(now)}, not ${jsonType(was)} (JSON parts are not coerced)` });
      else for (const key of Object.keys(was)) compare((was as Record<string, unknown>)[key], (now as Record<string, unknown>)[key], `${pointer}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`);
    } else if (!Object.is(was, now)) {
      errors.push({ pointer, message: `must be ${jsonType(now)}, not ${jsonType(was)} (JSON parts are not coerced)` });
    }
  };
  for (const [field, was] of before) compare(was, body[field], `/body/${field.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  return errors;
}

function jsonType(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  return typeof value;
}

interface FormLike {
  forEach(callback: (value: any, key: string) => void): void;
}

/** Text of multipart parts sent as files but documented as JSON (`encoding.contentType: application/json`). */
async function jsonParts(form: FormData, media: CompiledMedia): Promise<Map<unknown, string>> {
  const texts = new Map<unknown, string>();
  const pending: Promise<void>[] = [];
  form.forEach((value, key) => {
    if (media.jsonFields.has(key) && typeof value !== 'string') pending.push(value.text().then((text) => void texts.set(value, text)));
  });
  await Promise.all(pending);
  return texts;
}

function formObject(form: FormLike, media: CompiledMedia, multipart: boolean, texts?: Map<unknown, string>): Record<string, unknown> {
  const grouped = new Map<string, unknown[]>();
  form.forEach((value, key) => {
    const list = grouped.get(key);
    if (list) list.push(value);
    else grouped.set(key, [value]);
  });
  const out: Record<string, unknown> = {};
  for (let [name, values] of grouped) {
    if (name === '__proto__') continue;
    if (multipart && media.jsonFields.has(name)) {
      values = values.map((v) => {
        if (typeof v !== 'string') v = texts?.get(v) ?? v;
        if (typeof v !== 'string') return v;
        try {
          return JSON.parse(v);
        } catch {
          return v;
        }
      });
    }
    const shape = media.fields.get(name);
    out[name] = shape === 'array' || (shape === undefined && values.length > 1) ? values : values[0];
  }
  return out;
}
