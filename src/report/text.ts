/** Text for people: grouped by spec, then operation; coloured only when asked (TTY, no NO_COLOR). */
import { sortFindings, type Finding, type Level } from '../findings.js';
import { formatPosition } from '../errors.js';
import type { ReportOptions } from './index.js';
import { summarize, summaryLine } from './summary.js';

const COLORS: Record<Level, string> = { error: '\x1b[31m', warning: '\x1b[33m', info: '\x1b[36m' };

export function formatText(findings: readonly Finding[], options: ReportOptions): string {
  const paint = (level: Level, text: string) => (options.color ? `${COLORS[level]}${text}\x1b[0m` : text);
  const dim = (text: string) => (options.color ? `\x1b[2m${text}\x1b[0m` : text);
  const lines: string[] = [];
  let spec: string | undefined;
  let operation: string | undefined;
  for (const f of sortFindings(findings)) {
    if (f.spec !== spec) {
      spec = f.spec;
      operation = undefined;
      if (spec) lines.push(`${lines.length ? '\n' : ''}${spec}`);
    }
    if (f.operation !== operation) {
      operation = f.operation;
      if (operation) lines.push(`  ${operation}`);
    }
    const where = formatPosition(f.location);
    const accepted = f.accepted ? dim(` [accepted: ${f.accepted.reason}]`) : '';
    const consumers = f.consumers ? dim(f.consumers.length ? ` [consumers: ${f.consumers.join(', ')}]` : ' [no consumer uses this]') : '';
    lines.push(`    ${where ? `${where}: ` : ''}${paint(f.level, f.level)} ${f.message} ${dim(`(${f.rule})`)}${accepted}${consumers}`);
  }
  const failOn = options.failOn ?? 'error';
  lines.push(findings.length ? `\n${summaryLine(summarize(findings, failOn), failOn)}` : `no findings (${options.command})`);
  return lines.join('\n') + '\n';
}
