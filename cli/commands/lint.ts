import type { Command } from 'commander';
import { Option } from 'commander';
import { failing, type Level } from '../../src/findings.js';
import { formatFindings, REPORT_FORMATS, type ReportFormat } from '../../src/report/index.js';
import { writeReport } from '../output.js';
import { commandContext } from '../context.js';

export function registerLint(program: Command, setExit: (code: number) => void): void {
  program
    .command('lint')
    .description('check that specs are valid OpenAPI (Redocly rules) and proto (buf lint)')
    .argument('[specs...]', 'spec files, proto folders or spec names (default: all)')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .addOption(new Option('--ruleset <name>', 'OpenAPI rules: spec (validity only), minimal, recommended').choices(['spec', 'minimal', 'recommended', 'recommended-strict']).default('recommended'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level').choices(['error', 'warning', 'info']).default('error'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (specs: string[], opts: { format: ReportFormat; ruleset: 'spec' | 'minimal' | 'recommended' | 'recommended-strict'; failOn: Level; output?: string }, command: Command) => {
      const ctx = commandContext(command);
      // Redocly and buf load only when `lint` runs
      const { runLint } = await import('../../src/lint/run.js');
      const findings = await runLint({ cwd: ctx.cwd, config: ctx.loadConfig(), only: specs, ruleset: opts.ruleset });
      writeReport(formatFindings(findings, opts.format, { command: 'lint', color: ctx.color && !opts.output, failOn: opts.failOn }), opts.output, ctx.cwd);
      if (failing(findings, opts.failOn).length > 0) setExit(1);
    });
}
