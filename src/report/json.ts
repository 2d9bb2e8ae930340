/** JSON for machines: `{ tool, command, version, summary, findings }` (schema: schemas/findings.schema.json). */
import { sortFindings, type Finding } from '../findings.js';
import { summarize } from './summary.js';
import { COVENANT_VERSION } from '../version.js';
import type { ReportOptions } from './index.js';

export function formatJson(findings: readonly Finding[], options: ReportOptions): string {
  const report = {
    tool: 'covenant',
    version: COVENANT_VERSION,
    command: options.command,
    failOn: options.failOn ?? 'error',
    summary: summarize(findings, options.failOn),
    findings: sortFindings(findings),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
