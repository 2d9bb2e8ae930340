/**
 * oneOf/anyOf: alternatives matched between base and revision, and a schema that became (or stopped being) a
 * oneOf/anyOf of several, judged by what the schemas accept (containment, disjointness) where that can be decided.
 * Called by the schema comparison (schema.ts) for each pair it compares.
 */
import type { DiffContext } from './context.js';
import { sameValue, type Canonical, type Segments, type SchemaSlot } from './normalize.js';
import { accepts, isEmpty, type DiffNode, type Direction, type SchemaComparer } from './schema.js';
import { breaksClients } from './schema-findings.js';

/**
 * One side is a bare oneOf/anyOf wrapper and the other a single schema (alternatives collapsed to one, or
 * a schema that became one of several). The single schema is compared with the alternative it matches;
 * the other alternatives are reported removed (or added). False when no alternative matches.
 */
export function compareCollapsed(cmp: SchemaComparer, ctx: DiffContext, node: DiffNode, a: Canonical, b: Canonical, dir: Direction, depth: number): boolean {
  const altsA = a.oneOf ?? a.anyOf;
  const altsB = b.oneOf ?? b.anyOf;
  if (!!altsA === !!altsB) return false;
  const wrapper = altsA ? a : b;
  const single = altsA ? b : a;
  if (hasOwnShape(wrapper)) return false;
  const keyword = wrapper.oneOf ? 'oneOf' : 'anyOf';
  const stem = keyword === 'oneOf' ? 'one-of' : 'any-of';
  const side = altsA ? ctx.baseSchemas : ctx.revisionSchemas;
  const alts = (altsA ?? altsB)!.map((slot) => ({ slot, c: side.canonical(slot), ref: refKey(side.resolve(slot).pointer, slot.pointer) }));
  const compare = (alt: Canonical) => (altsA ? cmp.pair(alt, single, dir, depth + 1) : cmp.pair(single, alt, dir, depth + 1));
  const verdict = alts.length <= 16 ? containment(ctx, wrapper, single, alts.map((x) => x.c), !!altsA, dir, compare) : 'unknown';
  if (verdict === 'same') return true;
  if (verdict === 'wrapped') {
    node.changes.push({ kinds: ['wrapped-in-one-of'], side: 'revision', pointer: [...b.pointer, keyword], text: dir === 'request' ? `became a oneOf of ${alts.length} alternatives that old requests may match zero or several times` : `became a oneOf of ${alts.length} alternatives, not all of which it allowed before` });
    return true;
  }
  const singleRef = single.referenced ? single.pointer.join('/') : undefined;
  let best = singleRef ? alts.findIndex((x) => x.ref === singleRef) : -1;
  if (best < 0 && single.title) best = alts.findIndex((x) => x.c.title === single.title);
  let diff: DiffNode | undefined;
  if (best < 0 && alts.length <= 16) {
    for (let i = 0; i < alts.length && best < 0; i++) {
      const d = compare(alts[i]!.c);
      if (isEmpty(d)) [best, diff] = [i, d];
    }
  }
  if (best < 0 && single.properties.size > 0) {
    // the alternative sharing the most property names
    let score = 0;
    alts.forEach((x, i) => {
      let n = 0;
      for (const name of x.c.properties.keys()) if (single.properties.has(name)) n++;
      if (n > score) [score, best] = [n, i];
    });
  }
  if (best < 0) return false;
  diff ??= compare(alts[best]!.c);
  if (!altsA && keyword === 'oneOf' && isEmpty(diff)) {
    node.changes.push({ kinds: ['wrapped-in-one-of'], side: 'revision', pointer: [...b.pointer, keyword], text: `was wrapped in a oneOf with ${alts.length - 1} more alternative(s)` });
    return true;
  }
  alts.forEach((x, i) => {
    if (i === best) return;
    if (altsA) node.changes.push({ kinds: [`${stem}-removed`], side: 'base', pointer: x.slot.pointer, text: `no longer has the ${keyword} alternative ${altName(x)}`, key: String(i) });
    else node.changes.push({ kinds: [`${stem}-added`], side: 'revision', pointer: x.slot.pointer, text: `has a new ${keyword} alternative ${altName(x)}`, key: String(i) });
  });
  if (!diff.done || diff.changes.length > 0 || diff.children.length > 0) node.children.push(['', diff]);
  return true;
}

