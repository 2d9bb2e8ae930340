/** One reporter per format over the shared finding model (DESIGN §2). */
import type { Finding, Level } from '../findings.js';
import { formatText } from './text.js';
import { formatJson } from './json.js';
import { formatMarkdown } from './markdown.js';
import { formatGithub } from './github.js';
import { formatJunit } from './junit.js';
import { formatSarif } from './sarif.js';

export type ReportFormat = 'text' | 'json' | 'markdown' | 'github' | 'junit' | 'sarif';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json', 'markdown', 'github', 'junit', 'sarif'];

/** A rule as reporters describe it (SARIF `rules`, help links): from the rule tables, never hand-kept. */
export interface RuleDescription {
  id: string;
  level?: Level;
  description: string;
}

export interface ReportOptions {
  /** What produced the findings (`lint`, `breaking`, `contracts`): titles and tool names. */
  command: string;
  color?: boolean;
  /** Findings with this level or above fail the run (shown in summaries). */
  failOn?: Level;
  /** Every spec the run covered, also those without findings (summary tables, JUnit suites). */
  specs?: readonly string[];
  /** Descriptions of the rules that can appear (SARIF). */
  rules?: readonly RuleDescription[];
  /**
   * What the run checked, one per test case (JUnit): a check no finding names (`details.check`)
   * is a passing case, so a passing run reports its real test count.
   */
  checks?: ReadonlyArray<{ spec: string; id: string; name: string }>;
}

export function formatFindings(findings: readonly Finding[], format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return formatText(findings, options);
    case 'json':
      return formatJson(findings, options);
    case 'markdown':
      return formatMarkdown(findings, options);
    case 'github':
      return formatGithub(findings, options);
    case 'junit':
      return formatJunit(findings, options);
    case 'sarif':
      return formatSarif(findings, options);
  }
}

/** Findings grouped by spec, in the order of `options.specs` then first appearance; '' = no spec. */
export function groupBySpec(findings: readonly Finding[], specs: readonly string[] = []): Map<string, Finding[]> {
  const groups = new Map<string, Finding[]>();
  for (const s of specs) groups.set(s, []);
  for (const f of findings) {
    const key = f.spec ?? '';
    let list = groups.get(key);
    if (!list) groups.set(key, (list = []));
    list.push(f);
  }
  return groups;
}
