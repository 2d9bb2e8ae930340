/**
 * Direction-aware schema comparison. Both schemas are put in canonical form first (normalize.ts), so a
 * refactor that accepts the same values compares equal. A pair (base schema, revision schema, direction)
 * is compared once and memoised: shared components cost one comparison however many operations use them,
 * and cyclic schemas terminate. The result is a tree of changes relative to the compared schema; the
 * caller turns it into findings for its operation (emitSchemaDiff in schema-findings.ts).
 */
import type { DiffContext, Side } from './context.js';
import { show } from './context.js';
import { sameValue, stableJson, type Canonical, type Segments, type SchemaSlot } from './normalize.js';
import { compareAllOfAsWritten, shortJson } from './schema-written.js';
import { compareAlternatives, compareCollapsed } from './alternatives.js';
import { isUnstable, sunsetDay, deprecationDays, formatDay, stabilityOf, stabilityRank } from './lifecycle.js';

export type Direction = 'request' | 'response';

/** Deeper than this the comparison stops and says so (a finding), instead of overflowing the stack. */
export const MAX_SCHEMA_DEPTH = 256;

const STEMS_WITH = (stems: string[], actions: string[]) => stems.flatMap((stem) => actions.map((a) => `${stem}-${a}`));

/**
 * Every change kind the comparison can emit (a change's first kind). emitSchemaDiff refuses any other, and a test
 * checks that each kind has a rule where it can occur: a change is never dropped for want of a rule.
 */
export const CHANGE_KINDS: ReadonlySet<string> = new Set([
  'schema-depth-limit', 'became-nullable', 'became-not-nullable',
  'type-generalized', 'type-specialized', 'type-changed', 'list-of-types-narrowed', 'list-of-types-widened',
  'enum-value-removed', 'enum-value-added', 'became-enum', 'x-extensible-enum-value-removed',
  'const-added', 'const-removed', 'const-changed',
  ...STEMS_WITH(['min', 'exclusive-min', 'max', 'exclusive-max', 'min-length', 'max-length', 'min-items', 'max-items', 'min-contains', 'max-contains', 'min-properties', 'max-properties'], ['set', 'unset', 'increased', 'decreased']),
  'pattern-added', 'pattern-removed', 'pattern-changed', 'pattern-generalized',
  'multiple-of-narrowed', 'multiple-of-widened', 'unique-items-added', 'unique-items-removed',
  'default-value-added', 'default-value-removed', 'default-value-changed',
  'discriminator-added', 'discriminator-removed', 'discriminator-property-name-changed', 'discriminator-mapping-deleted', 'discriminator-mapping-changed', 'discriminator-mapping-added',
  ...STEMS_WITH(['prefix-items', 'if', 'then', 'else', 'contains', 'dependent-required', 'dependent-schema', 'property-names', 'unevaluated-items', 'unevaluated-properties', 'content-schema', 'pattern-property'], ['added', 'removed']),
  'dependent-required-changed', 'content-media-type-changed', 'content-encoding-changed',
  'additional-properties-disallowed', 'additional-properties-allowed',
  'property-added', 'property-removed', 'property-became-required', 'property-became-optional',
  ...STEMS_WITH(['required-property-became', 'optional-property-became'], ['write-only', 'not-write-only', 'read-only', 'not-read-only']),
  'stability-decreased', 'stability-increased', 'deprecated', 'deprecated-sunset-missing', 'deprecated-sunset-invalid', 'sunset-date-too-small', 'deprecated-with-sunset', 'reactivated',
  'wrapped-in-one-of', 'one-of-added', 'one-of-removed', 'any-of-added', 'any-of-removed',
  'if-changed', 'not-added', 'not-removed', 'not-changed',
  'all-of-added', 'all-of-removed', 'all-of-added-annotation-only', 'all-of-removed-annotation-only',
]);

export interface SchemaChange {
  /** Rule suffixes to try in order (`type-changed`), or an existence kind (`property-added`). */
  kinds: string[];
  /** The property this change is about, when it is about a child's existence or flags. */
  name?: string;
  side: Side;
  pointer: Segments;
  text: string;
  details?: Record<string, unknown>;
  /** Distinguishes several changes of one rule at one place (enum values). */
  key?: string;
  required?: boolean;
  readOnly?: boolean;
  writeOnly?: boolean;
  withDefault?: boolean;
}

