/**
 * The counts every summary shows: findings per level (accepted ones included), how many fail the
 * run (at or above --fail-on and not accepted: what decides exit 1), and how many are accepted.
 */
import { countByLevel, failing, type Finding, type Level } from '../findings.js';

export interface Summary extends Record<Level, number> {
  failing: number;
  accepted: number;
}

export function summarize(findings: readonly Finding[], failOn: Level = 'error'): Summary {
  return { ...countByLevel(findings), failing: failing(findings, failOn).length, accepted: findings.filter((f) => f.accepted).length };
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** `3 errors, 0 warnings, 0 info: 1 failing (--fail-on error), 2 accepted` */
export function summaryLine(s: Summary, failOn: Level = 'error'): string {
  return `${plural(s.error, 'error')}, ${plural(s.warning, 'warning')}, ${s.info} info: ${s.failing} failing (--fail-on ${failOn}), ${s.accepted} accepted`;
}
