/**
 * Percent-encoding for URI parts (RFC 3986 / RFC 6570): everything but the unreserved characters is
 * encoded; with `allowReserved`, reserved characters and existing `%XX` triples pass through,
 * except the ones that would change the meaning of a query string.
 */

const HEX = '0123456789ABCDEF';
const utf8 = new TextEncoder();

function encodeUtf8(text: string, keep: (code: number) => boolean): string {
  let out = '';
  const bytes = utf8.encode(text);
  for (const byte of bytes) {
    if (byte < 0x80 && keep(byte)) out += String.fromCharCode(byte);
    else out += `%${HEX[byte >> 4]}${HEX[byte & 15]}`;
  }
  return out;
}

function isUnreserved(code: number): boolean {
  return (
    (code >= 0x30 && code <= 0x39) || // 0-9
    (code >= 0x41 && code <= 0x5a) || // A-Z
    (code >= 0x61 && code <= 0x7a) || // a-z
    code === 0x2d || code === 0x2e || code === 0x5f || code === 0x7e // - . _ ~
  );
}

/** Reserved characters kept by `allowReserved`: `:/?@!$'()*,;` (not `# & = + [ ]`, which would break the query). */
const RESERVED_KEPT = new Set([...":/?@!$'()*,;"].map((c) => c.charCodeAt(0)));

const ALL_UNRESERVED = /^[A-Za-z0-9\-._~]*$/;

/** Encode one value so that only unreserved characters remain literal (`encodeURIComponent` plus `!'()*`). */
export function encodeUnreserved(text: string): string {
  if (ALL_UNRESERVED.test(text)) return text;
  try {
    return encodeURIComponent(text).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  } catch {
    // lone surrogates: encode their UTF-8 replacement character instead of throwing
    return encodeUtf8(text, isUnreserved);
  }
}

/** Encode a value with reserved expansion: reserved characters and valid `%XX` triples stay as they are. */
export function encodeReserved(text: string): string {
  let out = '';
  for (let i = 0; i < text.length; ) {
    if (text[i] === '%' && /^[0-9A-Fa-f]{2}$/.test(text.slice(i + 1, i + 3))) {
      out += text.slice(i, i + 3);
      i += 3;
      continue;
    }
    const code = text.codePointAt(i)!;
    const char = String.fromCodePoint(code);
    out += encodeUtf8(char, (c) => isUnreserved(c) || RESERVED_KEPT.has(c));
    i += char.length;
  }
  return out;
}

export function encodeValue(text: string, allowReserved: boolean): string {
  return allowReserved ? encodeReserved(text) : encodeUnreserved(text);
}
