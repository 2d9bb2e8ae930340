/** Pointers of referenced objects: a finding points where the object is written, not at its `$ref`. */
import type { OpenApiDocument } from '../../spec/openapi/load.js';
import { getAt } from '../../spec/openapi/load.js';
import { pointerToSegments } from '../../spec/source.js';
import type { Segments } from './normalize.js';

/** Follow `$ref`s from the value at `pointer` and return the pointer of the object they lead to. */
export function resolvedPointer(document: OpenApiDocument, pointer: Segments): Segments {
  let at = pointer;
  let value = getAt(document, at);
  const seen = new Set<string>();
  while (value && typeof value === 'object' && typeof (value as any).$ref === 'string') {
    const ref: string = (value as any).$ref;
    if (!ref.startsWith('#') || seen.has(ref)) break;
    seen.add(ref);
    at = pointerToSegments(ref);
    value = getAt(document, at);
  }
  return at;
}
