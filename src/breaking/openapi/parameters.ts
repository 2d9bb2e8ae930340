/** Request parameters (path, query, header, cookie): existence, requiredness, serialisation, lifecycle, schema. */
import type { Operation, Parameter } from '../../spec/openapi/operations.js';
import type { DiffContext } from './context.js';
import { checkLifecycle, removalVerdict } from './lifecycle.js';
import { resolvedPointer } from './pointers.js';
import type { SchemaComparer } from './schema.js';
import { breaksClients, emitSchemaDiff } from './schema-findings.js';

/** Path parameters match by position in the template (`{id}` ≡ `{userId}`); others by location and name. */
function parameterKey(op: Operation, p: Parameter): string {
  if (p.in === 'path') {
    const names = [...op.path.matchAll(/\{([^}]*)\}/g)].map((m) => m[1]);
    const index = names.indexOf(p.name);
    return index >= 0 ? `path#${index}` : `path:${p.name}`;
  }
  return `${p.in}:${p.in === 'header' ? p.name.toLowerCase() : p.name}`;
}

function label(p: Parameter): string {
  return `${p.in} parameter \`${p.name}\``;
}

function schemaPointer(ctx: DiffContext, side: 'base' | 'revision', p: Parameter): (string | number)[] {
  const doc = (side === 'base' ? ctx.base : ctx.revision).document;
  const at = [...resolvedPointer(doc, p.pointer)];
  return p.contentType ? [...at, 'content', p.contentType, 'schema'] : [...at, 'schema'];
}

