/** Responses: status codes, media types, headers, and the schema of each media type (response direction). */
import type { Operation, Response } from '../../spec/openapi/operations.js';
import type { DiffContext } from './context.js';
import { resolvedPointer } from './pointers.js';
import { mediaTypes } from './request-body.js';
import type { SchemaComparer } from './schema.js';
import { emitSchemaDiff } from './schema-findings.js';

function isSuccess(status: string): boolean {
  return /^2(\d\d|XX)$/i.test(status);
}

export function diffResponses(ctx: DiffContext, comparer: SchemaComparer, base: Operation, revision: Operation, baseName: string, name: string): void {
  const before = new Map(base.responses.map((r) => [r.status.toUpperCase(), r]));
  const after = new Map(revision.responses.map((r) => [r.status.toUpperCase(), r]));
  for (const [status, r] of before) {
    if (after.has(status)) continue;
    const success = isSuccess(status);
    ctx.emit({
      rule: success ? 'response-success-status-removed' : 'response-non-success-status-removed',
      message: `Response status ${r.status} was removed`,
      side: 'base', pointer: r.pointer, operation: baseName, details: { before: r.status },
    });
  }
  for (const [status, r] of after) {
    if (before.has(status)) continue;
    ctx.emit({
      rule: isSuccess(status) ? 'response-success-status-added' : 'response-non-success-status-added',
      message: `Response status ${r.status} was added`,
      side: 'revision', pointer: r.pointer, operation: name, details: { after: r.status },
    });
  }
  for (const [status, a] of before) {
    const b = after.get(status);
    if (b) diffResponse(ctx, comparer, a, b, baseName, name);
  }
}

function diffResponse(ctx: DiffContext, comparer: SchemaComparer, a: Response, b: Response, baseName: string, name: string): void {
  const pa = resolvedPointer(ctx.base.document, a.pointer);
  const pb = resolvedPointer(ctx.revision.document, b.pointer);
  const typesA = mediaTypes(a.content);
  const typesB = mediaTypes(b.content);
  const removed = [...typesA].filter(([type]) => !typesB.has(type));
  const added = [...typesB].filter(([type]) => !typesA.has(type));
  // a media type replaced by a more general or more specific one (application/vnd.x+json ↔ application/json)
  const renamed: Array<[string, string]> = [];
  for (const [typeA, keyA] of [...removed]) {
    const i = added.findIndex(([typeB]) => covers(typeB, typeA) || covers(typeA, typeB));
    if (i < 0) continue;
    const [typeB, keyB] = added.splice(i, 1)[0]!;
    removed.splice(removed.findIndex(([t]) => t === typeA), 1);
    renamed.push([keyA, keyB]);
    const general = covers(typeB, typeA);
    ctx.emit({
      rule: general ? 'response-media-type-name-generalized' : 'response-media-type-name-specialized',
      message: `Response ${b.status} media type changed from ${keyA} to the more ${general ? 'general' : 'specific'} ${keyB}`,
      side: 'revision', pointer: [...pb, 'content', keyB], operation: name, details: { before: keyA, after: keyB },
    });
  }
  for (const [, key] of removed) {
    ctx.emit({ rule: 'response-media-type-removed', message: `Response ${b.status} media type ${key} was removed`, side: 'base', pointer: [...pa, 'content', key], operation: baseName, details: { before: key } });
  }
  for (const [, key] of added) {
    ctx.emit({ rule: 'response-media-type-added', message: `Response ${b.status} media type ${key} was added`, side: 'revision', pointer: [...pb, 'content', key], operation: name, details: { after: key } });
  }
  const pairs: Array<[string, string]> = [...renamed];
  for (const [type, keyA] of typesA) {
    const keyB = typesB.get(type);
    if (keyB !== undefined) pairs.push([keyA, keyB]);
  }
  for (const [keyA, keyB] of pairs) {
    const sa = (a.content[keyA] as any)?.schema;
    const sb = (b.content[keyB] as any)?.schema;
    const where = [...pb, 'content', keyB];
    if (sa !== undefined && sb === undefined) {
      ctx.emit({ rule: 'response-body-media-type-schema-removed', message: `Response ${b.status} (${keyA}) no longer has a schema`, side: 'base', pointer: [...pa, 'content', keyA, 'schema'], operation: baseName });
    } else if (sa === undefined && sb !== undefined) {
      ctx.emit({ rule: 'response-body-media-type-schema-added', message: `Response ${b.status} (${keyB}) now has a schema`, side: 'revision', pointer: [...where, 'schema'], operation: name });
    } else if (sa !== undefined && sb !== undefined) {
      const tree = comparer.compare({ raw: sa, pointer: [...pa, 'content', keyA, 'schema'] }, { raw: sb, pointer: [...where, 'schema'] }, 'response');
      emitSchemaDiff(ctx, tree, { kind: 'body', direction: 'response', label: `response body (${b.status} ${keyB})`, where: `(${b.status} ${keyB})`, operation: name });
    }
  }
  diffHeaders(ctx, comparer, a, b, pa, pb, baseName, name);
}

