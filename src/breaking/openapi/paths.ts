/**
 * Endpoints: matched by method and path with path-parameter names ignored (`/users/{id}` ≡ `/users/{userId}`);
 * removed paths and operations (with the deprecation policy), added endpoints, and the per-operation checks.
 */
import { listOperations, type Operation } from '../../spec/openapi/operations.js';
import type { DiffContext } from './context.js';
import { checkLifecycle, isUnstable, removalVerdict } from './lifecycle.js';
import { diffParameters } from './parameters.js';
import { diffRequestBody } from './request-body.js';
import { diffResponses } from './responses.js';
import { SchemaComparer } from './schema.js';
import { diffSecurity } from './security.js';

export function pathKey(path: string): string {
  return path.replace(/\{[^}]*\}/g, '{}');
}

export function operationName(op: Pick<Operation, 'method' | 'path'>): string {
  return `${op.method.toUpperCase()} ${op.path}`;
}

function group(operations: Operation[]): Map<string, Map<string, Operation>> {
  const out = new Map<string, Map<string, Operation>>();
  for (const op of operations) {
    const key = pathKey(op.path);
    let methods = out.get(key);
    if (!methods) out.set(key, (methods = new Map()));
    if (!methods.has(op.method)) methods.set(op.method, op);
  }
  return out;
}

export function diffPaths(ctx: DiffContext): void {
  const comparer = new SchemaComparer(ctx);
  const before = group(listOperations(ctx.base));
  const after = group(listOperations(ctx.revision));
  for (const [key, methods] of before) {
    const other = after.get(key);
    for (const [method, op] of methods) {
      const match = other?.get(method);
      if (!match) removed(ctx, op, !other);
      else diffOperation(ctx, comparer, op, match);
    }
  }
  for (const [key, methods] of after) {
    const other = before.get(key);
    for (const [method, op] of methods) {
      if (other?.has(method)) continue;
      ctx.emit({ rule: 'endpoint-added', message: `Endpoint ${operationName(op)} was added`, side: 'revision', pointer: op.pointer, operation: operationName(op) });
    }
  }
  // webhooks (3.1) present on both sides: their operations are compared like endpoints (as oasdiff does)
  diffMatched(ctx, comparer, ['webhooks'], ['webhooks'], (op) => `webhook ${op.path} ${op.method.toUpperCase()}`);
}

/**
 * Operations present on both sides of two maps of path items (webhooks, or one callback): compared like endpoints.
 * Whole webhooks added or removed are components.ts's; an operation removed inside one is not reported.
 */
function diffMatched(ctx: DiffContext, comparer: SchemaComparer, baseRoot: readonly (string | number)[], revisionRoot: readonly (string | number)[], label: (op: Operation) => string): void {
  const before = group(listOperations(ctx.base, baseRoot));
  if (before.size === 0) return;
  const after = group(listOperations(ctx.revision, revisionRoot));
  for (const [key, methods] of before) {
    const other = after.get(key);
    for (const [method, op] of methods) {
      const match = other?.get(method);
      if (match) diffOperation(ctx, comparer, op, match, label);
    }
  }
}

/** Callbacks of an operation, matched by name: their operations are compared like endpoints. */
function diffCallbacks(ctx: DiffContext, comparer: SchemaComparer, a: Operation, b: Operation, ra: Record<string, any>, rb: Record<string, any>): void {
  const ca = ra.callbacks;
  const cb = rb.callbacks;
  if (!ca || !cb || typeof ca !== 'object' || typeof cb !== 'object') return;
  for (const name of Object.keys(ca)) {
    if (name in cb) diffMatched(ctx, comparer, [...a.pointer, 'callbacks', name], [...b.pointer, 'callbacks', name], (op) => `${operationName(b)} callback ${name}: ${op.method.toUpperCase()} ${op.path}`);
  }
}

function raw(ctx: DiffContext, side: 'base' | 'revision', op: Operation): Record<string, any> {
  return ((side === 'base' ? ctx.base : ctx.revision).at(op.pointer) ?? {}) as Record<string, any>;
}