export interface DiffNode {
  changes: SchemaChange[];
  /** segment '' = same path (a matched oneOf/anyOf alternative). */
  children: Array<[segment: string, node: DiffNode]>;
  done: boolean;
}

const BOUNDS: ReadonlyArray<[stem: string, field: keyof Canonical, lower: boolean]> = [
  ['min', 'minimum', true],
  ['exclusive-min', 'exclusiveMinimum', true],
  ['max', 'maximum', false],
  ['exclusive-max', 'exclusiveMaximum', false],
  ['min-length', 'minLength', true],
  ['max-length', 'maxLength', false],
  ['min-items', 'minItems', true],
  ['max-items', 'maxItems', false],
  ['min-contains', 'minContains', true],
  ['max-contains', 'maxContains', false],
  ['min-properties', 'minProperties', true],
  ['max-properties', 'maxProperties', false],
];

/** 2020 keywords holding one subschema that constrains the same way as the schema: compared inside, same direction. */
const NESTED_SAME_DIRECTION = ['then', 'else', 'contains', 'propertyNames', 'unevaluatedItems', 'unevaluatedProperties', 'contentSchema'];

/** Formats of one type that contain one another: a value valid for the first is valid for the second. */
const FORMAT_WIDENS: Record<string, string[]> = { int32: ['int64'], float: ['double'] };

const STRUCTURAL_STEMS: Record<string, string> = {
  prefixItems: 'prefix-items',
  if: 'if',
  then: 'then',
  else: 'else',
  contains: 'contains',
  dependentRequired: 'dependent-required',
  dependentSchemas: 'dependent-schema',
  propertyNames: 'property-names',
  unevaluatedItems: 'unevaluated-items',
  unevaluatedProperties: 'unevaluated-properties',
  contentSchema: 'content-schema',
};

export class SchemaComparer {
  private readonly memo = new Map<string, DiffNode>();

  constructor(private readonly ctx: DiffContext) {}

  compare(base: SchemaSlot, revision: SchemaSlot, direction: Direction): DiffNode {
    const a = this.ctx.baseSchemas.canonical(base);
    const b = this.ctx.revisionSchemas.canonical(revision);
    return this.pair(a, b, direction, 0);
  }

  /** One (base, revision, direction) pair, memoised when either side is shared (alternatives.ts calls it too). */
  pair(a: Canonical, b: Canonical, dir: Direction, depth: number): DiffNode {
    // only schemas reached through a $ref can be shared or cyclic: inline pairs are compared where they sit
    const key = a.referenced || b.referenced ? `${a.id}:${b.id}:${dir}` : undefined;
    if (key !== undefined) {
      const known = this.memo.get(key);
      if (known) return known;
    }
    const node: DiffNode = { changes: [], children: [], done: false };
    if (key !== undefined) this.memo.set(key, node);
    if (depth > MAX_SCHEMA_DEPTH) {
      node.changes.push({
        kinds: ['schema-depth-limit'],
        side: 'revision',
        pointer: b.pointer,
        text: `is nested more than ${MAX_SCHEMA_DEPTH} levels deep: the comparison stopped there`,
      });
    } else {
      this.fill(node, a, b, dir, depth);
    }
    node.done = true;
    return node;
  }

