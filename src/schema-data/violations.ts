/**
 * Single-constraint violations: for each constraint of a schema (and of its properties and items,
 * recursively), an arbitrary of values that break THAT constraint and keep everything else valid:
 * the negative cases of `covenant test` and of `covenant mock`'s invalid examples.
 *
 * Each violation carries the keyword and a JSON pointer into the value, so a report can say "`/age`
 * below `minimum` 0". Constructs whose violation cannot be built from structure (`not`, `oneOf`
 * overlap) yield no violation rather than a wrong one; callers re-check each value with ajv.
 */
import fc from 'fast-check';
import { build, numericBounds } from './arbitrary.js';
import { contextOf, mergeAllOf, resolveSchema, skipsProperty, typesOf, type Context, type Schema, type SchemaDataOptions } from './context.js';
import { FORMAT_VIOLATIONS } from './formats.js';

export interface Violation {
  /** The JSON Schema keyword broken (`type`, `minimum`, `required`, `additionalProperties`, ...). */
  keyword: string;
  /** Where in the value (`""` = the value itself, `/contact/number`). */
  pointer: string;
  /** One phrase: `below minimum 1`, `missing required property "email"`. */
  message: string;
  arbitrary: fc.Arbitrary<unknown>;
}

export function violationsFor(schema: unknown, options: SchemaDataOptions = {}): Violation[] {
  return violationsAt(schema, contextOf(options), '');
}

const SAMPLES: Array<[string, unknown]> = [
  ['string', 'covenant'],
  ['integer', 42],
  ['number', 4.5],
  ['boolean', true],
  ['object', { covenant: 1 }],
  ['array', ['covenant']],
  ['null', null],
];

function accepts(types: string[], type: string, value: unknown): boolean {
  if (types.includes(type)) return true;
  return type === 'integer' && types.includes('number') && Number.isInteger(value);
}

function violationsAt(schema: unknown, cx: Context, pointer: string): Violation[] {
  if (schema === true || schema === undefined || schema === false) return [];
  const resolved = resolveSchema(schema, cx);
  const inner: Context = resolved.hops ? { ...cx, depth: cx.depth + 1 } : cx;
  if (inner.depth > inner.maxDepth) return [];
  const s = mergeAllOf(resolved.schema, inner);
  const out: Violation[] = [];
  const add = (keyword: string, message: string, arbitrary: fc.Arbitrary<unknown>) => out.push({ keyword, pointer, message, arbitrary });
  const types = typesOf(s, inner);
  if (s.const !== undefined) {
    add('const', `not the constant ${JSON.stringify(s.const)}`, fc.constant(typeof s.const === 'string' ? `${s.const}-covenant` : 'covenant'));
    return out;
  }
  if (types) {
    const wrong = SAMPLES.find(([type, value]) => !accepts(types, type, value) && !(Array.isArray(s.enum) && s.enum.includes(value)));
    if (wrong) add('type', `not of type ${types.join(' or ')}`, fc.constant(wrong[1]));
  }
  if (Array.isArray(s.enum)) {
    const strings = s.enum.every((v: unknown) => typeof v === 'string' || v === null);
    const numbers = s.enum.every((v: unknown) => typeof v === 'number' || v === null);
    const outside = strings
      ? `${s.enum.filter((v: unknown) => typeof v === 'string').join('-') || 'x'}-covenant`
      : numbers
        ? Math.max(0, ...s.enum.filter((v: unknown) => typeof v === 'number')) + 1
        : undefined;
    if (outside !== undefined) add('enum', `not one of ${JSON.stringify(s.enum)}`, fc.constant(outside));
    return out;
  }
  if (Array.isArray(s.oneOf) || Array.isArray(s.anyOf)) return out;
  const is = (type: string) => (types ?? []).includes(type);
  if (is('string')) stringViolations(s, add);
  if (is('integer') || is('number')) numberViolations(s, is('integer') && !is('number'), add);
  if (is('array')) out.push(...arrayViolations(s, inner, pointer, add));
  if (is('object') || (!types && s.properties)) out.push(...objectViolations(s, inner, pointer, add));
  return out;
}

type Add = (keyword: string, message: string, arbitrary: fc.Arbitrary<unknown>) => void;

function stringViolations(s: Schema, add: Add): void {
  const filler = (n: number) => 'a'.repeat(n);
  if (typeof s.minLength === 'number' && s.minLength > 0 && !s.pattern) add('minLength', `shorter than minLength ${s.minLength}`, fc.constant(filler(s.minLength - 1)));
  if (typeof s.maxLength === 'number' && !s.pattern) add('maxLength', `longer than maxLength ${s.maxLength}`, fc.constant(filler(s.maxLength + 1)));
  if (typeof s.pattern === 'string') {
    let regex: RegExp | undefined;
    try {
      regex = new RegExp(s.pattern, 'u');
    } catch {
      regex = undefined;
    }
    const min = typeof s.minLength === 'number' ? s.minLength : 0;
    const max = typeof s.maxLength === 'number' ? s.maxLength : Infinity;
    const candidate = regex && ['!', '~', ' ', '!!!!!!!!', '~~~~~~~~~~~~~~~~', '-', '', '0', 'a'].find((c) => c.length >= min && c.length <= max && !regex!.test(c));
    if (candidate !== undefined) add('pattern', `does not match pattern ${s.pattern}`, fc.constant(candidate));
  }
  const bad = typeof s.format === 'string' ? FORMAT_VIOLATIONS[s.format] : undefined;
  if (bad && !s.pattern) add('format', `not a valid ${s.format}`, fc.constantFrom(...bad));
}

