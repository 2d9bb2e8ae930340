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
 * The body of a response, as its documented media types say: JSON parsed, text, or a Blob. For a
 * declared response anything else is a ResponseParseError, never a value of the wrong type: a
 * Content-Type of another kind, JSON that does not parse, or no body where the spec documents a JSON
 * one. A response documented without content has no data (its body is read only when `validate` is on
 * to check it). An undeclared status (`declared` undefined) is read leniently, for UnexpectedStatusError.
 */
export async function decodeBody(operation: string, response: Response, method: string, declared: readonly string[] | undefined, validate: boolean): Promise<unknown> {
  if (noBody(response, method)) return undefined;
  if (declared && !declared.length && !validate) {
    await response.body?.cancel().catch(() => {});
    return undefined;
  }
  const lenient = !declared?.length;
  const actual = essence(response.headers.get('content-type'));
  const mediaType = lenient ? actual : !actual ? declared![0] : (declaredMediaType(declared!, actual) ?? declared!.find((d) => mediaKind(d) === mediaKind(actual)));
  const kind = mediaType ? mediaKind(mediaType) : 'text';
  if (kind === 'blob') return response.blob();
  const text = await response.text();
  const fail = (reason: string) => {
    throw new ResponseParseError(operation, response.status, declared!, actual, reason, text, response);
  };
  if (mediaType === undefined) fail(`is ${actual}, not ${declared!.join(' or ')}`);
  if (lenient && text === '') return undefined;
  if (kind === 'text') return text;
  if (!text.trim()) return lenient ? text : fail(`is empty, not ${mediaType}`);
  try {
    return JSON.parse(text);
  } catch (error) {
    return lenient ? text : fail(`is not valid ${mediaType}: ${(error as Error).message}`);
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