  private fill(node: DiffNode, a: Canonical, b: Canonical, dir: Direction, depth: number): void {
    const add = (change: SchemaChange) => node.changes.push(change);
    const changed = (kinds: string[], text: string, before: unknown, after: unknown, side: Side = 'revision', at?: string) =>
      add({ kinds, side, pointer: at ? [...(side === 'base' ? a : b).pointer, at] : (side === 'base' ? a : b).pointer, text, details: { before, after } });

    if (a.nullable !== b.nullable) {
      changed([b.nullable ? 'became-nullable' : 'became-not-nullable'], b.nullable ? 'became nullable' : 'is no longer nullable', a.nullable, b.nullable);
    }
    // `oneOf: [A, B]` ↔ `A`: compare A with A, and report B as the alternative removed (or added)
    if (compareCollapsed(this, this.ctx, node, a, b, dir, depth)) return;
    this.compareTypes(a, b, changed);
    this.compareEnum(a, b, dir, add);
    if (a.hasConst || b.hasConst) {
      if (!a.hasConst) changed(['const-added'], `now has const ${show(b.const)}`, undefined, b.const);
      else if (!b.hasConst) changed(['const-removed'], `no longer has const ${show(a.const)}`, a.const, undefined, 'base');
      else if (!sameValue(a.const, b.const)) changed(['const-changed'], `const changed from ${show(a.const)} to ${show(b.const)}`, a.const, b.const);
    }
    for (const [stem, field, lower] of BOUNDS) {
      const x = a[field] as number | undefined;
      const y = b[field] as number | undefined;
      if (x === y) continue;
      const name = fieldName(field);
      if (x === undefined) changed([`${stem}-set`, lower ? `${stem}-increased` : `${stem}-decreased`], `${name} set to ${y}`, x, y);
      else if (y === undefined) changed([`${stem}-unset`, lower ? `${stem}-decreased` : `${stem}-increased`], `${name} ${x} removed`, x, y);
      else changed([y > x ? `${stem}-increased` : `${stem}-decreased`], `${name} ${y > x ? 'increased' : 'decreased'} from ${x} to ${y}`, x, y);
    }
    if (a.pattern !== b.pattern) {
      if (a.pattern === undefined) changed(['pattern-added'], `now has pattern ${show(b.pattern)}`, undefined, b.pattern);
      else if (b.pattern === undefined) changed(['pattern-removed'], `pattern ${show(a.pattern)} removed`, a.pattern, undefined);
      else if (MATCHES_ANYTHING.has(b.pattern)) changed(['pattern-generalized', 'pattern-removed'], `pattern generalized from ${show(a.pattern)} to ${show(b.pattern)}`, a.pattern, b.pattern);
      else changed(['pattern-changed'], `pattern changed from ${show(a.pattern)} to ${show(b.pattern)}`, a.pattern, b.pattern);
    }
    this.compareValueRules(a, b, changed);
    if (a.hasDefault || b.hasDefault) {
      if (!a.hasDefault) changed(['default-value-added'], `now has default ${show(b.default)}`, undefined, b.default);
      else if (!b.hasDefault) changed(['default-value-removed'], `default ${show(a.default)} removed`, a.default, undefined);
      else if (!sameValue(a.default, b.default)) changed(['default-value-changed'], `default changed from ${show(a.default)} to ${show(b.default)}`, a.default, b.default);
    }
    this.compareDiscriminator(a, b, changed);
    this.compareStructural(a, b, changed);
    if (a.additionalProperties !== false && b.additionalProperties === false && dir === 'request') {
      changed(['additional-properties-disallowed'], 'no longer accepts additional properties', 'allowed', 'forbidden');
    } else if (a.additionalProperties === false && b.additionalProperties !== false && dir === 'response') {
      changed(['additional-properties-allowed'], 'may now contain additional properties', 'forbidden', 'allowed');
    }

    this.compareNested(node, a, b, dir, depth, changed);
    this.compareProperties(node, a, b, dir, depth);
    if (a.items && b.items) this.child(node, '[]', a.items, b.items, dir, depth);
    if (a.additionalProperties && b.additionalProperties) this.child(node, '*', a.additionalProperties, b.additionalProperties, dir, depth);
    compareAlternatives(this, this.ctx, node, 'oneOf', a, b, dir, depth);
    compareAlternatives(this, this.ctx, node, 'anyOf', a, b, dir, depth);
    if (a.allOf || b.allOf) compareAllOfAsWritten(this.ctx, node, a, b, dir, !isEmpty(node));
  }

  private child(node: DiffNode, segment: string, x: SchemaSlot | Canonical, y: SchemaSlot | Canonical, dir: Direction, depth: number): DiffNode {
    const ca = 'raw' in x ? this.ctx.baseSchemas.canonical(x) : x;
    const cb = 'raw' in y ? this.ctx.revisionSchemas.canonical(y) : y;
    const sub = this.pair(ca, cb, dir, depth + 1);
    if (!sub.done || sub.changes.length > 0 || sub.children.length > 0) node.children.push([segment, sub]);
    return sub;
  }

