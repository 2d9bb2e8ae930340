/** JSON for machines: `{ tool, command, version, summary, findings }` (schema: schemas/findings.schema.json). */
import { countByLevel, sortFindings, type Finding } from '../findings.js';
import { COVENANT_VERSION } from '../version.js';
import type { ReportOptions } from './index.js';

export function formatJson(findings: readonly Finding[], options: ReportOptions): string {
  const report = {
    tool: 'covenant',
    version: COVENANT_VERSION,
    command: options.command,
    summary: countByLevel(findings),
    findings: sortFindings(findings),
  };
  return JSON.stringify(report, null, 2) + '\n';
}
