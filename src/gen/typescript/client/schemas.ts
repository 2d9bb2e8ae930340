/**
 * The response schemas a generated client carries for `validateResponses`: a sparse copy of the
 * bundled document holding every schema the responses reach (at its original pointer, so internal
 * `$ref`s still resolve), prepared for ajv and for the response direction.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { getAt } from '../../../spec/openapi/load.js';
import { deref, type Operation } from '../../../spec/openapi/operations.js';
import { pointerToSegments } from '../../../spec/source.js';

export const RESPONSES_KEY = 'x-covenant-responses';

export function isJsonMedia(mediaType: string): boolean {
  const type = mediaType.split(';')[0]!.trim().toLowerCase();
  return type === 'application/json' || type.endsWith('+json');
}

/**
 * Response direction: writeOnly properties are never sent, so they are not `required`; OpenAPI 3.0's
 * boolean `exclusiveMinimum`/`exclusiveMaximum` become JSON Schema's numeric form.
 */
function prepare(spec: OpenApiSpec, schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map((s) => prepare(spec, s));
  if (!schema || typeof schema !== 'object') return schema;
  const out = Object.create(null) as Record<string, unknown>;
  for (const [key, value] of Object.entries(schema as Record<string, unknown>)) {
    // property names, pattern properties, examples and enum values are data, not schemas
    if (key === 'properties' || key === 'patternProperties' || key === '$defs' || key === 'definitions' || key === 'dependentSchemas') {
      out[key] = Object.fromEntries(Object.entries((value ?? {}) as Record<string, unknown>).map(([k, v]) => [k, prepare(spec, v)]));
    } else if (key === 'example' || key === 'examples' || key === 'enum' || key === 'const' || key === 'default' || key === 'required') {
      out[key] = value;
    } else {
      out[key] = prepare(spec, value);
    }
  }
  const s = schema as Record<string, any>;
  if (Array.isArray(s.required) && s.properties && typeof s.properties === 'object') {
    const writeOnly = (name: string) => deref<Record<string, any>>(spec.document, s.properties[name])?.writeOnly === true;
    out.required = s.required.filter((name: string) => !writeOnly(name));
  }
  if (spec.version === '3.0') {
    for (const [flag, bound] of [['exclusiveMinimum', 'minimum'], ['exclusiveMaximum', 'maximum']] as const) {
      if (typeof s[flag] === 'boolean') {
        if (s[flag] && typeof s[bound] === 'number') {
          out[flag] = s[bound];
          delete out[bound];
        } else delete out[flag];
      }
    }
    if ('nullable' in out) return nullable(out);
  }
  return out;
}

/** OpenAPI 3.0 `nullable: true` in plain JSON Schema (ajv's own keyword refuses schemas without `type`). */
function nullable(schema: Record<string, unknown>): Record<string, unknown> {
  const { nullable: flag, ...rest } = schema;
  if (flag !== true) return rest;
  if (typeof rest.type === 'string' && rest.$ref === undefined) {
    const out: Record<string, unknown> = { ...rest, type: [rest.type, 'null'] };
    if (Array.isArray(rest.enum) && !rest.enum.includes(null)) out.enum = [...rest.enum, null];
    return out;
  }
  return { anyOf: [{ type: 'null' }, rest] };
}

function collectRefs(value: unknown, into: string[]): void {
  if (Array.isArray(value)) for (const v of value) collectRefs(v, into);
  else if (value && typeof value === 'object') {
    for (const [key, v] of Object.entries(value as Record<string, unknown>)) {
      if (key === '$ref' && typeof v === 'string' && v.startsWith('#/')) into.push(v);
      else if (key !== 'example' && key !== 'examples' && key !== 'enum' && key !== 'const' && key !== 'default') collectRefs(v, into);
    }
  }
}

function setAt(target: Record<string, any>, segments: string[], value: unknown): void {
  let node = target;
  segments.slice(0, -1).forEach((segment) => {
    if (!Object.hasOwn(node, segment) || !node[segment] || typeof node[segment] !== 'object') node[segment] = Object.create(null);
    node = node[segment];
  });
  node[segments[segments.length - 1]!] = value;
}

/** `{ version, document }` for the runtime's ClientSchemas; `keys` maps each operation to its table key. */
export function responseSchemas(spec: OpenApiSpec, operations: Array<{ key: string; operation: Operation }>) {
  const document: Record<string, any> = Object.create(null);
  const responses: Record<string, Record<string, Record<string, unknown>>> = Object.create(null);
  const pending: string[] = [];
  for (const { key, operation } of operations) {
    for (const response of operation.responses) {
      for (const [mediaType, media] of Object.entries(response.content)) {
        if (!isJsonMedia(mediaType) || !media || typeof media !== 'object' || media.schema === undefined) continue;
        const prepared = prepare(spec, media.schema);
        ((responses[key] ??= Object.create(null))[response.status] ??= Object.create(null))[mediaType] = prepared;
        collectRefs(media.schema, pending);
      }
    }
  }
  const seen = new Set<string>();
  while (pending.length) {
    const ref = pending.pop()!;
    if (seen.has(ref)) continue;
    seen.add(ref);
    const segments = pointerToSegments(ref);
    const target = getAt(spec.document, segments);
    if (target === undefined) continue;
    setAt(document, segments, prepare(spec, target));
    collectRefs(target, pending);
  }
  document[RESPONSES_KEY] = responses;
  return { version: spec.version, document };
}