  private compareTypes(a: Canonical, b: Canonical, changed: (kinds: string[], text: string, before: unknown, after: unknown) => void): void {
    const at = a.types;
    const bt = b.types;
    const alternatives = a.oneOf || a.anyOf || b.oneOf || b.anyOf;
    const label = (t: Set<string> | undefined, format?: string) =>
      t === undefined ? 'any type' : t.size === 0 ? 'null' : [...t].sort().join(' | ') + (format ? ` (${format})` : '');
    if (at && bt) {
      const removed = [...at].filter((t) => !accepts(bt, t));
      const added = [...bt].filter((t) => !accepts(at, t));
      if (removed.length || added.length) {
        const before = label(at, a.format);
        const after = label(bt, b.format);
        if (at.size <= 1 && bt.size <= 1) {
          const kind = removed.length === 0 ? 'type-generalized' : added.length === 0 ? 'type-specialized' : 'type-changed';
          changed(kind === 'type-changed' ? ['type-changed'] : [kind, 'type-changed'], `type changed from ${before} to ${after}`, before, after);
        } else {
          if (removed.length) changed(['list-of-types-narrowed', 'type-changed'], `no longer allows type ${removed.join(', ')} (${before} → ${after})`, before, after);
          if (added.length) changed(['list-of-types-widened', 'type-changed'], `now also allows type ${added.join(', ')} (${before} → ${after})`, before, after);
        }
        return;
      }
    } else if (!alternatives && (at || bt)) {
      const before = label(at);
      const after = label(bt);
      changed(at ? ['type-generalized', 'type-changed'] : ['type-specialized', 'type-changed'], `type changed from ${before} to ${after}`, before, after);
      return;
    }
    if (a.format !== b.format && (at === undefined || bt === undefined || at.size > 0)) {
      const type = label(bt ?? at);
      const before = `${type}${a.format ? ` (${a.format})` : ''}`;
      const after = `${type}${b.format ? ` (${b.format})` : ''}`;
      const widened = a.format === undefined ? false : b.format === undefined || (FORMAT_WIDENS[a.format] ?? []).includes(b.format);
      const narrowed = b.format === undefined ? false : a.format === undefined || (FORMAT_WIDENS[b.format] ?? []).includes(a.format);
      const kinds = widened ? ['type-generalized', 'type-changed'] : narrowed ? ['type-specialized', 'type-changed'] : ['type-changed'];
      changed(kinds, `format changed from ${a.format ?? 'none'} to ${b.format ?? 'none'}`, before, after);
    }
  }

  /** multipleOf, uniqueItems: named by whether the revision accepts fewer values (narrowed) or more (widened). */
  private compareValueRules(a: Canonical, b: Canonical, changed: (kinds: string[], text: string, before: unknown, after: unknown) => void): void {
    const x = a.multipleOf;
    const y = b.multipleOf;
    if (x !== y) {
      // every multiple of x is a multiple of y when x is a multiple of y
      const widened = y === undefined || (x !== undefined && isMultiple(x, y));
      const text = x === undefined ? `now has multipleOf ${y}` : y === undefined ? `multipleOf ${x} removed` : `multipleOf changed from ${x} to ${y}`;
      changed([widened ? 'multiple-of-widened' : 'multiple-of-narrowed'], text, x, y);
    }
    if (a.uniqueItems !== b.uniqueItems) {
      changed([b.uniqueItems ? 'unique-items-added' : 'unique-items-removed'], b.uniqueItems ? 'now requires unique items' : 'no longer requires unique items', a.uniqueItems, b.uniqueItems);
    }
  }

