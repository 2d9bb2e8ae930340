/**
 * Request bodies by media type: JSON (and `+json`), `application/x-www-form-urlencoded` (each
 * property serialized per its Encoding Object, as a query parameter would be), `multipart/form-data`
 * (files as binary parts, objects as JSON parts, per `encoding`), text, and raw binary.
 */
import { primitiveText, serializeQueryParameter } from './params.js';

export interface EncodingMeta {
  contentType?: string;
  style?: string;
  explode?: boolean;
  allowReserved?: boolean;
}

export interface EncodedBody {
  body: BodyInit;
  /** Content-Type header to send. */
  contentType: string;
}

export function isJsonMediaType(mediaType: string): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

function isBinary(value: unknown): value is Blob | ArrayBuffer | ArrayBufferView {
  return value instanceof Blob || value instanceof ArrayBuffer || ArrayBuffer.isView(value);
}

/** A concrete media type to announce: wildcards (`image/*`) and lists fall back to `fallback`. */
function concrete(mediaType: string | undefined, fallback: string): string {
  if (!mediaType) return fallback;
  const first = mediaType.split(',')[0]!.trim();
  return first.includes('*') ? fallback : first;
}

export function encodeFormUrlencoded(value: unknown, encoding: Record<string, EncodingMeta> = {}): string {
  if (value === null || typeof value !== 'object') return '';
  const pairs: string[] = [];
  for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
    const e = encoding[name] ?? {};
    const explicitStyle = e.style !== undefined || e.explode !== undefined || e.allowReserved !== undefined;
    const contentType = !explicitStyle && e.contentType && !e.contentType.startsWith('text/plain') ? e.contentType : undefined;
    pairs.push(
      ...serializeQueryParameter(
        { name, in: 'query', style: e.style ?? 'form', explode: e.explode, allowReserved: e.allowReserved, contentType },
        item,
      ),
    );
  }
  return pairs.join('&');
}

function quoteDisposition(text: string): string {
  return text.replace(/\r/g, '%0D').replace(/\n/g, '%0A').replace(/"/g, '%22');
}

/** A `multipart/form-data` body (RFC 7578) built part by part, so JSON parts carry no file name. */
export function encodeMultipart(value: unknown, encoding: Record<string, EncodingMeta> = {}, boundary = newBoundary()): EncodedBody {
  const chunks: BlobPart[] = [];
  const part = (name: string, headers: string[], content: BlobPart) => {
    chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteDisposition(name)}"`);
    chunks.push(headers.map((h) => `\r\n${h}`).join(''), '\r\n\r\n', content, '\r\n');
  };
  const addValue = (name: string, item: unknown, e: EncodingMeta) => {
    if (item === undefined) return;
    if (isBinary(item)) {
      const blobType = item instanceof Blob ? item.type : '';
      const filename = typeof File !== 'undefined' && item instanceof File && item.name ? item.name : name;
      const disposition = `; filename="${quoteDisposition(filename)}"`;
      chunks.push(`--${boundary}\r\nContent-Disposition: form-data; name="${quoteDisposition(name)}"${disposition}`);
      chunks.push(`\r\nContent-Type: ${blobType || concrete(e.contentType, 'application/octet-stream')}\r\n\r\n`, item as BlobPart, '\r\n');
      return;
    }
    const structured = item !== null && typeof item === 'object' && !(item instanceof Date);
    const type = e.contentType ? concrete(e.contentType, structured ? 'application/json' : 'text/plain') : structured ? 'application/json' : 'text/plain';
    if (isJsonMediaType(type)) part(name, [`Content-Type: ${type}`], JSON.stringify(item));
    else part(name, type.startsWith('text/plain') ? [] : [`Content-Type: ${type}`], primitiveText(item));
  };
  if (value !== null && typeof value === 'object') {
    for (const [name, item] of Object.entries(value as Record<string, unknown>)) {
      const e = encoding[name] ?? {};
      // each element of an array property takes its own part (OpenAPI 3.1 "Special Considerations for multipart")
      if (Array.isArray(item)) for (const element of item) addValue(name, element, e);
      else addValue(name, item, e);
    }
  }
  chunks.push(`--${boundary}--\r\n`);
  return { body: new Blob(chunks), contentType: `multipart/form-data; boundary=${boundary}` };
}

function newBoundary(): string {
  return `covenant-${globalThis.crypto.randomUUID()}`;
}

/** Encode `value` as `mediaType` with the media type's Encoding Objects. */
export function encodeBody(mediaType: string, value: unknown, encoding?: Record<string, EncodingMeta>): EncodedBody {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  if (isJsonMediaType(type)) return { body: JSON.stringify(value), contentType: mediaType };
  if (type === 'application/x-www-form-urlencoded') return { body: encodeFormUrlencoded(value, encoding), contentType: mediaType };
  if (type === 'multipart/form-data') return encodeMultipart(value, encoding);
  if (type.startsWith('text/')) return { body: primitiveText(value), contentType: mediaType };
  const blobType = value instanceof Blob ? value.type : '';
  return { body: value as BodyInit, contentType: concrete(mediaType, blobType || 'application/octet-stream') };
}
