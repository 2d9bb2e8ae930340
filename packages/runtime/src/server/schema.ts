/**
 * OpenAPI schema → ajv schema, done once at startup: 3.0 `nullable` becomes a type array, `$ref`s
 * point at the schemas registered for one direction, readOnly properties are denied in requests and
 * writeOnly ones in responses (and neither is required there), `format: binary` in form bodies means
 * a File, and a `discriminator` ajv cannot use over a `oneOf` is dropped (discriminator.ts; the
 * `oneOf` still validates).
 */

import { judgeDiscriminator } from './discriminator.js';

export type Direction = 'request' | 'response';

/** Keywords whose value is a map of schemas. */
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
/** Keywords whose value is an array of schemas. */
const SCHEMA_ARRAYS = ['allOf', 'anyOf', 'oneOf', 'prefixItems'];
/** Keywords whose value is one schema (`items` may also be an array in 3.0). */
const SCHEMA_SINGLE = ['items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems', 'additionalItems'];

/** Rebuild a schema bottom-up: `visit` sees each schema object after its subschemas were mapped. */
export function mapSchema(schema: unknown, visit: (schema: Record<string, any>) => unknown): unknown {
  if (!schema || typeof schema !== 'object' || Array.isArray(schema)) return schema;
  const out: Record<string, any> = {};
  for (const [key, value] of Object.entries(schema as Record<string, any>)) {
    if (SCHEMA_MAPS.includes(key) && value && typeof value === 'object' && !Array.isArray(value)) {
      const map: Record<string, unknown> = {};
      for (const [name, sub] of Object.entries(value)) map[name] = mapSchema(sub, visit);
      out[key] = map;
    } else if (SCHEMA_ARRAYS.includes(key) && Array.isArray(value)) {
      out[key] = value.map((sub) => mapSchema(sub, visit));
    } else if (SCHEMA_SINGLE.includes(key)) {
      out[key] = Array.isArray(value) ? value.map((sub) => mapSchema(sub, visit)) : mapSchema(value, visit);
    } else {
      out[key] = value;
    }
  }
  return visit(out);
}

/** Every `$ref` string used in a schema (not following them). */
export function collectRefs(schema: unknown, into: Set<string> = new Set()): Set<string> {
  mapSchema(schema, (s) => {
    if (typeof s.$ref === 'string') into.add(s.$ref);
    return s;
  });
  return into;
}

export interface PrepareOptions {
  version: '3.0' | '3.1';
  direction: Direction;
  /** Absolute id under which the schema for a `$ref` string is registered. */
  refId(ref: string): string;
  /** Resolves a spec `$ref` string, or an id made by refId, to its raw schema (for the discriminator check). */
  resolve(ref: string): Record<string, any> | undefined;
  /** Form bodies: `format: binary` strings are Files. */
  files?: boolean;
}

export const DENY_KEYWORD = 'x-covenant-deny';
export const FILE_KEYWORD = 'x-covenant-file';

/** A copy of an OpenAPI schema that ajv (2020-12, `discriminator: true`) validates as the spec means it. */
export function prepareSchema(schema: unknown, options: PrepareOptions): unknown {
  return mapSchema(schema, (s) => {
    if (typeof s.$ref === 'string') s.$ref = s.$ref.startsWith('#') ? options.refId(s.$ref) : s.$ref;
    if (options.version === '3.0') convertNullable(s);
    if (options.version === '3.0') convertExclusiveBounds(s);
    denyOneWayProperties(s, options.direction);
    // the oneOf form stays for ajv; the allOf form is built around the base schema by validation.ts
    if (s.discriminator !== undefined && (typeof s.discriminator !== 'object' || judgeDiscriminator(s, undefined, { resolve: options.resolve, refs: () => [] }).kind !== 'oneOf')) delete s.discriminator;
    else if (s.discriminator && typeof s.discriminator === 'object') s.discriminator = { propertyName: s.discriminator.propertyName };
    if (options.files && s.type === 'string' && (s.format === 'binary' || s.contentMediaType !== undefined || s.contentEncoding === 'binary')) {
      return { [FILE_KEYWORD]: true };
    }
    return s;
  });
}