  /**
   * Subschemas of 2020 keywords: then/else/contains/... constrain like the schema itself and are compared inside;
   * a change inside `if` or `not` flips meaning in ways a diff cannot decide, so it is reported as changed (warning).
   */
  private compareNested(node: DiffNode, a: Canonical, b: Canonical, dir: Direction, depth: number, changed: (kinds: string[], text: string, before: unknown, after: unknown, side?: Side, at?: string) => void): void {
    for (const keyword of NESTED_SAME_DIRECTION) {
      const x = a.structural.get(keyword);
      const y = b.structural.get(keyword);
      if (x === undefined || y === undefined || typeof x !== 'object' || typeof y !== 'object') continue;
      this.child(node, `(${keyword})`, { raw: x, pointer: [...a.pointer, keyword] }, { raw: y, pointer: [...b.pointer, keyword] }, dir, depth);
    }
    for (const keyword of ['prefixItems', 'dependentSchemas'] as const) {
      const x = a.structural.get(keyword) as any;
      const y = b.structural.get(keyword) as any;
      if (!x || !y || typeof x !== 'object' || typeof y !== 'object') continue;
      for (const k of Object.keys(x)) {
        if (y[k] === undefined) continue;
        this.child(node, `(${keyword} ${k})`, { raw: x[k], pointer: [...a.pointer, keyword, k] }, { raw: y[k], pointer: [...b.pointer, keyword, k] }, dir, depth);
      }
    }
    const ifX = a.structural.get('if');
    const ifY = b.structural.get('if');
    if (ifX !== undefined && ifY !== undefined && !isEmpty(this.pair(this.ctx.baseSchemas.canonical({ raw: ifX, pointer: [...a.pointer, 'if'] }), this.ctx.revisionSchemas.canonical({ raw: ifY, pointer: [...b.pointer, 'if'] }), dir, depth + 1))) {
      changed(['if-changed'], 'changed its if condition (which values get then/else cannot be compared)', undefined, undefined, 'revision', 'if');
    }
    if (a.not || b.not) {
      if (!a.not) changed(['not-added'], 'now has a not subschema (it accepts fewer values)', undefined, shortJson(b.not!.raw), 'revision', 'not');
      else if (!b.not) changed(['not-removed'], 'lost its not subschema (it accepts more values)', shortJson(a.not.raw), undefined, 'base', 'not');
      else if (!isEmpty(this.pair(this.ctx.baseSchemas.canonical(a.not), this.ctx.revisionSchemas.canonical(b.not), dir, depth + 1))) {
        changed(['not-changed'], 'changed its not subschema (what it excludes changed)', undefined, undefined, 'revision', 'not');
      }
    }
  }

  private compareEnum(a: Canonical, b: Canonical, dir: Direction, add: (c: SchemaChange) => void): void {
    if (a.enum && b.enum) {
      for (const v of a.enum) {
        if (!b.enum.some((w) => sameValue(v, w))) {
          add({ kinds: ['enum-value-removed'], side: 'base', pointer: [...a.pointer, 'enum'], text: `no longer allows enum value ${show(v)}`, details: { before: v }, key: stableJson(v) });
        }
      }
      for (const v of b.enum) {
        if (!a.enum.some((w) => sameValue(v, w))) {
          add({ kinds: ['enum-value-added'], side: 'revision', pointer: [...b.pointer, 'enum'], text: `now allows enum value ${show(v)}`, details: { after: v }, key: stableJson(v) });
        }
      }
    } else if (!a.enum && b.enum && dir === 'request') {
      add({ kinds: ['became-enum'], side: 'revision', pointer: [...b.pointer, 'enum'], text: `is now restricted to the enum ${show(b.enum)}`, details: { after: b.enum } });
    }
    if (a.extensibleEnum && b.extensibleEnum) {
      for (const v of a.extensibleEnum) {
        if (!b.extensibleEnum.some((w) => sameValue(v, w))) {
          add({ kinds: ['x-extensible-enum-value-removed'], side: 'base', pointer: [...a.pointer, 'x-extensible-enum'], text: `no longer lists x-extensible-enum value ${show(v)}`, details: { before: v }, key: stableJson(v) });
        }
      }
    }
  }