function removed(ctx: DiffContext, op: Operation, wholePath: boolean): void {
  const r = raw(ctx, 'base', op);
  if (isUnstable(r['x-stability-level'])) return;
  const verdict = removalVerdict(ctx, { deprecated: op.deprecated, sunset: r['x-sunset'] });
  const p = wholePath ? 'api-path' : 'api';
  const rule =
    verdict.kind === 'without-deprecation' ? `${p}-removed-without-deprecation`
    : verdict.kind === 'with-deprecation' ? `${p}-removed-with-deprecation`
    : verdict.kind === 'before-sunset' ? `${p}-removed-before-sunset`
    : 'api-path-sunset-parse';
  const what = wholePath ? `Endpoint ${operationName(op)} was removed with its path` : `Endpoint ${operationName(op)} was removed`;
  const why =
    verdict.kind === 'without-deprecation' ? ' without being deprecated first'
    : verdict.kind === 'before-sunset' ? ` before its sunset date ${verdict.sunset}`
    : verdict.kind === 'sunset-parse' ? ` and its x-sunset ${JSON.stringify(r['x-sunset'])} is not a date`
    : ' after its deprecation';
  ctx.emit({ rule, message: what + why, side: 'base', pointer: op.pointer, operation: operationName(op) });
}

function diffOperation(ctx: DiffContext, comparer: SchemaComparer, a: Operation, b: Operation, label: (op: Operation) => string = operationName): void {
  const baseName = label(a);
  const name = label(b);
  const ra = raw(ctx, 'base', a);
  const rb = raw(ctx, 'revision', b);
  checkLifecycle(ctx, {
    label: `Endpoint ${name}`,
    operation: name,
    base: { deprecated: a.deprecated, sunset: ra['x-sunset'], stability: ra['x-stability-level'] },
    revision: { deprecated: b.deprecated, sunset: rb['x-sunset'], stability: rb['x-stability-level'], pointer: b.pointer },
    ids: {
      deprecated: 'endpoint-deprecated',
      deprecatedWithSunset: 'endpoint-deprecated-with-sunset',
      reactivated: 'endpoint-reactivated',
      sunsetMissing: 'api-deprecated-sunset-missing',
      sunsetParse: 'api-deprecated-sunset-parse',
      sunsetTooSmall: 'api-sunset-date-too-small',
      sunsetDeleted: 'sunset-deleted',
      sunsetChangedParse: 'api-path-sunset-parse',
      sunsetChangedTooSmall: 'api-sunset-date-changed-too-small',
      stabilityDecreased: 'api-stability-decreased',
      stabilityIncreased: 'api-stability-increased',
      invalidStability: 'api-invalid-stability-level',
    },
  });
  // draft and alpha endpoints carry no compatibility promise
  if (isUnstable(ra['x-stability-level'])) return;
  if (a.hasOperationId && (!b.hasOperationId || a.id !== b.id)) {
    ctx.emit({ rule: 'api-operation-id-removed', message: `Endpoint ${name} operationId ${a.id} was ${b.hasOperationId ? `changed to ${b.id}` : 'removed'}`, side: 'base', pointer: [...a.pointer, 'operationId'], operation: name, details: { before: a.id, after: b.hasOperationId ? b.id : undefined } });
  } else if (!a.hasOperationId && b.hasOperationId) {
    ctx.emit({ rule: 'api-operation-id-added', message: `Endpoint ${name} now has operationId ${b.id}`, side: 'revision', pointer: [...b.pointer, 'operationId'], operation: name, details: { after: b.id } });
  }
  for (const tag of a.tags) if (!b.tags.includes(tag)) ctx.emit({ rule: 'api-tag-removed', message: `Endpoint ${name} lost tag \`${tag}\``, side: 'base', pointer: [...a.pointer, 'tags'], operation: name, details: { before: tag }, key: tag });
  for (const tag of b.tags) if (!a.tags.includes(tag)) ctx.emit({ rule: 'api-tag-added', message: `Endpoint ${name} got tag \`${tag}\``, side: 'revision', pointer: [...b.pointer, 'tags'], operation: name, details: { after: tag }, key: tag });
  diffParameters(ctx, comparer, a, b, baseName, name);
  diffRequestBody(ctx, comparer, a, b, baseName, name);
  diffResponses(ctx, comparer, a, b, baseName, name);
  diffCallbacks(ctx, comparer, a, b, ra, rb);
  if (ra.security !== undefined || rb.security !== undefined) {
    // effective requirements (the operation's, else the document's): moving a requirement between levels is no change
    const at = { base: ra.security !== undefined ? [...a.pointer, 'security'] : ['security'], revision: rb.security !== undefined ? [...b.pointer, 'security'] : ['security'] };
    diffSecurity(ctx, a.security, b.security, at, false, baseName, name);
  }
}
