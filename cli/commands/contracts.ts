import type { Command } from 'commander';
import { Option } from 'commander';
import { failing, type Level } from '../../src/findings.js';
import { formatFindings, REPORT_FORMATS, type ReportFormat } from '../../src/report/index.js';
import { writeReport } from '../output.js';
import { commandContext } from '../context.js';

export function registerContracts(program: Command, setExit: (code: number) => void): void {
  program
    .command('contracts')
    .description("check every pact interaction against its provider's OpenAPI spec, without running the provider")
    .argument('[specs...]', 'spec files or names (default: every OpenAPI spec that serves a pact provider)')
    .option('--pacts <dir>', 'folder of pact files (default: contracts.pacts in covenant.yaml, else pacts/)')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level').choices(['error', 'warning', 'info']).default('error'))
    .option('--no-warnings', "leave out the comparator's warnings (unknown headers, default responses)")
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--allow-empty', 'pass when no interaction was checked (default: a run that checked nothing fails)')
    .action(async (specs: string[], opts: { pacts?: string; format: ReportFormat; failOn: Level; warnings: boolean; output?: string; allowEmpty?: boolean }, command: Command) => {
      const ctx = commandContext(command);
      const { runContracts } = await import('../../src/contracts/check.js');
      const result = await runContracts({ cwd: ctx.cwd, config: ctx.loadConfig(), only: specs, pacts: opts.pacts, warnings: opts.warnings, allowEmpty: opts.allowEmpty });
      if (opts.format === 'text' && !opts.output) {
        for (const c of result.checked) process.stderr.write(`checked ${c.pact} (${c.consumer}, ${c.interactions} interaction${c.interactions === 1 ? '' : 's'}) against ${c.spec}\n`);
      }
      writeReport(formatFindings(result.findings, opts.format, { command: 'contracts', color: ctx.color && !opts.output, failOn: opts.failOn, checks: result.checks }), opts.output, ctx.cwd);
      if (failing(result.findings, opts.failOn).length > 0) setExit(1);
    });
}