  private compareDiscriminator(a: Canonical, b: Canonical, changed: (kinds: string[], text: string, before: unknown, after: unknown, side?: Side, at?: string) => void): void {
    const x = a.discriminator;
    const y = b.discriminator;
    if (!x && !y) return;
    if (!x) return changed(['discriminator-added'], `now has discriminator ${show(y!.propertyName)}`, undefined, y!.propertyName, 'revision', 'discriminator');
    if (!y) return changed(['discriminator-removed'], `discriminator ${show(x.propertyName)} removed`, x.propertyName, undefined, 'base', 'discriminator');
    if (x.propertyName !== y.propertyName) {
      changed(['discriminator-property-name-changed'], `discriminator property changed from ${show(x.propertyName)} to ${show(y.propertyName)}`, x.propertyName, y.propertyName, 'revision', 'discriminator');
    }
    for (const k of Object.keys(x.mapping)) {
      if (!(k in y.mapping)) changed(['discriminator-mapping-deleted'], `discriminator mapping ${show(k)} removed`, x.mapping[k], undefined, 'base', 'discriminator');
      else if (x.mapping[k] !== y.mapping[k]) changed(['discriminator-mapping-changed'], `discriminator mapping ${show(k)} changed from ${show(x.mapping[k])} to ${show(y.mapping[k])}`, x.mapping[k], y.mapping[k], 'revision', 'discriminator');
    }
    for (const k of Object.keys(y.mapping)) {
      if (!(k in x.mapping)) changed(['discriminator-mapping-added'], `discriminator mapping ${show(k)} added`, undefined, y.mapping[k], 'revision', 'discriminator');
    }
  }

  private compareStructural(a: Canonical, b: Canonical, changed: (kinds: string[], text: string, before: unknown, after: unknown, side?: Side, at?: string) => void): void {
    if (a.structural.size === 0 && b.structural.size === 0) return;
    for (const [keyword, stem] of Object.entries(STRUCTURAL_STEMS)) {
      const x = a.structural.get(keyword);
      const y = b.structural.get(keyword);
      if (x === undefined && y === undefined) continue;
      if (x === undefined) changed([`${stem}-added`], `now has ${keyword}`, undefined, y, 'revision', keyword);
      else if (y === undefined) changed([`${stem}-removed`], `${keyword} removed`, x, undefined, 'base', keyword);
      else if (keyword === 'dependentRequired' && stableJson(x) !== stableJson(y)) changed([`${stem}-changed`], 'dependentRequired changed', x, y, 'revision', keyword);
    }
    for (const keyword of ['contentMediaType', 'contentEncoding']) {
      const x = a.structural.get(keyword);
      const y = b.structural.get(keyword);
      if (x !== y) changed([keyword === 'contentMediaType' ? 'content-media-type-changed' : 'content-encoding-changed'], `${keyword} changed from ${show(x)} to ${show(y)}`, x, y, 'revision');
    }
    const px = (a.structural.get('patternProperties') ?? {}) as Record<string, unknown>;
    const py = (b.structural.get('patternProperties') ?? {}) as Record<string, unknown>;
    for (const p of Object.keys(py)) if (!(p in px)) changed(['pattern-property-added'], `now has pattern property ${show(p)}`, undefined, p, 'revision', 'patternProperties');
    for (const p of Object.keys(px)) if (!(p in py)) changed(['pattern-property-removed'], `pattern property ${show(p)} removed`, p, undefined, 'base', 'patternProperties');
  }

  private compareProperties(node: DiffNode, a: Canonical, b: Canonical, dir: Direction, depth: number): void {
    if (a.properties.size === 0 && b.properties.size === 0) return;
    const ctx = this.ctx;
    for (const [name, slot] of b.properties) {
      if (a.properties.has(name)) continue;
      const c = ctx.revisionSchemas.canonical(slot);
      if ((dir === 'request' && c.readOnly) || isUnstable(c.stability)) continue;
      const required = b.required.has(name);
      node.changes.push({
        kinds: ['property-added'], name, side: 'revision', pointer: slot.pointer,
        text: `was added as ${required ? 'a required' : 'an optional'} property`, required, writeOnly: c.writeOnly, withDefault: c.hasDefault, details: { after: name },
      });
    }
    for (const [name, slot] of a.properties) {
      const ca = ctx.baseSchemas.canonical(slot);
      const other = b.properties.get(name);
      if (!other) {
        if ((dir === 'request' && ca.readOnly) || isUnstable(ca.stability)) continue;
        const required = a.required.has(name);
        node.changes.push({
          kinds: ['property-removed'], name, side: 'base', pointer: slot.pointer,
          text: `was removed${ca.deprecated ? ' (it was deprecated)' : ''}`, required, writeOnly: ca.writeOnly, details: { before: name },
        });
        continue;
      }
      const cb = ctx.revisionSchemas.canonical(other);
      if (isUnstable(ca.stability)) continue;
      const skip = (dir === 'request' && ca.readOnly && cb.readOnly) || (dir === 'response' && ca.writeOnly && cb.writeOnly);
      const wasRequired = a.required.has(name);
      const isRequired = b.required.has(name);
      const flags = { name, side: 'revision' as const, pointer: other.pointer, readOnly: cb.readOnly, writeOnly: cb.writeOnly, withDefault: cb.hasDefault };
      if (!skip && wasRequired !== isRequired) {
        node.changes.push({ ...flags, kinds: [isRequired ? 'property-became-required' : 'property-became-optional'], text: isRequired ? 'became required' : 'became optional', required: isRequired, details: { before: wasRequired ? 'required' : 'optional', after: isRequired ? 'required' : 'optional' } });
      }
      if (ca.readOnly !== cb.readOnly || ca.writeOnly !== cb.writeOnly) {
        const kinds: string[] = [];
        const req = isRequired ? 'required' : 'optional';
        if (ca.writeOnly !== cb.writeOnly) kinds.push(`${req}-property-became-${cb.writeOnly ? 'write-only' : 'not-write-only'}`);
        if (ca.readOnly !== cb.readOnly) kinds.push(`${req}-property-became-${cb.readOnly ? 'read-only' : 'not-read-only'}`);
        for (const kind of kinds) node.changes.push({ ...flags, kinds: [kind], text: kind.replace(/^(required|optional)-property-became-/, 'became ').replace(/-/g, ' ') });
      }
      this.propertyLifecycle(node, ca, cb, flags);
      if (!skip) this.child(node, name, ca, cb, dir, depth);
    }
  }

