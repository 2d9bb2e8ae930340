/** One reporter per format over the shared finding model (DESIGN §2). */
import type { Finding } from '../findings.js';
import { formatText } from './text.js';
import { formatJson } from './json.js';

export type ReportFormat = 'text' | 'json';
export const REPORT_FORMATS: readonly ReportFormat[] = ['text', 'json'];

export interface ReportOptions {
  /** What produced the findings (`lint`, `breaking`, `contracts`): titles and tool names. */
  command: string;
  color?: boolean;
  /** Findings with this level or above fail the run (shown in summaries). */
  failOn?: 'error' | 'warning' | 'info';
}

export function formatFindings(findings: readonly Finding[], format: ReportFormat, options: ReportOptions): string {
  switch (format) {
    case 'text':
      return formatText(findings, options);
    case 'json':
      return formatJson(findings, options);
  }
}
