/** Media types: matching a request's Content-Type to the documented ones, and Accept negotiation. */

/** `Application/JSON; charset=utf-8` → `application/json`. */
export function essence(contentType: string): string {
  const semi = contentType.indexOf(';');
  return (semi < 0 ? contentType : contentType.slice(0, semi)).trim().toLowerCase();
}

export function isJson(mediaType: string): boolean {
  const type = essence(mediaType);
  return type === 'application/json' || type.endsWith('+json') || type === '*/*';
}

/** The documented media type (possibly a range like `image/*`) that a concrete type falls under. */
export function matchMediaType(documented: readonly string[], actual: string): string | undefined {
  const type = essence(actual);
  let range: string | undefined;
  let any: string | undefined;
  for (const candidate of documented) {
    const c = essence(candidate);
    if (c === type) return candidate;
    if (c.endsWith('/*') && type.startsWith(c.slice(0, -1))) range ??= candidate;
    if (c === '*/*') any ??= candidate;
  }
  return range ?? any;
}

/** Whether an `Accept` header admits at least one of the types a response may have. */
export function acceptsAny(accept: string, produced: readonly string[]): boolean {
  for (const part of accept.split(',')) {
    const [range, ...parameters] = part.split(';');
    const q = parameters.map((p) => p.trim()).find((p) => p.startsWith('q='));
    if (q && Number(q.slice(2)) === 0) continue;
    const r = essence(range ?? '');
    if (r === '*/*' || r === '') return true;
    for (const type of produced) {
      const t = essence(type);
      if (t === r || t === '*/*') return true;
      if (r.endsWith('/*') && t.startsWith(r.slice(0, -1))) return true;
      if (t.endsWith('/*') && r.startsWith(t.slice(0, -1))) return true;
    }
  }
  return false;
}