/**
 * What the schemas accept, where that can be decided (each alternative compared with the single schema, judged by
 * the rules' levels): 'same' when no client can notice (the alternatives merged into one that accepts all of them
 * in a request; a response whose every new alternative the old schema already accepted; a request whose old values
 * match exactly one new alternative); 'wrapped' when a schema became a oneOf that old values may match zero or
 * several times; else 'unknown' (compared alternative by alternative).
 */
function containment(ctx: DiffContext, wrapper: Canonical, single: Canonical, alts: Canonical[], collapsed: boolean, dir: Direction, compare: (alt: Canonical) => DiffNode): 'same' | 'wrapped' | 'unknown' {
  const oneOf = wrapper.oneOf !== undefined;
  // the wrapper's own nullability (reported above) applies to every alternative: not a change of each
  const diffs = alts.map(compare).map((d) => (!collapsed && wrapper.nullable && single.nullable ? { ...d, changes: d.changes.filter((c) => c.kinds[0] !== 'became-not-nullable') } : d));
  const breaks = diffs.map((d) => breaksClients(ctx, d, dir));
  if (collapsed) {
    // oneOf/anyOf → one schema: in a request, safe when the one schema accepts every old alternative
    return dir === 'request' && breaks.every((x) => !x) ? 'same' : 'unknown';
  }
  if (dir === 'response') {
    if (breaks.every((x) => !x)) return 'same';
    return oneOf ? 'wrapped' : 'unknown';
  }
  const containing = breaks.flatMap((x, i) => (x ? [] : [i]));
  if (!oneOf) return containing.length > 0 ? 'same' : 'unknown';
  if (containing.length === 1 && alts.every((alt, i) => i === containing[0] || disjoint(single, alt, ctx))) return 'same';
  return 'wrapped';
}

