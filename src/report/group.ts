/**
 * One element, many operations: a change to a shared component is one finding per operation that
 * reaches it. Reports for people (markdown, github) show it once, with the operations it touches
 * ("× 9 operations"); machine formats (json, sarif, junit) keep one record per finding.
 */
import type { Finding } from '../findings.js';

export interface FindingGroup {
  /** The first finding of the group (rule, level, message, location are the same for all). */
  finding: Finding;
  /** Operations of the group's findings, in order, without repeats. */
  operations: string[];
  /** Every finding of the group. */
  members: Finding[];
}

function key(f: Finding): string {
  return JSON.stringify([f.spec ?? '', f.rule, f.level, f.message, f.location?.file ?? '', f.location?.line ?? 0, f.location?.column ?? 0, f.location?.pointer ?? '', f.accepted?.reason ?? null]);
}

/** Findings with the same (spec, rule, pointer, position, message, acceptance), in first-seen order. */
export function groupAcrossOperations(findings: readonly Finding[]): FindingGroup[] {
  const groups = new Map<string, FindingGroup>();
  let alone = 0;
  for (const f of findings) {
    // a finding without a pointer or position says nothing about being the same element
    const k = f.location?.pointer || f.location?.line ? key(f) : `alone:${alone++}`;
    const group = groups.get(k);
    if (!group) groups.set(k, { finding: f, operations: f.operation ? [f.operation] : [], members: [f] });
    else {
      group.members.push(f);
      if (f.operation && !group.operations.includes(f.operation)) group.operations.push(f.operation);
    }
  }
  return [...groups.values()].map((g) => ({ ...g, finding: g.members.length > 1 ? { ...g.finding, consumers: unionConsumers(g.members) } : g.finding }));
}

function unionConsumers(members: readonly Finding[]): string[] | undefined {
  if (members.every((m) => m.consumers === undefined)) return undefined;
  return [...new Set(members.flatMap((m) => m.consumers ?? []))].sort();
}

/** `GET /a` or `× 3 operations: GET /a, GET /b, GET /c` */
export function operationsLabel(group: FindingGroup): string {
  if (group.operations.length <= 1) return group.operations[0] ?? '';
  return `× ${group.operations.length} operations: ${group.operations.join(', ')}`;
}