  private propertyLifecycle(node: DiffNode, ca: Canonical, cb: Canonical, flags: { name: string; side: 'revision'; pointer: Segments }): void {
    const push = (kind: string, text: string, details?: Record<string, unknown>) => node.changes.push({ ...flags, kinds: [kind], text, details });
    const sa = stabilityOf(ca.stability);
    const sb = stabilityOf(cb.stability);
    if (!sa.invalid && !sb.invalid && ca.stability !== undefined && cb.stability !== undefined) {
      const d = stabilityRank(sb.level) - stabilityRank(sa.level);
      if (d !== 0) push(d < 0 ? 'stability-decreased' : 'stability-increased', `stability ${d < 0 ? 'decreased' : 'increased'} from ${sa.level} to ${sb.level}`, { before: sa.level, after: sb.level });
    }
    if (!ca.deprecated && cb.deprecated) {
      const sunset = sunsetDay(cb.sunset);
      const days = deprecationDays(this.ctx, cb.stability);
      if (sunset === undefined) push(days > 0 ? 'deprecated-sunset-missing' : 'deprecated', days > 0 ? `was deprecated without an x-sunset date (the policy asks for ${days} days)` : 'was deprecated');
      else if (sunset === 'invalid') push('deprecated-sunset-invalid', `was deprecated with an x-sunset that is not a date: ${show(cb.sunset)}`);
      else if (sunset - this.ctx.today < days) push('sunset-date-too-small', `was deprecated with sunset ${formatDay(sunset)}, sooner than the ${days} days the policy asks for`);
      else push('deprecated-with-sunset', `was deprecated with sunset ${formatDay(sunset)}`);
    } else if (ca.deprecated && !cb.deprecated) {
      push('reactivated', 'is no longer deprecated');
    }
  }

}

const MATCHES_ANYTHING = new Set(['.*', '^.*$', '^.*', '.*$', '[\\s\\S]*', '^[\\s\\S]*$']);

function isMultiple(x: number, y: number): boolean {
  const q = x / y;
  return Math.abs(q - Math.round(q)) < 1e-9;
}

export function accepts(types: Set<string>, t: string): boolean {
  return types.has(t) || (t === 'integer' && types.has('number'));
}

/** No change below this node (the depth-limit notice is not a change: two identical deep schemas match). */
export function isEmpty(node: DiffNode): boolean {
  const stack = [node];
  const seen = new Set<DiffNode>();
  while (stack.length) {
    const n = stack.pop()!;
    if (seen.has(n)) continue;
    seen.add(n);
    if (n.changes.some((c) => c.kinds[0] !== 'schema-depth-limit')) return false;
    for (const [, c] of n.children) stack.push(c);
  }
  return true;
}

function fieldName(field: keyof Canonical): string {
  return String(field);
}