function numberViolations(s: Schema, integer: boolean, add: Add): void {
  const { min, max } = numericBounds(s, integer);
  const below = s.exclusiveMinimum === true || typeof s.exclusiveMinimum === 'number' ? 'exclusiveMinimum' : 'minimum';
  const above = s.exclusiveMaximum === true || typeof s.exclusiveMaximum === 'number' ? 'exclusiveMaximum' : 'maximum';
  const limit = (v: unknown) => typeof v === 'number';
  if (limit(s.minimum) || limit(s.exclusiveMinimum)) {
    const value = integer ? min - 1 : (limit(s.exclusiveMinimum) ? s.exclusiveMinimum : s.exclusiveMinimum === true ? s.minimum : s.minimum - 1);
    add(below, `below ${below} ${Number.isFinite(min) ? (s.minimum ?? s.exclusiveMinimum) : ''}`.trim(), fc.constant(value));
  }
  if (limit(s.maximum) || limit(s.exclusiveMaximum)) {
    const value = integer ? max + 1 : (limit(s.exclusiveMaximum) ? s.exclusiveMaximum : s.exclusiveMaximum === true ? s.maximum : s.maximum + 1);
    add(above, `above ${above} ${s.maximum ?? s.exclusiveMaximum}`, fc.constant(value));
  }
  if (typeof s.multipleOf === 'number' && s.multipleOf > 0) {
    const base = Number.isFinite(min) ? Math.ceil(min / s.multipleOf) * s.multipleOf : 0;
    const off = base + s.multipleOf / 2;
    if (off <= max && (!integer || Number.isInteger(off))) add('multipleOf', `not a multiple of ${s.multipleOf}`, fc.constant(off));
  }
}

function arrayViolations(s: Schema, cx: Context, pointer: string, add: Add): Violation[] {
  const item = s.items ?? true;
  const min = typeof s.minItems === 'number' ? s.minItems : 0;
  if (min > 0) add('minItems', `fewer than minItems ${min}`, fc.array(build(item, cx), { minLength: min - 1, maxLength: min - 1 }));
  if (typeof s.maxItems === 'number') add('maxItems', `more than maxItems ${s.maxItems}`, fc.array(build(item, cx), { minLength: s.maxItems + 1, maxLength: s.maxItems + 1 }));
  if (s.uniqueItems === true && (typeof s.maxItems !== 'number' || s.maxItems >= 2)) {
    add('uniqueItems', 'items not unique', fc.tuple(build(item, cx), fc.array(build(item, cx), { minLength: Math.max(0, min - 2), maxLength: Math.max(0, min - 2) })).map(([v, rest]) => [v, v, ...rest]));
  }
  if (Array.isArray(s.prefixItems) || (typeof s.maxItems === 'number' && s.maxItems < 1)) return [];
  const others = Math.max(0, min - 1);
  return violationsAt(item, cx, `${pointer}/0`).map((v) => ({
    ...v,
    arbitrary: fc.tuple(v.arbitrary, fc.array(build(item, cx), { minLength: others, maxLength: others })).map(([bad, rest]) => [bad, ...rest]),
  }));
}

function objectViolations(s: Schema, cx: Context, pointer: string, add: Add): Violation[] {
  const valid = build(s, cx) as fc.Arbitrary<Record<string, unknown>>;
  const properties = (s.properties ?? {}) as Record<string, unknown>;
  for (const name of Array.isArray(s.required) ? (s.required as string[]) : []) {
    if (skipsProperty(properties[name], cx)) continue;
    add('required', `missing required property ${JSON.stringify(name)}`, valid.map(({ [name]: _gone, ...rest }) => rest));
  }
  if (s.additionalProperties === false && !s.patternProperties) {
    const extra = Object.keys(properties).includes('covenantExtra') ? 'covenantExtra2' : 'covenantExtra';
    add('additionalProperties', `undeclared property ${JSON.stringify(extra)}`, valid.map((o) => ({ ...o, [extra]: 'covenant' })));
  }
  const nested: Violation[] = [];
  for (const [name, sub] of Object.entries(properties)) {
    if (skipsProperty(sub, cx)) continue;
    const at = `${pointer}/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    for (const v of violationsAt(sub, cx, at)) {
      nested.push({ ...v, arbitrary: fc.tuple(valid, v.arbitrary).map(([o, bad]) => ({ ...o, [name]: bad })) });
    }
  }
  return nested;
}
