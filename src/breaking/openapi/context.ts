/** What every check family shares: both specs, their normalisers, the options and the finding sink. */
import type { Finding, FindingLocation } from '../../findings.js';
import type { OpenApiSpec } from '../../spec/openapi/load.js';
import { segmentsToPointer } from '../../spec/source.js';
import { Normalizer, type Segments } from './normalize.js';
import { RULES_BY_ID } from './rules.js';
import type { OpenApiDiffOptions } from './options.js';

export type Side = 'base' | 'revision';

export interface Emit {
  rule: string;
  message: string;
  /** base for removals, revision for additions and changes. */
  side: Side;
  pointer: Segments;
  operation?: string;
  details?: Record<string, unknown>;
  /** Distinguishes several findings of one rule at one place (e.g. each removed enum value). */
  key?: string;
}

export class DiffContext {
  readonly findings: Finding[] = [];
  readonly baseSchemas: Normalizer;
  readonly revisionSchemas: Normalizer;
  private readonly seen = new Set<string>();
  /** Positions are found by scanning the source text: look each pointer up once. */
  private readonly located = new Map<string, FindingLocation>();
  /** Epoch day (UTC) of "today" for sunset checks. */
  readonly today: number;

  constructor(
    readonly base: OpenApiSpec,
    readonly revision: OpenApiSpec,
    readonly options: OpenApiDiffOptions,
  ) {
    this.baseSchemas = new Normalizer(base.document, 1);
    this.revisionSchemas = new Normalizer(revision.document, 1_000_000_000);
    const today = options.today ? Date.parse(options.today) : Date.now();
    this.today = Math.floor(today / 86_400_000);
  }

  private locate(side: Side, pointer: string, segments: Segments): FindingLocation {
    const key = `${side}\u0000${pointer}`;
    let found = this.located.get(key);
    if (!found) {
      found = (side === 'base' ? this.base : this.revision).locate(segments);
      this.located.set(key, found);
    }
    return { ...found };
  }

  has(rule: string): boolean {
    return RULES_BY_ID.has(rule);
  }

  emit(e: Emit): void {
    const rule = RULES_BY_ID.get(e.rule);
    if (!rule) throw new Error(`internal: unknown OpenAPI rule ${e.rule}`);
    const pointer = segmentsToPointer(e.pointer);
    const key = `${e.rule}\u0000${e.side}\u0000${pointer}\u0000${e.operation ?? ''}\u0000${e.key ?? ''}`;
    if (this.seen.has(key)) return;
    this.seen.add(key);
    const spec = e.side === 'base' ? this.base : this.revision;
    const finding: Finding = {
      rule: e.rule,
      level: rule.level,
      message: e.message,
      location: this.locate(e.side, pointer, e.pointer),
      spec: this.revision.name,
    };
    if (e.operation) finding.operation = e.operation;
    if (e.details) finding.details = e.details;
    this.findings.push(finding);
  }
}

/** `a.b[].c` for messages. */
export function propertyPath(path: readonly string[]): string {
  if (path.length > 12) return `${propertyPath(path.slice(0, 4))}…(${path.length - 8} levels)…${propertyPath(path.slice(-4))}`;
  let out = '';
  for (const segment of path) {
    if (segment === '[]') out += '[]';
    else out += out ? `.${segment}` : segment;
  }
  return out;
}

export function show(value: unknown): string {
  if (value === undefined) return 'none';
  if (typeof value === 'string') return `"${value.length > 60 ? value.slice(0, 57) + '...' : value}"`;
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? text.slice(0, 57) + '...' : text;
}
