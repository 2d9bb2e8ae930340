/**
 * JSON Schema (OpenAPI 3.0/3.1 flavour) → a fast-check arbitrary of values the schema accepts:
 * formats, patterns (fc.stringMatching), bounds, enums/const, nullable, oneOf/anyOf/allOf,
 * additionalProperties, readOnly/writeOnly per direction, recursive `$ref`s cut at a depth.
 *
 * The arbitrary follows the schema's structure; where keywords interact in ways structure cannot see
 * (a `oneOf` value matching two branches, `not`), callers that need certainty filter with ajv
 * (`validatorFor`). Strings count length in code points, as ajv does.
 */
import fc from 'fast-check';
import { contextOf, mergeAllOf, resolveSchema, skipsProperty, typesOf, type Context, type Schema, type SchemaDataOptions } from './context.js';
import { formatArbitrary } from './formats.js';

/** One code point per unit: mostly printable ASCII, sometimes any BMP/astral letter (unicode surfaces defects). */
export const codePoint = fc.oneof(
  { weight: 4, arbitrary: fc.integer({ min: 0x20, max: 0x7e }).map((c) => String.fromCodePoint(c)) },
  { weight: 1, arbitrary: fc.oneof(fc.integer({ min: 0xa0, max: 0xd7ff }), fc.integer({ min: 0xe000, max: 0xfffd }), fc.integer({ min: 0x10000, max: 0x1f6ff })).map((c) => String.fromCodePoint(c)) },
);

export function arbitraryFor(schema: unknown, options: SchemaDataOptions = {}): fc.Arbitrary<unknown> {
  return build(schema, contextOf(options));
}

export function build(schema: unknown, cx: Context): fc.Arbitrary<unknown> {
  if (schema === true || schema === undefined) return anyJson;
  if (schema === false) throw new Error('schema `false` accepts no value');
  const resolved = resolveSchema(schema, cx);
  const inner: Context = resolved.hops ? { ...cx, depth: cx.depth + 1 } : cx;
  const s = mergeAllOf(resolved.schema, inner);
  if (s.const !== undefined) return fc.constant(s.const);
  const types = typesOf(s, inner);
  const nullable = types?.includes('null') ?? false;
  if (Array.isArray(s.enum)) {
    const values = nullable && !s.enum.includes(null) ? [...s.enum, null] : s.enum;
    if (!values.length) throw new Error('enum without values accepts nothing');
    return fc.constantFrom(...values);
  }
  for (const key of ['oneOf', 'anyOf'] as const) {
    if (Array.isArray(s[key]) && s[key].length) {
      const { [key]: branches, discriminator, ...rest } = s;
      const options = (branches as unknown[]).map((branch) => build({ allOf: [rest, branch] }, inner));
      if (nullable) options.push(fc.constant(null));
      return fc.oneof(...options);
    }
  }
  const concrete = (types ?? inferTypes(s)).filter((t) => t !== 'null');
  const options = concrete.map((type) => byType(type, s, inner));
  if (nullable) options.push(fc.constant(null));
  if (!options.length) return anyJson;
  return options.length === 1 ? options[0]! : fc.oneof(...options);
}

const anyJson: fc.Arbitrary<unknown> = fc.jsonValue({ maxDepth: 2 }).map((v) => JSON.parse(JSON.stringify(v)));

function inferTypes(s: Schema): string[] {
  if (s.properties || s.additionalProperties !== undefined || s.required) return ['object'];
  if (s.items || s.prefixItems) return ['array'];
  if (s.minLength !== undefined || s.maxLength !== undefined || s.pattern || s.format) return ['string'];
  if (s.minimum !== undefined || s.maximum !== undefined || s.multipleOf !== undefined) return ['number'];
  return [];
}

function byType(type: string, s: Schema, cx: Context): fc.Arbitrary<unknown> {
  switch (type) {
    case 'string':
      return cx.readable ? readableString(s) : stringArbitrary(s);
    case 'integer':
      return cx.readable ? readableNumber(s, true) : numberArbitrary(s, true);
    case 'number':
      return cx.readable ? readableNumber(s, false) : numberArbitrary(s, false);
    case 'boolean':
      return fc.boolean();
    case 'array':
      return arrayArbitrary(s, cx);
    case 'object':
      return objectArbitrary(s, cx);
    default:
      throw new Error(`unknown schema type ${JSON.stringify(type)}`);
  }
}

