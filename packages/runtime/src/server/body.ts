/**
 * Request bodies: pick the documented media type for the request's Content-Type, read the bytes
 * within the size limit, and decode them (JSON, form-urlencoded, multipart through the web
 * `formData()`, text, or raw bytes) into the value the body validator and the handler see.
 */
import type { MediaDefinition } from './definition.js';
import { isJson } from './media.js';
import { Malformed } from './params.js';
import { shapeOf, type Shape } from './schema.js';

export type BodyKind = 'json' | 'form' | 'multipart' | 'text' | 'bytes';

export interface CompiledMedia {
  mediaType: string;
  kind: BodyKind;
  /** Shape of each declared property (form bodies: which fields repeat, which carry JSON). */
  fields: Map<string, Shape>;
  /** Multipart fields whose part is JSON (by encoding.contentType or an object/array schema). */
  jsonFields: Set<string>;
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
  if (kind === 'form' || kind === 'multipart') {
    let schema = media.schema as Record<string, any> | undefined;
    for (let hops = 0; schema && typeof schema.$ref === 'string' && hops < 20; hops++) schema = resolve(schema.$ref);
    const properties = collectProperties(schema, resolve);
    for (const [name, sub] of Object.entries(properties)) {
      const shape = shapeOf(sub, resolve);
      fields.set(name, shape);
      const encoded = media.encoding?.[name]?.contentType;
      if (kind === 'multipart' && (encoded ? /json/i.test(encoded) : shape === 'object')) jsonFields.add(name);
    }
  }
  return { mediaType, kind, fields, jsonFields };
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

/** Bytes → the body value; Malformed when it cannot be decoded at all. */
export async function decodeBody(media: CompiledMedia, bytes: Uint8Array, contentType: string): Promise<unknown> {
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
    case 'multipart': {
      let form: FormData;
      try {
        form = await new Response(bytes as BodyInit, { headers: { 'content-type': contentType } }).formData();
      } catch {
        return new Malformed('is not valid multipart/form-data');
      }
      return formObject(form, media, true, await jsonParts(form, media));
    }
    case 'text':
      return utf8(bytes);
    default:
      return bytes;
  }
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
