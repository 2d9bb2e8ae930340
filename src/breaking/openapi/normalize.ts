/**
 * Canonical form of a schema, so that refactors compare equal: `$ref` ↔ inline, allOf merged,
 * one-member oneOf/anyOf/allOf ↔ that member, and the three ways to say "nullable" (3.0
 * `nullable: true`, 3.1 `type: [.., "null"]`, a `{type: "null"}` alternative) become one flag.
 * Children are normalised lazily (cycles and large documents cost only what is compared).
 */
import type { OpenApiDocument } from '../../spec/openapi/load.js';
import { getAt } from '../../spec/openapi/load.js';
import { pointerToSegments } from '../../spec/source.js';

export type Segments = readonly (string | number)[];

/** A schema as it sits in the document: raw value and where it is written. */
export interface SchemaSlot {
  raw: unknown;
  pointer: Segments;
}

export interface Canonical {
  /** Unique per normaliser: pairs of ids key the comparison memo. */
  id: number;
  /** Where the schema is defined (after following `$ref`s). */
  pointer: Segments;
  /** Allowed JSON types without `null`; undefined = any type. Integer is kept apart from number. */
  types?: Set<string>;
  nullable: boolean;
  format?: string;
  enum?: unknown[];
  extensibleEnum?: unknown[];
  hasConst: boolean;
  const?: unknown;
  properties: Map<string, SchemaSlot>;
  required: Set<string>;
  items?: SchemaSlot;
  /** undefined = not said (allowed), false = forbidden, a slot = constrained. */
  additionalProperties?: false | SchemaSlot;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minLength?: number;
  maxLength?: number;
  minItems?: number;
  maxItems?: number;
  minContains?: number;
  maxContains?: number;
  minProperties?: number;
  maxProperties?: number;
  multipleOf?: number;
  uniqueItems: boolean;
  /** `not` as written (compared as a whole: a change inside it inverts what the schema accepts). */
  not?: SchemaSlot;
  /** The schema's own `allOf` members as written (before merging): for the `*-all-of-*` rules. */
  allOf?: SchemaSlot[];
  pattern?: string;
  hasDefault: boolean;
  default?: unknown;
  readOnly: boolean;
  writeOnly: boolean;
  deprecated: boolean;
  sunset?: unknown;
  stability?: unknown;
  discriminator?: { propertyName?: string; mapping: Record<string, string> };
  oneOf?: SchemaSlot[];
  anyOf?: SchemaSlot[];
  /** JSON Schema 2020 keywords compared by presence (prefixItems, if, contains, ...): raw values. */
  structural: Map<string, unknown>;
  title?: string;
  /** Reached through a `$ref`: only such schemas can be shared or cyclic, so only their pairs are memoised. */
  referenced: boolean;
}

// Most schemas have no properties, required list or 2020 keywords: share one empty instance (copy on write).
const NO_PROPERTIES: Map<string, SchemaSlot> = new Map();
const NO_REQUIRED: Set<string> = new Set();
const NO_STRUCTURAL: Map<string, unknown> = new Map();

const STRUCTURAL = [
  'prefixItems', 'if', 'then', 'else', 'contains', 'dependentRequired', 'dependentSchemas', 'patternProperties',
  'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema', 'contentMediaType', 'contentEncoding',
] as const;

/** Keywords that do not change what a schema accepts. */
const ANNOTATIONS = new Set(['description', 'summary', 'title', 'example', 'examples', '$comment', 'externalDocs']);

/** allOf chains deeper than this are not merged further (cyclic or absurd documents). */
const MAX_MERGE_DEPTH = 64;

export class Normalizer {
  /**
   * Canonical forms of `$ref` targets (shared and possibly cyclic). Inline schemas are not cached: each is
   * reached from one place only. A plain Map: a WeakMap with millions of keys makes every GC slow.
   */
  private readonly cache = new Map<object, Canonical>();
  private readonly inProgress = new Set<object>();
  private nextId: number;

  constructor(
    private readonly document: OpenApiDocument,
    firstId = 1,
  ) {
    this.nextId = firstId;
  }