// True when media type `general` accepts every value of `specific`: any/any, type/any, type/x+suffix under type/suffix.
function covers(general: string, specific: string): boolean {
  if (general === specific) return false;
  if (general === '*/*') return true;
  const [gt, gs] = general.split('/');
  const [st, ss] = specific.split('/');
  if (gt !== st || !gs || !ss) return false;
  return gs === '*' || (ss.endsWith(`+${gs}`) && ss !== gs);
}

function diffHeaders(ctx: DiffContext, comparer: SchemaComparer, a: Response, b: Response, pa: readonly (string | number)[], pb: readonly (string | number)[], baseName: string, name: string): void {
  const lower = (headers: Record<string, Record<string, any>>) => new Map(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), { key: k, header: v ?? {} }]));
  const before = lower(a.headers);
  const after = lower(b.headers);
  for (const [h, { key, header }] of before) {
    if (after.has(h)) continue;
    const required = header.required === true;
    ctx.emit({
      rule: required ? 'required-response-header-removed' : 'optional-response-header-removed',
      message: `${required ? 'Required' : 'Optional'} response header \`${key}\` (${b.status}) was removed`,
      side: 'base', pointer: [...pa, 'headers', key], operation: baseName, details: { before: key },
    });
  }
  for (const [h, { key }] of after) {
    if (before.has(h)) continue;
    ctx.emit({ rule: 'response-header-added', message: `Response header \`${key}\` (${b.status}) was added`, side: 'revision', pointer: [...pb, 'headers', key], operation: name, details: { after: key } });
  }
  for (const [h, x] of before) {
    const y = after.get(h);
    if (!y) continue;
    const at = resolvedPointer(ctx.revision.document, [...pb, 'headers', y.key]);
    const from = resolvedPointer(ctx.base.document, [...pa, 'headers', x.key]);
    if (x.header.required === true && y.header.required !== true) {
      ctx.emit({ rule: 'response-header-became-optional', message: `Response header \`${y.key}\` (${b.status}) became optional`, side: 'revision', pointer: at, operation: name, details: { before: 'required', after: 'optional' } });
    }
    const sa = schemaOf(x.header);
    const sb = schemaOf(y.header);
    if (sa && sb) {
      const tree = comparer.compare({ raw: sa.schema, pointer: [...from, ...sa.at] }, { raw: sb.schema, pointer: [...at, ...sb.at] }, 'response');
      emitSchemaDiff(ctx, tree, { kind: 'header', direction: 'response', label: `response header \`${y.key}\` (${b.status})`, operation: name });
    }
  }
}

function schemaOf(header: Record<string, any>): { schema: unknown; at: string[] } | undefined {
  if (header.schema !== undefined) return { schema: header.schema, at: ['schema'] };
  const [type, media] = Object.entries((header.content ?? {}) as Record<string, any>)[0] ?? [];
  if (type && media?.schema !== undefined) return { schema: media.schema, at: ['content', type, 'schema'] };
  return undefined;
}
