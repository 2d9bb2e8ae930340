/**
 * The ignore file: breaking changes a team has decided to accept, each with a reason and
 * optionally an expiry date. An accepted finding is still shown (`finding.accepted`), it only
 * stops failing the run; an expired entry accepts nothing and says so with a warning.
 *
 * ```yaml
 * - rule: response-property-removed
 *   operation: GET /users/{id}
 *   reason: field was never documented; agreed with the mobile team
 *   expires: 2026-12-31
 * - rule: FIELD_NO_DELETE
 *   path: orders/v1/orders.proto
 *   spec: orders
 *   reason: v1 is not released yet
 * ```
 */
import { existsSync, readFileSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { Finding } from '../findings.js';
import { parseSource } from '../spec/source.js';

export const DEFAULT_IGNORE_FILE = '.covenant-ignore.yaml';

export interface IgnoreEntry {
  rule: string;
  operation?: string;
  path?: string;
  spec?: string;
  reason: string;
  /** YYYY-MM-DD: the last day the entry accepts findings. */
  expires?: string;
  /** Where the entry is written (for the expiry warning). */
  position: { file: string; line: number; column: number };
}

const KEYS = ['rule', 'operation', 'path', 'spec', 'reason', 'expires'];

/** Read an ignore file; `required` makes a missing file an error (an explicit --ignore). */
export function loadIgnoreFile(path: string, options: { cwd: string; required: boolean }): IgnoreEntry[] {
  const abs = resolve(options.cwd, path);
  const rel = relative(options.cwd, abs);
  const shown = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  if (!existsSync(abs)) {
    if (options.required) throw new UserError('ignore file not found', { position: { file: shown }, hint: 'check --ignore or breaking.ignore' });
    return [];
  }
  const source = parseSource(shown, readFileSync(abs, 'utf8'));
  let list: unknown = source.value;
  let base: (string | number)[] = [];
  if (list && typeof list === 'object' && !Array.isArray(list) && 'ignore' in list) {
    list = (list as { ignore: unknown }).ignore;
    base = ['ignore'];
  }
  if (list === null || list === undefined) return [];
  const at = (segments: (string | number)[]) => ({ file: shown, ...source.locate([...base, ...segments]) });
  if (!Array.isArray(list)) throw new UserError('an ignore file is a list of entries ({rule, reason, operation?, path?, spec?, expires?})', { position: at([]) });
  return list.map((raw, i) => {
    if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw new UserError('an ignore entry is a mapping with rule and reason', { position: at([i]) });
    const entry = raw as Record<string, unknown>;
    for (const key of Object.keys(entry)) {
      if (!KEYS.includes(key)) throw new UserError(`unknown key "${key}" in an ignore entry`, { position: at([i, key]), hint: `allowed keys: ${KEYS.join(', ')}` });
    }
    for (const key of KEYS) {
      const value = entry[key];
      if (value !== undefined && (typeof value !== 'string' || value.trim() === '')) {
        throw new UserError(`"${key}" must be a non-empty string`, { position: at([i, key]) });
      }
    }
    if (entry.rule === undefined) throw new UserError('ignore entry without "rule"', { position: at([i]), hint: 'name the rule id, e.g. response-property-removed or FIELD_NO_DELETE' });
    if (entry.reason === undefined) throw new UserError(`ignore entry for ${String(entry.rule)} has no "reason"`, { position: at([i]), hint: 'say why this breaking change is accepted' });
    const expires = entry.expires as string | undefined;
    if (expires !== undefined && !isDate(expires)) throw new UserError(`"expires" must be a date (YYYY-MM-DD), not "${expires}"`, { position: at([i, 'expires']) });
    return {
      rule: entry.rule as string,
      operation: entry.operation as string | undefined,
      path: entry.path as string | undefined,
      spec: entry.spec as string | undefined,
      reason: entry.reason as string,
      expires,
      position: at([i]),
    };
  });
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const date = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().startsWith(text);
}

/** `get /users/{id}` and `GET  /users/{id}` name the same operation. */
function normaliseOperation(text: string): string {
  const parts = text.trim().split(/\s+/);
  if (parts.length === 2 && /^[a-z]+$/i.test(parts[0]!)) return `${parts[0]!.toUpperCase()} ${parts[1]}`;
  return parts.join(' ');
}

/** `path:` matches the operation's URL path, the finding's file (or its tail), or its JSON pointer (and below). */
function matchesPath(finding: Finding, path: string): boolean {
  const op = finding.operation?.trim().split(/\s+/);
  if (op && op.length === 2 && op[1] === path) return true;
  const file = finding.location?.file;
  if (file && (file === path || file.endsWith(`/${path}`) || file.endsWith(`:${path}`))) return true;
  const pointer = finding.location?.pointer;
  if (pointer && (pointer === path || pointer.startsWith(`${path}/`))) return true;
  return false;
}

export function entryMatches(entry: IgnoreEntry, finding: Finding): boolean {
  if (entry.rule !== finding.rule) return false;
  if (entry.spec !== undefined && entry.spec !== finding.spec) return false;
  if (entry.operation !== undefined && (!finding.operation || normaliseOperation(entry.operation) !== normaliseOperation(finding.operation))) return false;
  if (entry.path !== undefined && !matchesPath(finding, entry.path)) return false;
  return true;
}

/**
 * Mark the findings the entries accept. `today` (YYYY-MM-DD, UTC) decides expiry: an entry is
 * valid through its `expires` day. Each expired entry that still matches adds one warning.
 */
export function applyIgnore(findings: readonly Finding[], entries: readonly IgnoreEntry[], today: string = new Date().toISOString().slice(0, 10)): Finding[] {
  const result: Finding[] = [];
  const expiredUsed = new Set<IgnoreEntry>();
  for (const finding of findings) {
    const matching = entries.filter((e) => entryMatches(e, finding));
    const valid = matching.find((e) => e.expires === undefined || e.expires >= today);
    if (valid) {
      result.push({ ...finding, accepted: { reason: valid.reason, ...(valid.expires ? { expires: valid.expires } : {}) } });
      continue;
    }
    for (const e of matching) expiredUsed.add(e);
    result.push(finding);
  }
  for (const entry of expiredUsed) {
    result.push({
      rule: 'ignore-entry-expired',
      level: 'warning',
      message: `the ignore entry for ${entry.rule} expired on ${entry.expires} ("${entry.reason}"): its findings count again`,
      location: { ...entry.position },
      ...(entry.spec ? { spec: entry.spec } : {}),
    });
  }
  return result;
}
