/** Request bodies: added/removed, requiredness, media types, and the schema of each media type (request direction). */
import type { Operation } from '../../spec/openapi/operations.js';
import type { DiffContext } from './context.js';
import { resolvedPointer } from './pointers.js';
import type { SchemaComparer } from './schema.js';
import { emitSchemaDiff } from './schema-findings.js';

export function diffRequestBody(ctx: DiffContext, comparer: SchemaComparer, base: Operation, revision: Operation, baseName: string, name: string): void {
  const a = base.requestBody;
  const b = revision.requestBody;
  if (!a && !b) return;
  if (!a) {
    ctx.emit({
      rule: b!.required ? 'request-body-added-required' : 'request-body-added-optional',
      message: `A ${b!.required ? 'required' : 'optional'} request body was added`,
      side: 'revision', pointer: b!.pointer, operation: name,
    });
    return;
  }
  if (!b) {
    ctx.emit({ rule: 'request-body-removed', message: 'The request body was removed', side: 'base', pointer: a.pointer, operation: baseName });
    return;
  }
  const pa = resolvedPointer(ctx.base.document, a.pointer);
  const pb = resolvedPointer(ctx.revision.document, b.pointer);
  if (a.required !== b.required) {
    ctx.emit({
      rule: b.required ? 'request-body-became-required' : 'request-body-became-optional',
      message: `The request body became ${b.required ? 'required' : 'optional'}`,
      side: 'revision', pointer: [...pb, 'required'], operation: name, details: { before: a.required, after: b.required },
    });
  }
  const typesA = mediaTypes(a.content);
  const typesB = mediaTypes(b.content);
  for (const [type, key] of typesA) {
    if (!typesB.has(type)) {
      ctx.emit({ rule: 'request-body-media-type-removed', message: `Request body media type ${key} was removed`, side: 'base', pointer: [...pa, 'content', key], operation: baseName, details: { before: key } });
    }
  }
  for (const [type, key] of typesB) {
    if (!typesA.has(type)) {
      ctx.emit({ rule: 'request-body-media-type-added', message: `Request body media type ${key} was added`, side: 'revision', pointer: [...pb, 'content', key], operation: name, details: { after: key } });
    }
  }
  for (const [type, keyA] of typesA) {
    const keyB = typesB.get(type);
    if (keyB === undefined) continue;
    const sa = a.content[keyA]?.schema;
    const sb = b.content[keyB]?.schema;
    const where = [...pb, 'content', keyB];
    if (sa === undefined && sb !== undefined) {
      ctx.emit({ rule: 'request-body-media-type-schema-added', message: `Request body (${keyB}) now has a schema`, side: 'revision', pointer: [...where, 'schema'], operation: name });
    } else if (sa !== undefined && sb === undefined) {
      ctx.emit({ rule: 'request-body-media-type-schema-removed', message: `Request body (${keyA}) no longer has a schema`, side: 'base', pointer: [...pa, 'content', keyA], operation: baseName });
    } else if (sa !== undefined && sb !== undefined) {
      const tree = comparer.compare({ raw: sa, pointer: [...pa, 'content', keyA, 'schema'] }, { raw: sb, pointer: [...where, 'schema'] }, 'request');
      emitSchemaDiff(ctx, tree, { kind: 'body', direction: 'request', label: `request body (${keyB})`, where: `(${keyB})`, operation: name });
    }
  }
}

/** Media types keyed case-insensitively without parameters (`application/json; charset=utf-8` ≡ `application/json`). */
export function mediaTypes(content: Record<string, unknown> | undefined): Map<string, string> {
  const out = new Map<string, string>();
  for (const key of Object.keys(content ?? {})) {
    const type = key.split(';')[0]!.trim().toLowerCase();
    if (!out.has(type)) out.set(type, key);
  }
  return out;
}