export function compareAlternatives(cmp: SchemaComparer, ctx: DiffContext, node: DiffNode, keyword: 'oneOf' | 'anyOf', a: Canonical, b: Canonical, dir: Direction, depth: number): void {
  const xs = a[keyword] ?? [];
  const ys = b[keyword] ?? [];
  if (xs.length === 0 && ys.length === 0) return;
  const stem = keyword === 'oneOf' ? 'one-of' : 'any-of';
  const baseAlts = xs.map((slot) => ({ slot, c: ctx.baseSchemas.canonical(slot), ref: refKey(ctx.baseSchemas.resolve(slot).pointer, slot.pointer) }));
  const revAlts = ys.map((slot) => ({ slot, c: ctx.revisionSchemas.canonical(slot), ref: refKey(ctx.revisionSchemas.resolve(slot).pointer, slot.pointer) }));
  // each candidate pair is compared once: the comparison that matched two alternatives is the one reported
  const compared = new Map<number, DiffNode>();
  const diffOf = (i: number, j: number): DiffNode => {
    const key = i * ys.length + j;
    let found = compared.get(key);
    if (!found) compared.set(key, (found = cmp.pair(baseAlts[i]!.c, revAlts[j]!.c, dir, depth + 1)));
    return found;
  };
  const matched: Array<[number, number]> = [];
  const freeRev = new Set(revAlts.keys());
  const unmatchedBase: number[] = [];
  baseAlts.forEach((x, i) => {
    let j = x.ref ? revAlts.findIndex((y, k) => freeRev.has(k) && y.ref === x.ref) : -1;
    if (j < 0 && x.c.title) j = revAlts.findIndex((y, k) => freeRev.has(k) && y.c.title === x.c.title);
    // comparing every alternative with every other is bounded: past that, leftovers pair up in order
    if (j < 0 && xs.length * ys.length <= 256) j = revAlts.findIndex((_, k) => freeRev.has(k) && isEmpty(diffOf(i, k)));
    if (j >= 0) {
      freeRev.delete(j);
      matched.push([i, j]);
    } else unmatchedBase.push(i);
  });
  // an old alternative whose values a new one still accepts (in a response: a new one the old accepted) is that
  // alternative changed compatibly, not one removed and another added
  if (unmatchedBase.length > 0 && freeRev.size > 0 && xs.length * ys.length <= 256) {
    for (let n = unmatchedBase.length - 1; n >= 0; n--) {
      const i = unmatchedBase[n]!;
      const j = [...freeRev].find((k) => !breaksClients(ctx, diffOf(i, k), dir));
      if (j === undefined) continue;
      freeRev.delete(j);
      matched.push([i, j]);
      unmatchedBase.splice(n, 1);
    }
  }
  // the same number left on both sides: pair them in order (a changed alternative, not a new one)
  if (unmatchedBase.length > 0 && unmatchedBase.length === freeRev.size) {
    const rest = [...freeRev];
    unmatchedBase.forEach((i, n) => matched.push([i, rest[n]!]));
    unmatchedBase.length = 0;
    freeRev.clear();
  }
  for (const i of unmatchedBase) {
    const x = baseAlts[i]!;
    node.changes.push({ kinds: [`${stem}-removed`], side: 'base', pointer: x.slot.pointer, text: `no longer has the ${keyword} alternative ${altName(x)}`, key: String(i) });
  }
  for (const j of freeRev) {
    const y = revAlts[j]!;
    node.changes.push({ kinds: [`${stem}-added`], side: 'revision', pointer: y.slot.pointer, text: `has a new ${keyword} alternative ${altName(y)}`, key: String(j) });
  }
  for (const [i, j] of matched) {
    const sub = diffOf(i, j);
    if (!sub.done || sub.changes.length > 0 || sub.children.length > 0) node.children.push(['', sub]);
  }
}

/**
 * No value can satisfy both schemas: their types do not overlap, their listed values do not, or a property both
 * require has types or listed values that do not overlap (a discriminator). False when it cannot be shown.
 */
function disjoint(x: Canonical, y: Canonical, ctx: DiffContext, depth = 0): boolean {
  if (x.types && y.types && ![...x.types].some((t) => accepts(y.types!, t) || (t === 'number' && y.types!.has('integer')))) return !(x.nullable && y.nullable);
  const values = (c: Canonical) => (c.hasConst ? [c.const] : c.enum);
  const vx = values(x);
  const vy = values(y);
  if (vx && vy && !vx.some((v) => vy.some((w) => sameValue(v, w)))) return true;
  if (depth > 2) return false;
  for (const name of x.required) {
    if (!y.required.has(name)) continue;
    const px = x.properties.get(name);
    const py = y.properties.get(name);
    if (px && py && disjoint(ctx.baseSchemas.canonical(px), ctx.revisionSchemas.canonical(py), ctx, depth + 1)) return true;
  }
  return false;
}

/** A oneOf/anyOf wrapper that also constrains by itself (own type, properties, items or enum). */
function hasOwnShape(c: Canonical): boolean {
  return c.types !== undefined || c.properties.size > 0 || c.items !== undefined || c.enum !== undefined || c.hasConst;
}

function refKey(resolved: Segments, written: Segments): string | undefined {
  const r = resolved.join('/');
  return r === written.join('/') ? undefined : r;
}

function altName(x: { ref?: string; c: Canonical; slot: SchemaSlot }): string {
  if (x.ref) return `\`${x.ref.split('/').pop()}\``;
  if (x.c.title) return `\`${x.c.title}\``;
  return `#${x.slot.pointer[x.slot.pointer.length - 1]}`;
}
