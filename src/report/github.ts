/**
 * GitHub Actions workflow commands: one annotation per finding
 * (`::error file=…,line=…,col=…,title=<rule>::message`), escaped as @actions/core escapes them:
 * `%`, CR and LF in the message; also `:` and `,` in properties.
 */
import { failing, sortFindings, type Finding } from '../findings.js';
import { formatPosition } from '../errors.js';
import type { ReportOptions } from './index.js';
import { groupAcrossOperations, operationsLabel } from './group.js';
import { summarize } from './summary.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A location GitHub can anchor: a file of the checked-out tree (not `<ref>:<path>` of a git base). */
function anchorable(file: string): boolean {
  return !/^[^:\\\s/][^:\\\s]*:(?![\\/])/.test(file) || /^[A-Za-z]:[\\/]/.test(file);
}

export function formatGithub(findings: readonly Finding[], options: ReportOptions): string {
  const failOn = options.failOn ?? 'error';
  const failingSet = new Set(failing(findings, failOn));
  const lines: string[] = [];
  for (const group of groupAcrossOperations(sortFindings(findings))) {
    const f = group.finding;
    const command = f.accepted ? 'notice' : f.level === 'info' ? 'notice' : failingSet.has(group.members[0]!) ? 'error' : 'warning';
    const props: string[] = [];
    let message = f.message;
    if (f.location && anchorable(f.location.file)) {
      props.push(`file=${escapeProperty(f.location.file)}`);
      if (f.location.line !== undefined) props.push(`line=${f.location.line}`);
      if (f.location.column !== undefined) props.push(`col=${f.location.column}`);
    } else if (f.location) {
      message = `${formatPosition(f.location)}: ${message}`;
      if (f.anchor && anchorable(f.anchor.file)) {
        props.push(`file=${escapeProperty(f.anchor.file)}`);
        if (f.anchor.line !== undefined) props.push(`line=${f.anchor.line}`);
      }
    }
    const where = [f.spec, group.operations.length > 1 ? `× ${group.operations.length} operations` : group.operations[0]].filter(Boolean).join(' ');
    props.push(`title=${escapeProperty(`${f.rule}${where ? ` (${where})` : ''}`)}`);
    if (group.operations.length > 1) message += `\n${operationsLabel(group)}`;
    if (f.accepted) message += `\naccepted: ${f.accepted.reason}${f.accepted.expires ? ` (until ${f.accepted.expires})` : ''}`;
    if (f.consumers) message += f.consumers.length ? `\nconsumers: ${f.consumers.join(', ')}` : '\nno consumer uses this';
    lines.push(`::${command} ${props.join(',')}::${escapeData(message)}`);
  }
  const c = summarize(findings, failOn);
  lines.push(`covenant ${options.command}: ${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info, ${c.failing} failing (--fail-on ${failOn}), ${c.accepted} accepted`);
  return lines.join('\n') + '\n';
}