export function stringArbitrary(s: Schema): fc.Arbitrary<string> {
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
  const fits = (v: string) => {
    const n = [...v].length;
    return n >= min && n <= max;
  };
  if (typeof s.pattern === 'string') {
    let regex: RegExp;
    try {
      regex = new RegExp(s.pattern, 'u');
    } catch {
      regex = new RegExp(s.pattern);
    }
    return fc.stringMatching(regex, { size: 'small' }).filter(fits);
  }
  const format = formatArbitrary(s.format);
  if (format) return format.filter(fits);
  return fc.string({ unit: codePoint, minLength: min, maxLength: Math.min(max, min + 24) });
}

const WORDS = ['alpha', 'amber', 'river', 'stone', 'cloud', 'maple', 'harbor', 'orbit', 'velvet', 'lumen', 'cedar', 'delta', 'ember', 'falcon', 'garnet', 'meadow'];

/** A plain string a person reads (words, or lowercase letters when a length is set); formats and patterns as usual. */
function readableString(s: Schema): fc.Arbitrary<string> {
  if (typeof s.pattern === 'string' || formatArbitrary(s.format)) return stringArbitrary(s);
  if (typeof s.minLength !== 'number' && typeof s.maxLength !== 'number') {
    return fc.array(fc.constantFrom(...WORDS), { minLength: 1, maxLength: 3 }).map((words) => words.join(' '));
  }
  const min = typeof s.minLength === 'number' ? s.minLength : 0;
  const max = typeof s.maxLength === 'number' ? s.maxLength : min + 12;
  return fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz'), minLength: min, maxLength: Math.min(max, Math.max(min, 12)) });
}

/** A small round number inside the bounds (0..1000 when a side is open), no edge weighting. */
function readableNumber(s: Schema, integer: boolean): fc.Arbitrary<number> {
  if (typeof s.multipleOf === 'number') return numberArbitrary(s, integer);
  const { min, max } = numericBounds(s, integer);
  // a side the schema leaves open (numericBounds clamps integers to the safe range) is 0..1000
  const hasMin = typeof s.minimum === 'number' || typeof s.exclusiveMinimum === 'number';
  const hasMax = typeof s.maximum === 'number' || typeof s.exclusiveMaximum === 'number';
  const lo = hasMin ? min : hasMax ? Math.min(0, max - 1000) : 0;
  const hi = hasMax ? max : lo + 1000;
  if (lo > hi) throw new Error(`no number between ${min} and ${max}`);
  const ilo = Math.ceil(lo);
  const ihi = Math.floor(hi);
  if (integer || ilo > ihi) return ilo <= ihi ? fc.integer({ min: ilo, max: ihi }) : numberArbitrary(s, integer);
  return fc.integer({ min: ilo * 100, max: ihi * 100 }).map((v) => v / 100).filter((v) => v >= lo && v <= hi);
}

/** Bounds as numbers (3.0 boolean exclusives and 3.1 numeric ones). */
export function numericBounds(s: Schema, integer: boolean): { min: number; max: number } {
  const step = integer ? 1 : 1e-6;
  let min = -Infinity;
  let max = Infinity;
  if (typeof s.minimum === 'number') min = s.exclusiveMinimum === true ? s.minimum + step : s.minimum;
  if (typeof s.exclusiveMinimum === 'number') min = Math.max(min, s.exclusiveMinimum + step);
  if (typeof s.maximum === 'number') max = s.exclusiveMaximum === true ? s.maximum - step : s.maximum;
  if (typeof s.exclusiveMaximum === 'number') max = Math.min(max, s.exclusiveMaximum - step);
  if (integer) {
    const wide = s.format === 'int32' ? 2 ** 31 - 1 : Number.MAX_SAFE_INTEGER;
    min = Math.max(Math.ceil(min), s.format === 'int32' ? -(2 ** 31) : -wide);
    max = Math.min(Math.floor(max), wide);
  }
  return { min, max };
}