function convertNullable(s: Record<string, any>): void {
  if (s.nullable !== true) {
    delete s.nullable;
    return;
  }
  delete s.nullable;
  if (typeof s.type === 'string') s.type = [s.type, 'null'];
  if (Array.isArray(s.enum) && !s.enum.includes(null)) s.enum = [...s.enum, null];
  // `nullable` next to a $ref / allOf / oneOf without a type: allow null explicitly
  if (s.type === undefined && (s.$ref || s.allOf || s.oneOf || s.anyOf)) {
    const rest = { ...s };
    for (const key of Object.keys(s)) delete s[key];
    s.anyOf = [{ type: 'null' }, rest];
  }
}

function convertExclusiveBounds(s: Record<string, any>): void {
  if (s.exclusiveMinimum === true && typeof s.minimum === 'number') {
    s.exclusiveMinimum = s.minimum;
    delete s.minimum;
  } else if (typeof s.exclusiveMinimum === 'boolean') delete s.exclusiveMinimum;
  if (s.exclusiveMaximum === true && typeof s.maximum === 'number') {
    s.exclusiveMaximum = s.maximum;
    delete s.maximum;
  } else if (typeof s.exclusiveMaximum === 'boolean') delete s.exclusiveMaximum;
}

/**
 * readOnly in requests and writeOnly in responses: not required, and present = an error at that
 * property (`is read-only`), so a client never sets server-owned fields and a server never leaks secrets.
 */
function denyOneWayProperties(s: Record<string, any>, direction: Direction): void {
  const properties = s.properties as Record<string, any> | undefined;
  if (!properties || typeof properties !== 'object') return;
  const flag = direction === 'request' ? 'readOnly' : 'writeOnly';
  const denied: string[] = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (sub && typeof sub === 'object' && (sub as Record<string, any>)[flag] === true) denied.push(name);
  }
  if (denied.length === 0) return;
  const message = direction === 'request' ? 'is read-only and must not be sent' : 'is write-only and must not be returned';
  const copy = { ...properties };
  for (const name of denied) copy[name] = { [DENY_KEYWORD]: message };
  s.properties = copy;
  if (Array.isArray(s.required)) s.required = s.required.filter((name: string) => !denied.includes(name));
}

/** The rough shape of a parameter's schema, for choosing how to split its serialized value. */
export type Shape = 'primitive' | 'array' | 'object';

export function shapeOf(schema: unknown, resolve: (ref: string) => Record<string, any> | undefined): Shape {
  let s = schema as Record<string, any> | undefined;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 20; hops++) s = resolve(s.$ref);
  if (!s || typeof s !== 'object') return 'primitive';
  const types = Array.isArray(s.type) ? s.type : [s.type];
  if (types.includes('array') || s.items !== undefined || s.prefixItems !== undefined) return 'array';
  if (types.includes('object') || s.properties !== undefined || s.additionalProperties !== undefined) return 'object';
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    if (Array.isArray(s[key])) {
      for (const branch of s[key]) {
        const shape = shapeOf(branch, resolve);
        if (shape !== 'primitive') return shape;
      }
    }
  }
  return 'primitive';
}

/** Property names an object schema declares (through `$ref` and `allOf`), for exploded form objects. */
export function declaredProperties(schema: unknown, resolve: (ref: string) => Record<string, any> | undefined): string[] {
  let s = schema as Record<string, any> | undefined;
  for (let hops = 0; s && typeof s.$ref === 'string' && hops < 20; hops++) s = resolve(s.$ref);
  if (!s || typeof s !== 'object') return [];
  const names = new Set<string>(Object.keys(s.properties ?? {}));
  for (const key of ['allOf', 'oneOf', 'anyOf']) {
    if (Array.isArray(s[key])) for (const branch of s[key]) for (const name of declaredProperties(branch, resolve)) names.add(name);
  }
  return [...names];
}
