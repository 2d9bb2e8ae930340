/**
 * The `*-all-of-*` rules: allOf members as written, compared beside the merged comparison (schema.ts). Members are
 * matched by the component they refer to, else by title, else by their text. A member that only annotates
 * (description, title, examples) is `-annotation-only` (info). In a request, a member added or removed that changes
 * nothing the schema accepts (the merged comparison found no change: a refactor such as splitting a schema in two) is
 * not reported: what a schema accepts decides, not how it is written.
 */
import type { DiffContext } from './context.js';
import { type Canonical, type Normalizer, type SchemaSlot } from './normalize.js';
import type { DiffNode, Direction } from './schema.js';

const ANNOTATIONS = new Set(['description', 'summary', 'title', 'example', 'examples', '$comment', 'externalDocs', 'deprecated']);

interface Member {
  slot: SchemaSlot;
  key: string;
  name: string;
  annotationOnly: boolean;
}

function members(side: Normalizer, slots: SchemaSlot[] | undefined): Member[] {
  return (slots ?? []).map((slot) => {
    const target = side.resolve(slot);
    const raw = target.raw as Record<string, unknown> | undefined;
    const ref = target.pointer !== slot.pointer ? target.pointer.join('/') : undefined;
    const title = raw && typeof raw === 'object' && typeof raw.title === 'string' ? raw.title : undefined;
    const annotationOnly = !!raw && typeof raw === 'object' && Object.keys(raw).every((k) => ANNOTATIONS.has(k) || k.startsWith('x-'));
    return {
      slot,
      key: ref ? `ref:${ref}` : title ? `title:${title}` : `text:${shortJson(raw)}`,
      name: ref ? `\`${ref.split('/').pop()}\`` : title ? `\`${title}\`` : `#${slot.pointer[slot.pointer.length - 1]}`,
      annotationOnly,
    };
  });
}

/** Adds the allOf member changes to `node`; call it once the merged comparison of the pair is complete. */
export function compareAllOfAsWritten(ctx: DiffContext, node: DiffNode, a: Canonical, b: Canonical, dir: Direction, mergedChanged: boolean): void {
  if (!a.allOf && !b.allOf) return;
  // request allOf ids claim a break (error/warning): only when what the schema accepts changed. The response ones
  // are informational: also when an allOf list kept on both sides changed members (not when allOf was introduced
  // or dissolved, a pure refactor).
  const report = (m: Member) => m.annotationOnly || mergedChanged || (dir === 'response' && !!a.allOf && !!b.allOf);
  const xs = members(ctx.baseSchemas, a.allOf);
  const ys = members(ctx.revisionSchemas, b.allOf);
  const taken = new Set<number>();
  const removed: Member[] = [];
  for (const x of xs) {
    const j = ys.findIndex((y, k) => !taken.has(k) && y.key === x.key);
    if (j >= 0) taken.add(j);
    else removed.push(x);
  }
  const added = ys.filter((_, k) => !taken.has(k));
  for (const x of removed) {
    if (!report(x)) continue;
    node.changes.push({ kinds: [x.annotationOnly ? 'all-of-removed-annotation-only' : 'all-of-removed'], side: 'base', pointer: x.slot.pointer, text: `no longer has the allOf member ${x.name}`, key: x.key });
  }
  for (const y of added) {
    if (!report(y)) continue;
    node.changes.push({ kinds: [y.annotationOnly ? 'all-of-added-annotation-only' : 'all-of-added'], side: 'revision', pointer: y.slot.pointer, text: `has a new allOf member ${y.name}`, key: y.key });
  }
}

/** Key order-independent JSON cut off below a few levels (deep or cyclic members must not overflow the stack). */
export function shortJson(value: unknown, depth = 0): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (depth > 6) return '…';
  if (Array.isArray(value)) return `[${value.map((v) => shortJson(v, depth + 1)).join(',')}]`;
  const keys = Object.keys(value as object).sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${shortJson((value as Record<string, unknown>)[k], depth + 1)}`).join(',')}}`;
}
