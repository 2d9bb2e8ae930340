/** One record for every check (DESIGN §2): lint, breaking, contracts, conformance. */
export type Level = 'error' | 'warning' | 'info';

export const LEVELS: readonly Level[] = ['error', 'warning', 'info'];

export interface FindingLocation {
  file: string;
  line?: number;
  column?: number;
  /** JSON pointer (OpenAPI) or proto path (e.g. `orders.v1.Order.total`). */
  pointer?: string;
}

export interface Finding {
  rule: string;
  level: Level;
  message: string;
  location?: FindingLocation;
  /**
   * For a finding located in a git base (`<ref>:<path>`, a removal): the nearest element that still
   * exists in the revision. Code scanning and PR annotations place the finding there; a line of
   * the old file under the new file's path would point at an unrelated line.
   */
  anchor?: FindingLocation;
  /** Spec name (e.g. `users`). */
  spec?: string;
  /** `GET /users/{id}` or `orders.v1.OrderService/GetOrder`. */
  operation?: string;
  /** Consumers (from pacts) whose interactions touch this element. */
  consumers?: string[];
  /** Set when an ignore entry accepted the finding: it is shown, not hidden, and does not fail the run. */
  accepted?: { reason: string; expires?: string };
  /** Free-form details for machines (before/after values). */
  details?: Record<string, unknown>;
}

const RANK: Record<Level, number> = { error: 0, warning: 1, info: 2 };

export function levelRank(level: Level): number {
  return RANK[level];
}

/** True when `level` is at or above `threshold` (error > warning > info). */
export function atOrAbove(level: Level, threshold: Level): boolean {
  return RANK[level] <= RANK[threshold];
}

/** Findings that fail a run: at or above the threshold and not accepted. */
export function failing(findings: readonly Finding[], failOn: Level): Finding[] {
  return findings.filter((f) => !f.accepted && atOrAbove(f.level, failOn));
}

/** Stable order: spec, file, line, column, rule, message. */
export function sortFindings(findings: readonly Finding[]): Finding[] {
  return [...findings].sort(
    (a, b) =>
      cmp(a.spec ?? '', b.spec ?? '') ||
      cmp(a.location?.file ?? '', b.location?.file ?? '') ||
      (a.location?.line ?? 0) - (b.location?.line ?? 0) ||
      (a.location?.column ?? 0) - (b.location?.column ?? 0) ||
      cmp(a.rule, b.rule) ||
      cmp(a.message, b.message),
  );
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function countByLevel(findings: readonly Finding[]): Record<Level, number> {
  const counts: Record<Level, number> = { error: 0, warning: 0, info: 0 };
  for (const f of findings) counts[f.level]++;
  return counts;
}
