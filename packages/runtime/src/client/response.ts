/**
 * The response side of the client transport: which declared response a status and Content-Type fall
 * under, the body decoded by media type, and the declared headers read as their schema types.
 */
import { isJsonMediaType } from './body.js';
import { ResponseParseError } from './errors.js';

/** How to read a declared response header (simple style). */
export interface ClientResponseHeader {
  /** Schema type: `string` (default), `integer`, `number`, `boolean`, `array`, `object`. */
  type?: string;
  /** Item type of an `array`. */
  items?: string;
  explode?: boolean;
  /** Described by `content` with a JSON media type. */
  json?: boolean;
}

/** Which declared response a status falls under: exact code, then `NXX`, then `default`. */
export function declaredStatus(responses: Readonly<Record<string, unknown>>, status: number): string | undefined {
  const exact = String(status);
  if (exact in responses) return exact;
  const range = `${exact[0]}XX`;
  if (range in responses) return range;
  const lower = range.replace('XX', 'xx');
  if (lower in responses) return lower;
  return 'default' in responses ? 'default' : undefined;
}

export function essence(contentType: string | null): string {
  return (contentType ?? '').split(';')[0]!.trim().toLowerCase();
}

/** The declared media type a response's Content-Type falls under (exact, `type/*`, `*\/*`). */
export function declaredMediaType(declared: readonly string[], contentType: string): string | undefined {
  const actual = essence(contentType);
  const exact = declared.find((d) => essence(d) === actual);
  if (exact) return exact;
  const family = declared.find((d) => essence(d) === `${actual.split('/')[0]}/*`);
  return family ?? declared.find((d) => essence(d) === '*/*');
}

/** How a body of a media type is handed over (and typed by the generator): parsed JSON, text, or a Blob. */
export function mediaKind(mediaType: string): 'json' | 'text' | 'blob' {
  const type = essence(mediaType);
  return isJsonMediaType(type) ? 'json' : type.startsWith('text/') ? 'text' : 'blob';
}

function noBody(response: Response, method: string): boolean {
  return method === 'HEAD' || response.status === 204 || response.status === 205 || response.status === 304;
}

/**
 * The body of a declared response, as the documented media types say: JSON parsed, text, or a Blob.
 * Anything else is a ResponseParseError, never a value of the wrong type: a Content-Type of another
 * kind, JSON that does not parse, or no body where the spec documents a JSON one. A response the spec
 * gives no content has no data (its body is read only to check it when `validate` is on).
 */
export async function decodeBody(operation: string, response: Response, method: string, declared: readonly string[], validate: boolean): Promise<unknown> {
  if (noBody(response, method)) return undefined;
  if (!declared.length) {
    if (!validate) {
      await response.body?.cancel().catch(() => {});
      return undefined;
    }
    const text = await response.text();
    return text === '' ? undefined : text;
  }
  const contentType = response.headers.get('content-type');
  const actual = essence(contentType);
  const fail = (reason: string, text?: string) =>
    new ResponseParseError(operation, response.status, declared, actual, reason, text === undefined ? undefined : text.slice(0, 1000), response);
  let mediaType: string | undefined;
  if (actual === '') mediaType = declared[0];
  else mediaType = declaredMediaType(declared, actual) ?? declared.find((d) => mediaKind(d) === mediaKind(actual));
  if (mediaType === undefined) {
    const text = mediaKind(actual) === 'blob' ? undefined : await response.text();
    throw fail(`has Content-Type ${actual}, not one of the documented ${declared.join(', ')}`, text);
  }
  const kind = mediaKind(mediaType);
  if (kind === 'blob') return response.blob();
  const text = await response.text();
  if (kind === 'text') return text;
  if (text.trim() === '') throw fail(`has no body, but the spec documents one (${mediaType})`, text);
  try {
    return JSON.parse(text);
  } catch (error) {
    throw fail(`is not valid JSON (${mediaType}): ${(error as Error).message}`, text);
  }
}

/** The body of an undeclared status, for UnexpectedStatusError: whatever it can be read as. */
export async function decodeUndeclared(response: Response, method: string): Promise<unknown> {
  if (noBody(response, method)) return undefined;
  const type = essence(response.headers.get('content-type'));
  if (type !== '' && mediaKind(type) === 'blob' && type !== 'application/x-www-form-urlencoded') return response.blob();
  const text = await response.text();
  if (text === '') return type === '' ? undefined : text;
  if (mediaKind(type) !== 'json') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

function headerValue(text: string, type: string | undefined): unknown {
  if (type === 'integer' || type === 'number') {
    const n = Number(text);
    return text.trim() !== '' && Number.isFinite(n) ? n : text;
  }
  if (type === 'boolean') return text === 'true' ? true : text === 'false' ? false : text;
  return text;
}

/** The declared headers of a response, read as simple-style values of their schema type. */
export function readResponseHeaders(declared: Readonly<Record<string, ClientResponseHeader>> | undefined, headers: Headers): Record<string, unknown> {
  const out = Object.create(null) as Record<string, unknown>;
  for (const [name, meta] of Object.entries(declared ?? {})) {
    const raw = headers.get(name);
    if (raw === null) continue;
    if (meta.json) {
      try {
        out[name] = JSON.parse(raw);
      } catch {
        out[name] = raw;
      }
    } else if (meta.type === 'array') {
      out[name] = raw.split(',').map((item) => headerValue(item.trim(), meta.items));
    } else if (meta.type === 'object') {
      const parts = raw.split(',').map((part) => part.trim());
      const entries = meta.explode
        ? parts.map((part) => {
            const i = part.indexOf('=');
            return i < 0 ? [part, ''] : [part.slice(0, i), part.slice(i + 1)];
          })
        : parts.flatMap((part, i) => (i % 2 === 0 ? [[part, parts[i + 1] ?? '']] : []));
      out[name] = Object.fromEntries(entries);
    } else {
      out[name] = headerValue(raw, meta.type);
    }
  }
  return out;
}