export function diffParameters(ctx: DiffContext, comparer: SchemaComparer, base: Operation, revision: Operation, baseName: string, name: string): void {
  const before = new Map(base.parameters.map((p) => [parameterKey(base, p), p]));
  const after = new Map(revision.parameters.map((p) => [parameterKey(revision, p), p]));
  for (const [key, p] of before) {
    if (after.has(key)) continue;
    const raw = ctx.base.at(resolvedPointer(ctx.base.document, p.pointer)) as Record<string, any>;
    const verdict = removalVerdict(ctx, { deprecated: p.deprecated, sunset: raw?.['x-sunset'] });
    const rule =
      verdict.kind === 'without-deprecation' ? 'request-parameter-removed'
      : verdict.kind === 'with-deprecation' ? 'request-parameter-removed-with-deprecation'
      : verdict.kind === 'before-sunset' ? 'request-parameter-removed-before-sunset'
      : 'request-parameter-sunset-parse';
    const why =
      verdict.kind === 'before-sunset' ? ` before its sunset ${verdict.sunset}`
      : verdict.kind === 'with-deprecation' ? ' after its deprecation'
      : verdict.kind === 'sunset-parse' ? ` (its x-sunset ${JSON.stringify(raw?.['x-sunset'])} is not a date)`
      : '';
    ctx.emit({ rule, message: `${cap(label(p))} was removed${why}`, side: 'base', pointer: p.pointer, operation: baseName, details: { before: p.name } });
  }
  for (const [key, p] of after) {
    if (before.has(key)) continue;
    const pathLevel = p.pointer[2] === 'parameters';
    const rule =
      p.in === 'path' ? 'new-request-path-parameter'
      : p.required ? (pathLevel ? 'new-required-request-default-parameter-to-existing-path' : 'new-required-request-parameter')
      : pathLevel ? 'new-optional-request-default-parameter-to-existing-path' : 'new-optional-request-parameter';
    ctx.emit({ rule, message: `${cap(label(p))} was added as ${p.required ? 'a required' : 'an optional'} parameter`, side: 'revision', pointer: p.pointer, operation: name, details: { after: p.name } });
  }
  for (const [key, a] of before) {
    const b = after.get(key);
    if (!b) continue;
    const at = b.pointer;
    const rawA = ctx.base.at(resolvedPointer(ctx.base.document, a.pointer)) as Record<string, any>;
    const rawB = ctx.revision.at(resolvedPointer(ctx.revision.document, b.pointer)) as Record<string, any>;
    if (a.required !== b.required) {
      ctx.emit({
        rule: b.required ? 'request-parameter-became-required' : 'request-parameter-became-optional',
        message: `${cap(label(b))} became ${b.required ? 'required' : 'optional'}`,
        side: 'revision', pointer: [...at, 'required'], operation: name,
        details: { before: a.required, after: b.required },
      });
    }
    if (!a.contentType && !b.contentType) {
      if (a.style !== b.style) {
        ctx.emit({ rule: 'request-parameter-style-changed', message: `${cap(label(b))} style changed from ${a.style} to ${b.style}`, side: 'revision', pointer: at, operation: name, details: { before: a.style, after: b.style } });
      } else if (a.explode !== b.explode && !(isScalar(a.schema) && isScalar(b.schema))) {
        ctx.emit({ rule: 'request-parameter-explode-changed', message: `${cap(label(b))} explode changed from ${a.explode} to ${b.explode}`, side: 'revision', pointer: at, operation: name, details: { before: a.explode, after: b.explode } });
      }
    }
    checkLifecycle(ctx, {
      label: cap(label(b)),
      operation: name,
      base: { deprecated: a.deprecated, sunset: rawA?.['x-sunset'], stability: rawA?.['x-stability-level'] },
      revision: { deprecated: b.deprecated, sunset: rawB?.['x-sunset'], stability: rawB?.['x-stability-level'], pointer: at },
      ids: {
        deprecated: 'request-parameter-deprecated',
        reactivated: 'request-parameter-reactivated',
        sunsetMissing: 'request-parameter-deprecated-sunset-missing',
        sunsetParse: 'request-parameter-sunset-parse',
        sunsetTooSmall: 'request-parameter-sunset-date-too-small',
        sunsetDeleted: 'request-parameter-sunset-deleted',
        sunsetChangedParse: 'request-parameter-sunset-parse',
        sunsetChangedTooSmall: 'request-parameter-sunset-date-changed-too-small',
      },
    });
    if (scalarBecameExplodedList(a, b)) {
      // `?q=x` is read as the one-item list ["x"]: safe when each old value is a valid item and one item is enough
      const tree = comparer.compare({ raw: a.schema, pointer: schemaPointer(ctx, 'base', a) }, { raw: b.schema.items, pointer: [...schemaPointer(ctx, 'revision', b), 'items'] }, 'request');
      const minItems = typeof b.schema.minItems === 'number' ? b.schema.minItems : 0;
      // in a query string every value is text: a plain string item accepts the text of any scalar type
      const item = b.schema.items as Record<string, unknown>;
      const anyText = item && item.type === 'string' && Object.keys(item).every((k) => k === 'type' || k === 'description');
      const typeOnly = anyText ? { ...tree, changes: tree.changes.filter((c) => !/^(type-|list-of-types-)/.test(c.kinds[0]!)) } : tree;
      const safe = minItems <= 1 && b.schema.maxItems !== 0 && !breaksClients(ctx, typeOnly, 'request');
      ctx.emit({
        rule: safe ? 'request-parameter-type-generalized' : 'request-parameter-type-changed',
        message: `${cap(label(b))} became a list (${b.style}, explode)${safe ? ': each old value is read as a one-item list' : ', and not every old value is a valid one-item list'}`,
        side: 'revision', pointer: schemaPointer(ctx, 'revision', b), operation: name,
      });
      continue;
    }
    const tree = comparer.compare(
      { raw: a.schema, pointer: schemaPointer(ctx, 'base', a) },
      { raw: b.schema, pointer: schemaPointer(ctx, 'revision', b) },
      'request',
    );
    emitSchemaDiff(ctx, tree, { kind: 'parameter', direction: 'request', label: label(b), headerParameter: b.in === 'header', operation: name });
  }
}

/** A query or cookie parameter whose scalar schema became an array sent as repeated `name=value` pairs. */
function scalarBecameExplodedList(a: Parameter, b: Parameter): boolean {
  if (a.contentType || b.contentType || (b.in !== 'query' && b.in !== 'cookie') || b.style !== 'form' || !b.explode) return false;
  const s = b.schema as Record<string, any> | undefined;
  return !!a.schema && isScalar(a.schema) && !!s && s.type === 'array' && s.items !== undefined && !s.$ref;
}

function isScalar(schema: Record<string, any>): boolean {
  const t = schema?.type;
  const list: unknown[] = Array.isArray(t) ? t : t === undefined ? [] : [t];
  if (list.length === 0 || schema.oneOf || schema.anyOf || schema.allOf || schema.$ref) return false;
  return list.every((x) => ['string', 'number', 'integer', 'boolean', 'null'].includes(String(x)));
}

export function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
