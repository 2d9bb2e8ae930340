/**
 * Markdown for a pull-request comment: a verdict line, a summary table (findings per level per
 * spec) and the details of each spec in a collapsible block. Spec text is HTML-escaped: a
 * description cannot inject markup or break the table.
 */
import { countByLevel, failing, sortFindings, type Finding } from '../findings.js';
import { formatPosition } from '../errors.js';
import { groupBySpec, type ReportOptions } from './index.js';
import { groupAcrossOperations } from './group.js';
import { summarize } from './summary.js';

/** First line of every covenant comment: the GitHub Action finds and updates its own comment by it. */
export const MARKDOWN_MARKER = '<!-- covenant-report -->';

export function escapeMarkdownCell(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\|/g, '&#124;')
    .replace(/([\\`*_[\]~#!])/g, '\\$1')
    .replace(/\r?\n/g, ' ');
}

const ICON = { error: '🔴', warning: '🟠', info: '🔵' } as const;

export function formatMarkdown(findings: readonly Finding[], options: ReportOptions): string {
  const failOn = options.failOn ?? 'error';
  const fails = failing(findings, failOn).length;
  const counts = summarize(findings, failOn);
  const accepted = counts.accepted;
  const lines: string[] = [MARKDOWN_MARKER];
  const verdict = fails > 0 ? `❌ ${fails} finding${fails === 1 ? '' : 's'} at or above ${failOn}` : findings.length > 0 ? `✅ nothing at or above ${failOn}` : '✅ no findings';
  lines.push(`### covenant ${options.command}: ${verdict}`, '');
  const groups = groupBySpec(sortFindings(findings), options.specs);
  if (groups.size === 0) return lines.join('\n') + '\n';
  lines.push('| spec | error | warning | info | accepted |', '| --- | ---: | ---: | ---: | ---: |');
  for (const [spec, list] of groups) {
    const c = countByLevel(list);
    lines.push(`| ${escapeMarkdownCell(spec || '(run)')} | ${c.error} | ${c.warning} | ${c.info} | ${list.filter((f) => f.accepted).length} |`);
  }
  if (groups.size > 1) lines.push(`| **total** | **${counts.error}** | **${counts.warning}** | **${counts.info}** | **${accepted}** |`);
  for (const [spec, list] of groups) {
    if (list.length === 0) continue;
    const specFails = failing(list, failOn).length;
    lines.push('', `<details${specFails > 0 ? ' open' : ''}><summary><b>${escapeMarkdownCell(spec || '(run)')}</b>: ${list.length} finding${list.length === 1 ? '' : 's'}${specFails > 0 ? `, ${specFails} failing` : ''}</summary>`, '');
    lines.push('| | rule | operation | where | message |', '| --- | --- | --- | --- | --- |');
    for (const { finding: f, operations } of groupAcrossOperations(list)) {
      let message = escapeMarkdownCell(f.message);
      if (f.accepted) message += ` <br>_accepted: ${escapeMarkdownCell(f.accepted.reason)}${f.accepted.expires ? ` (until ${escapeMarkdownCell(f.accepted.expires)})` : ''}_`;
      if (f.consumers) message += f.consumers.length ? ` <br>consumers: ${f.consumers.map(escapeMarkdownCell).join(', ')}` : ' <br>no consumer uses this';
      const where = formatPosition(f.location);
      lines.push(
        `| ${f.accepted ? '✔️' : ICON[f.level]} ${f.level} | <code>${escapeMarkdownCell(f.rule)}</code> | ${operationsCell(operations)} | ${where ? `<code>${escapeMarkdownCell(where)}</code>` : ''} | ${message} |`,
      );
    }
    lines.push('', '</details>');
  }
  return lines.join('\n') + '\n';
}

/** One operation, or "× 9 operations" with the list folded away. */
function operationsCell(operations: readonly string[]): string {
  if (operations.length === 0) return '';
  if (operations.length === 1) return `<code>${escapeMarkdownCell(operations[0]!)}</code>`;
  return `<details><summary>× ${operations.length} operations</summary>${operations.map((o) => `<code>${escapeMarkdownCell(o)}</code>`).join('<br>')}</details>`;
}
