/**
 * GitHub Actions workflow commands: one annotation per finding
 * (`::error file=…,line=…,col=…,title=<rule>::message`), escaped as @actions/core escapes them:
 * `%`, CR and LF in the message; also `:` and `,` in properties.
 */
import { countByLevel, failing, sortFindings, type Finding } from '../findings.js';
import { formatPosition } from '../errors.js';
import type { ReportOptions } from './index.js';

export function escapeData(text: string): string {
  return text.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

export function escapeProperty(text: string): string {
  return escapeData(text).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/** A location GitHub can anchor: a file of the checked-out tree (not `<ref>:<path>` of a git base). */
function anchorable(file: string): boolean {
  return !/^[^/\\]+:/.test(file) || /^[A-Za-z]:[\\/]/.test(file);
}

export function formatGithub(findings: readonly Finding[], options: ReportOptions): string {
  const failOn = options.failOn ?? 'error';
  const failingSet = new Set(failing(findings, failOn));
  const lines: string[] = [];
  for (const f of sortFindings(findings)) {
    const command = f.accepted ? 'notice' : f.level === 'info' ? 'notice' : failingSet.has(f) ? 'error' : 'warning';
    const props: string[] = [];
    let message = f.message;
    if (f.location && anchorable(f.location.file)) {
      props.push(`file=${escapeProperty(f.location.file)}`);
      if (f.location.line !== undefined) props.push(`line=${f.location.line}`);
      if (f.location.column !== undefined) props.push(`col=${f.location.column}`);
    } else if (f.location) {
      message = `${formatPosition(f.location)}: ${message}`;
    }
    props.push(`title=${escapeProperty(`${f.rule}${f.spec ? ` (${f.spec}${f.operation ? ` ${f.operation}` : ''})` : ''}`)}`);
    if (f.accepted) message += `\naccepted: ${f.accepted.reason}${f.accepted.expires ? ` (until ${f.accepted.expires})` : ''}`;
    if (f.consumers) message += f.consumers.length ? `\nconsumers: ${f.consumers.join(', ')}` : '\nno consumer uses this';
    lines.push(`::${command} ${props.join(',')}::${escapeData(message)}`);
  }
  const c = countByLevel(findings);
  lines.push(`covenant ${options.command}: ${c.error} error${c.error === 1 ? '' : 's'}, ${c.warning} warning${c.warning === 1 ? '' : 's'}, ${c.info} info, ${failingSet.size} failing (--fail-on ${failOn})`);
  return lines.join('\n') + '\n';
}