  /** Follow `$ref`s (guarding cycles); returns the target and its pointer. */
  resolve(slot: SchemaSlot): SchemaSlot {
    let raw = slot.raw;
    let pointer = slot.pointer;
    const seen = new Set<string>();
    while (raw && typeof raw === 'object' && typeof (raw as any).$ref === 'string') {
      const ref: string = (raw as any).$ref;
      if (!ref.startsWith('#') || seen.has(ref)) return { raw: {}, pointer };
      seen.add(ref);
      pointer = pointerToSegments(ref);
      raw = getAt(this.document, pointer);
    }
    return { raw, pointer };
  }

  canonical(slot: SchemaSlot, depth = 0): Canonical {
    const sibling = this.withSiblings(slot, depth);
    if (sibling) return sibling;
    const target = this.resolve(slot);
    const raw = target.raw;
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) {
      // `true`/absent = anything; `false` = nothing (kept as an empty type set)
      return this.fresh(target.pointer, raw === false ? new Set() : undefined);
    }
    // reached through a $ref, or written inside components (shared parameters, responses, schemas)
    const referenced = target.pointer !== slot.pointer || target.pointer[0] === 'components';
    const cached = referenced ? this.cache.get(raw) : undefined;
    if (cached) return cached;
    if (this.inProgress.has(raw) || depth > MAX_MERGE_DEPTH) return this.fresh(target.pointer, undefined);
    this.inProgress.add(raw);
    try {
      const result = this.build(raw as Record<string, any>, target.pointer, depth);
      result.referenced = referenced;
      if (referenced) this.cache.set(raw, result);
      return result;
    } finally {
      this.inProgress.delete(raw);
    }
  }

  /**
   * A `$ref` with constraining siblings (3.1 allows them; 3.0 tools are asked to ignore them, but authors
   * mean them: `{$ref: Id, readOnly: true}`) is read as `allOf: [{$ref}]` plus the siblings.
   */
  private withSiblings(slot: SchemaSlot, depth: number): Canonical | undefined {
    const raw = slot.raw as Record<string, unknown> | undefined;
    if (!raw || typeof raw !== 'object' || typeof raw.$ref !== 'string') return undefined;
    const own: Record<string, unknown> = {};
    let constraining = false;
    for (const key of Object.keys(raw)) {
      if (key === '$ref') continue;
      own[key] = raw[key];
      if (!ANNOTATIONS.has(key) && !key.startsWith('x-')) constraining = true;
    }
    if (!constraining) return undefined;
    if (this.inProgress.has(raw) || depth > MAX_MERGE_DEPTH) return this.fresh(slot.pointer, undefined);
    this.inProgress.add(raw);
    try {
      const c = this.build(own, slot.pointer, depth);
      this.mergeInto(c, this.canonical({ raw: { $ref: raw.$ref }, pointer: slot.pointer }, depth + 1));
      return c;
    } finally {
      this.inProgress.delete(raw);
    }
  }

  private fresh(pointer: Segments, types: Set<string> | undefined): Canonical {
    return {
      id: this.nextId++,
      pointer,
      types,
      nullable: false,
      hasConst: false,
      properties: NO_PROPERTIES,
      required: NO_REQUIRED,
      hasDefault: false,
      uniqueItems: false,
      readOnly: false,
      writeOnly: false,
      deprecated: false,
      structural: NO_STRUCTURAL,
      referenced: false,
    };
  }

  private build(s: Record<string, any>, pointer: Segments, depth: number): Canonical {
    const c = this.fresh(pointer, undefined);
    // type and the 3.0/3.1 nullable forms
    if (typeof s.type === 'string' || Array.isArray(s.type)) {
      const list: string[] = (Array.isArray(s.type) ? s.type : [s.type]).map(String);
      if (list.includes('null')) c.nullable = true;
      c.types = new Set(list.filter((t) => t !== 'null'));
    }
    if (s.nullable === true) c.nullable = true;
    if (typeof s.format === 'string') c.format = s.format;
    if (Array.isArray(s.enum)) {
      if (s.enum.includes(null)) c.nullable = true;
      c.enum = s.enum.filter((v: unknown) => v !== null);
    }
    if (Array.isArray(s['x-extensible-enum'])) c.extensibleEnum = s['x-extensible-enum'];
    if ('const' in s) {
      c.hasConst = true;
      c.const = s.const;
    }
    if (s.properties && typeof s.properties === 'object') {
      const props = s.properties as Record<string, unknown>;
      c.properties = new Map();
      for (const name of Object.keys(props)) c.properties.set(name, { raw: props[name], pointer: [...pointer, 'properties', name] });
    }
    if (Array.isArray(s.required) && s.required.length > 0) c.required = new Set(s.required.map(String));
    if (s.items !== undefined && !Array.isArray(s.items)) c.items = { raw: s.items, pointer: [...pointer, 'items'] };
    if (s.additionalProperties === false) c.additionalProperties = false;
    else if (s.additionalProperties && typeof s.additionalProperties === 'object') {
      c.additionalProperties = { raw: s.additionalProperties, pointer: [...pointer, 'additionalProperties'] };
    }
    // bounds: 3.0 boolean exclusive* folded into the 3.1 numeric form
    const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : undefined);
    if (s.exclusiveMinimum === true && num(s.minimum) !== undefined) c.exclusiveMinimum = s.minimum;
    else {
      c.minimum = num(s.minimum);
      c.exclusiveMinimum = num(s.exclusiveMinimum);
    }
    if (s.exclusiveMaximum === true && num(s.maximum) !== undefined) c.exclusiveMaximum = s.maximum;
    else {
      c.maximum = num(s.maximum);
      c.exclusiveMaximum = num(s.exclusiveMaximum);
    }
    c.minLength = num(s.minLength) || undefined; // minLength 0 says nothing
    c.maxLength = num(s.maxLength);
    c.minItems = num(s.minItems) || undefined;
    c.maxItems = num(s.maxItems);
    c.minContains = num(s.minContains);
    c.maxContains = num(s.maxContains);
    c.minProperties = num(s.minProperties) || undefined;
    c.maxProperties = num(s.maxProperties);
    c.multipleOf = num(s.multipleOf);
    c.uniqueItems = s.uniqueItems === true;
    if (s.not !== undefined) c.not = { raw: s.not, pointer: [...pointer, 'not'] };
    if (typeof s.pattern === 'string' && s.pattern !== '') c.pattern = s.pattern;
    if ('default' in s) {
      c.hasDefault = true;
      c.default = s.default;
    }
    c.readOnly = s.readOnly === true;
    c.writeOnly = s.writeOnly === true;
    c.deprecated = s.deprecated === true;
    if (s['x-sunset'] !== undefined) c.sunset = s['x-sunset'];
    if (s['x-stability-level'] !== undefined) c.stability = s['x-stability-level'];
    if (s.discriminator && typeof s.discriminator === 'object') {
      c.discriminator = {
        propertyName: typeof s.discriminator.propertyName === 'string' ? s.discriminator.propertyName : undefined,
        mapping: { ...(s.discriminator.mapping ?? {}) },
      };
    }
    if (typeof s.title === 'string') c.title = s.title;
    for (const key of STRUCTURAL) {
      if (s[key] === undefined) continue;
      if (c.structural === NO_STRUCTURAL) c.structural = new Map();
      c.structural.set(key, s[key]);
    }
    if (c.types === undefined) c.types = impliedTypes(s);

    // alternatives: drop `{type: null}` members (= nullable); a single member is the schema itself
    for (const key of ['oneOf', 'anyOf'] as const) {
      if (!Array.isArray(s[key])) continue;
      const members: SchemaSlot[] = [];
      s[key].forEach((raw: unknown, i: number) => {
        const slot = { raw, pointer: [...pointer, key, i] };
        if (this.isNullOnly(slot)) c.nullable = true;
        else members.push(slot);
      });
      const typeList = members.length > 1 ? this.typeOnlyList(members, key === 'oneOf') : undefined;
      const values = members.length > 1 && !typeList ? this.valueOnlyList(members, key === 'oneOf') : undefined;
      if (members.length === 1) this.mergeInto(c, this.canonical(members[0]!, depth + 1));
      else if (typeList) c.types = c.types ? intersectTypes(c.types, typeList) : typeList;
      else if (values) {
        const merged = this.fresh(pointer, values.types);
        merged.enum = values.values;
        this.mergeInto(c, merged);
      } else if (members.length > 1) c[key] = members;
    }
    if (Array.isArray(s.allOf)) {
      c.allOf = s.allOf.map((raw: unknown, i: number) => ({ raw, pointer: [...pointer, 'allOf', i] }));
      s.allOf.forEach((raw: unknown, i: number) => {
        const slot = { raw, pointer: [...pointer, 'allOf', i] };
        if (this.isNullOnly(slot)) c.nullable = true;
        else this.mergeInto(c, this.canonical(slot, depth + 1));
      });
    }
    return c;
  }

  /**
   * `oneOf/anyOf: [{type: string}, {type: integer}]` accepts what `type: [string, integer]` accepts: the list of
   * types. For oneOf only when no value can match two members (integer and number overlap).
   */
  private typeOnlyList(members: SchemaSlot[], exclusive: boolean): Set<string> | undefined {
    const types = new Set<string>();
    for (const slot of members) {
      const raw = this.resolve(slot).raw as Record<string, unknown> | undefined;
      if (!raw || typeof raw !== 'object' || typeof raw.type !== 'string') return undefined;
      for (const key of Object.keys(raw)) if (key !== 'type' && !ANNOTATIONS.has(key) && !key.startsWith('x-')) return undefined;
      if (types.has(raw.type)) return undefined;
      types.add(raw.type);
    }
    if (exclusive && types.has('integer') && types.has('number')) return undefined;
    if (types.has('integer') && types.has('number')) types.delete('integer');
    return types;
  }

  /**
   * `oneOf: [{enum: [a]}, {const: b}]` accepts what `enum: [a, b]` accepts, when every member only lists values
   * (with at most a type shared by all) and, for oneOf, no value is listed twice.
   */
  private valueOnlyList(members: SchemaSlot[], exclusive: boolean): { values: unknown[]; types?: Set<string> } | undefined {
    const values: unknown[] = [];
    let type: string | undefined;
    for (const slot of members) {
      const raw = this.resolve(slot).raw as Record<string, unknown> | undefined;
      if (!raw || typeof raw !== 'object') return undefined;
      let own: unknown[] | undefined;
      for (const key of Object.keys(raw)) {
        if (key === 'enum' && Array.isArray(raw.enum)) own = raw.enum;
        else if (key === 'const') own = [raw.const];
        else if (key === 'type' && typeof raw.type === 'string' && (type === undefined || type === raw.type)) type = raw.type;
        else if (!ANNOTATIONS.has(key) && !key.startsWith('x-')) return undefined;
      }
      if (!own) return undefined;
      for (const v of own) {
        if (values.some((w) => sameValue(v, w))) {
          if (exclusive) return undefined;
          continue;
        }
        values.push(v);
      }
    }
    if (values.includes(null)) return undefined;
    return { values, types: type ? new Set([type]) : impliedTypes({ enum: values }) };
  }

  private isNullOnly(slot: SchemaSlot): boolean {
    const raw = this.resolve(slot).raw as Record<string, any> | undefined;
    if (!raw || typeof raw !== 'object') return false;
    const t = raw.type;
    return t === 'null' || (Array.isArray(t) && t.length === 1 && t[0] === 'null');
  }

  /** allOf semantics: every member applies; the tighter bound wins; the first value of a plain keyword wins. */
  private mergeInto(c: Canonical, m: Canonical): void {
    if (m.types) c.types = c.types ? intersectTypes(c.types, m.types) : new Set(m.types);
    // `allOf: [$ref], nullable: true` is the common 3.0 way to make a reference nullable: keep either flag
    c.nullable = c.nullable || m.nullable;
    c.format ??= m.format;
    if (m.enum) c.enum = c.enum ? c.enum.filter((v) => m.enum!.some((w) => sameValue(v, w))) : m.enum;
    c.extensibleEnum ??= m.extensibleEnum;
    if (!c.hasConst && m.hasConst) {
      c.hasConst = true;
      c.const = m.const;
    }
    for (const [name, slot] of m.properties) {
      if (c.properties.has(name)) continue;
      if (c.properties === NO_PROPERTIES) c.properties = new Map();
      c.properties.set(name, slot);
    }
    for (const name of m.required) {
      if (c.required === NO_REQUIRED) c.required = new Set();
      c.required.add(name);
    }
    c.items ??= m.items;
    if (c.additionalProperties === undefined) c.additionalProperties = m.additionalProperties;
    c.minimum = tighter(c.minimum, m.minimum, Math.max);
    c.maximum = tighter(c.maximum, m.maximum, Math.min);
    c.exclusiveMinimum = tighter(c.exclusiveMinimum, m.exclusiveMinimum, Math.max);
    c.exclusiveMaximum = tighter(c.exclusiveMaximum, m.exclusiveMaximum, Math.min);
    c.minLength = tighter(c.minLength, m.minLength, Math.max);
    c.maxLength = tighter(c.maxLength, m.maxLength, Math.min);
    c.minItems = tighter(c.minItems, m.minItems, Math.max);
    c.maxItems = tighter(c.maxItems, m.maxItems, Math.min);
    c.minContains = tighter(c.minContains, m.minContains, Math.max);
    c.maxContains = tighter(c.maxContains, m.maxContains, Math.min);
    c.minProperties = tighter(c.minProperties, m.minProperties, Math.max);
    c.maxProperties = tighter(c.maxProperties, m.maxProperties, Math.min);
    c.multipleOf ??= m.multipleOf;
    c.uniqueItems ||= m.uniqueItems;
    c.not ??= m.not;
    c.pattern ??= m.pattern;
    if (!c.hasDefault && m.hasDefault) {
      c.hasDefault = true;
      c.default = m.default;
    }
    c.readOnly ||= m.readOnly;
    c.writeOnly ||= m.writeOnly;
    c.deprecated ||= m.deprecated;
    c.sunset ??= m.sunset;
    c.stability ??= m.stability;
    c.discriminator ??= m.discriminator;
    c.oneOf ??= m.oneOf;
    c.anyOf ??= m.anyOf;
    c.title ??= m.title;
    for (const [key, value] of m.structural) {
      if (c.structural.has(key)) continue;
      if (c.structural === NO_STRUCTURAL) c.structural = new Map();
      c.structural.set(key, value);
    }
  }
}