function numberArbitrary(s: Schema, integer: boolean): fc.Arbitrary<number> {
  const { min, max } = numericBounds(s, integer);
  if (min > max) throw new Error(`no number between ${min} and ${max}`);
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const m = s.multipleOf;
    const lo = Math.ceil((Number.isFinite(min) ? min : -1e6) / m);
    const hi = Math.floor((Number.isFinite(max) ? max : 1e6) / m);
    return fc.integer({ min: lo, max: Math.max(lo, hi) }).map((k) => Number((k * m).toPrecision(12)));
  }
  // the bounds themselves come up often: off-by-one defects live there
  const edges = [min, max].filter((v) => Number.isFinite(v) && Math.abs(v) < 2 ** 31);
  const withEdges = (arb: fc.Arbitrary<number>) => (edges.length ? fc.oneof({ weight: 1, arbitrary: fc.constantFrom(...edges) }, { weight: 3, arbitrary: arb }) : arb);
  if (integer) return withEdges(fc.integer({ min, max }));
  const lo = Number.isFinite(min) ? min : -1e9;
  const hi = Number.isFinite(max) ? max : 1e9;
  const doubles = fc.double({ min: lo, max: hi, noNaN: true, noDefaultInfinity: true }).map((v) => (Object.is(v, -0) ? 0 : v));
  const ilo = Math.ceil(Math.max(lo, -1e6));
  const ihi = Math.floor(Math.min(hi, 1e6));
  // round numbers are what real clients send most: keep them likely when the range has any
  return withEdges(ilo <= ihi ? fc.oneof(doubles, fc.integer({ min: ilo, max: ihi })) : doubles);
}

function arrayArbitrary(s: Schema, cx: Context): fc.Arbitrary<unknown[]> {
  const min = typeof s.minItems === 'number' ? s.minItems : 0;
  const deep = cx.depth >= cx.maxDepth;
  const max = typeof s.maxItems === 'number' ? Math.min(s.maxItems, deep ? min : min + 4) : deep ? min : min + 4;
  if (Array.isArray(s.prefixItems)) {
    const head = s.prefixItems.map((item: unknown) => build(item, cx));
    const restItems = s.items === false ? undefined : build(s.items, cx);
    const restMax = Math.max(0, max - head.length);
    return fc.tuple(fc.tuple(...head), restItems ? fc.array(restItems, { maxLength: restMax }) : fc.constant([])).map(([h, r]) => [...h, ...r].slice(0, Math.max(head.length, max)));
  }
  const item = build(s.items ?? true, cx);
  if (s.uniqueItems === true) return fc.uniqueArray(item, { minLength: min, maxLength: max, selector: (v) => JSON.stringify(v) });
  return fc.array(item, { minLength: min, maxLength: max });
}

function objectArbitrary(s: Schema, cx: Context): fc.Arbitrary<Record<string, unknown>> {
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
  const deep = cx.depth >= cx.maxDepth;
  const model: Record<string, fc.Arbitrary<unknown>> = {};
  const requiredKeys: string[] = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (skipsProperty(sub, cx)) continue;
    if (deep && !required.has(name)) continue;
    model[name] = build(sub, cx);
    if (required.has(name)) requiredKeys.push(name);
  }
  // required names without a property schema still need a value
  for (const name of required) {
    if (!(name in properties)) {
      model[name] = anyJson;
      requiredKeys.push(name);
    }
  }
  const declared = fc.record(model, { requiredKeys, noNullPrototype: true });
  const extra = s.additionalProperties;
  const minProps = typeof s.minProperties === 'number' ? s.minProperties : 0;
  let result: fc.Arbitrary<Record<string, unknown>> = declared;
  if (extra !== undefined && extra !== false && !deep && s.unevaluatedProperties !== false) {
    const key = fc.string({ unit: fc.constantFrom(...'abcdefghijklmnopqrstuvwxyz_'), minLength: 1, maxLength: 8 }).filter((k) => !(k in properties) && !required.has(k));
    const value = extra === true ? anyJson : build(extra, cx);
    result = fc.tuple(declared, fc.dictionary(key, value, { maxKeys: 3, minKeys: 0, noNullPrototype: true })).map(([d, more]) => ({ ...more, ...d }));
  }
  if (minProps > 0 || typeof s.maxProperties === 'number') {
    const maxProps = typeof s.maxProperties === 'number' ? s.maxProperties : Infinity;
    result = result.filter((o) => Object.keys(o).length >= minProps && Object.keys(o).length <= maxProps);
  }
  return result;
}