/** The types a schema without `type` still implies: object keywords, items, or the values of enum/const. */
function impliedTypes(s: Record<string, any>): Set<string> | undefined {
  if (s.properties || s.additionalProperties !== undefined || Array.isArray(s.required)) return new Set(['object']);
  if (s.items !== undefined) return new Set(['array']);
  const values: unknown[] | undefined = Array.isArray(s.enum) ? s.enum : 'const' in s ? [s.const] : undefined;
  if (!values || values.length === 0) return undefined;
  const types = new Set<string>();
  for (const v of values) {
    if (v === null) continue;
    if (typeof v === 'number') types.add(Number.isInteger(v) ? 'integer' : 'number');
    else if (Array.isArray(v)) types.add('array');
    else types.add(typeof v === 'object' ? 'object' : typeof v);
  }
  if (types.has('number')) types.delete('integer');
  return types.size > 0 ? types : undefined;
}

function intersectTypes(a: Set<string>, b: Set<string>): Set<string> {
  const out = new Set<string>();
  for (const t of a) {
    if (b.has(t)) out.add(t);
    else if (t === 'integer' && b.has('number')) out.add('integer');
    else if (t === 'number' && b.has('integer')) out.add('integer');
  }
  return out;
}

function tighter(a: number | undefined, b: number | undefined, pick: (x: number, y: number) => number): number | undefined {
  if (a === undefined) return b;
  if (b === undefined) return a;
  return pick(a, b);
}

export function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return stableJson(a) === stableJson(b);
}

export function stableJson(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson((value as any)[k])}`).join(',')}}`;
}
