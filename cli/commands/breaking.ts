import type { Command } from 'commander';
import { Option } from 'commander';
import type { OpenApiRule } from '../../src/breaking/openapi/index.js';
import type { BreakingConfig } from '../../src/breaking/config.js';
import { failing, type Level } from '../../src/findings.js';
import { formatFindings, REPORT_FORMATS, type ReportFormat, type RuleDescription } from '../../src/report/index.js';
import { writeReport } from '../output.js';
import { commandContext } from '../context.js';

interface BreakingFlags {
  against?: string;
  format: ReportFormat;
  failOn?: Level;
  output?: string;
  ignore?: string;
  narrow: boolean;
  listRules?: boolean;
  pacts?: string;
  provider?: string;
}

export function registerBreaking(program: Command, setExit: (code: number) => void): void {
  program
    .command('breaking')
    .description('report breaking changes between two versions of the specs (OpenAPI rules; proto through buf breaking)')
    .argument('[specs...]', '<base> <revision> (two files or two folders), or with --against: spec files, proto folders or names (default: all)')
    .option('--against <git-ref>', 'compare the working tree with this git ref (e.g. origin/main)')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .addOption(new Option('--fail-on <level>', 'exit 1 when a finding is at or above this level (default: breaking.failOn, else error)').choices(['error', 'warning', 'info']))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--ignore <file>', 'accepted breaking changes (default: breaking.ignore, else .covenant-ignore.yaml when present)')
    .option('--no-narrow', 'with --against, run buf on every .proto file, not only the ones changed since the ref')
    .option('--pacts <dir>', 'pact files: each OpenAPI finding names the consumers whose interactions it touches')
    .option('--provider <name>', 'with --pacts: the pact provider name the compared spec serves (default: contracts.providers, specs[].provider, else the spec name)')
    .option('--list-rules', 'print the rules and exit')
    .action(async (specs: string[], opts: BreakingFlags, command: Command) => {
      if (opts.listRules) {
        const [{ OPENAPI_RULES }, { RUN_RULES }] = await Promise.all([import('../../src/breaking/openapi/index.js'), import('../../src/breaking/run.js')]);
        process.stdout.write(listRules(OPENAPI_RULES, RUN_RULES));
        return;
      }
      const ctx = commandContext(command);
      const config = ctx.loadConfig();
      const settings = (config.config.breaking ?? {}) as BreakingConfig;
      const failOn: Level = opts.failOn ?? settings.failOn ?? 'error';
      // the engines load only when the command runs: other commands start fast
      const { runBreaking, RUN_RULES } = await import('../../src/breaking/run.js');
      const { OPENAPI_RULES } = await import('../../src/breaking/openapi/index.js');
      const result = await runBreaking({
        cwd: ctx.cwd,
        config,
        inputs: specs,
        against: opts.against,
        ignore: opts.ignore,
        pacts: opts.pacts,
        provider: opts.provider,
        narrow: command.getOptionValueSource('narrow') === 'cli' ? opts.narrow : undefined,
        progress: ctx.progress,
      });
      let rules: RuleDescription[] | undefined;
      if (opts.format === 'sarif') {
        rules = [...OPENAPI_RULES, ...RUN_RULES];
        if (result.specs.some((s) => s.kind === 'proto')) {
          const known = new Set(rules.map((r) => r.id));
          const { bufBreakingRules } = await import('../../src/breaking/proto.js');
          for (const r of await bufBreakingRules({ cwd: ctx.cwd })) if (!known.has(r.id)) rules.push({ ...r, level: 'error' });
        }
      }
      const text = formatFindings(result.findings, opts.format, {
        command: 'breaking',
        color: ctx.color && !opts.output,
        failOn,
        specs: result.specs.map((s) => s.name),
        rules,
      });
      writeReport(text, opts.output, ctx.cwd);
      if (failing(result.findings, failOn).length > 0) setExit(1);
    });
}

/** The rule table, printed from the rule modules (never a copy). */
function listRules(OPENAPI_RULES: readonly OpenApiRule[], RUN_RULES: ReadonlyArray<{ id: string; level: Level; description: string }>): string {
  const rows = [...OPENAPI_RULES.map((r) => [r.id, r.level, r.direction, r.area, r.description]), ...RUN_RULES.map((r) => [r.id, r.level, '-', 'run', r.description])];
  const widths = [0, 1, 2, 3].map((i) => Math.max(...rows.map((row) => row[i]!.length), ['rule', 'level', 'direction', 'area'][i]!.length));
  const line = (row: string[]) => row.map((cell, i) => (i < 4 ? cell.padEnd(widths[i]!) : cell)).join('  ').trimEnd();
  return [
    line(['rule', 'level', 'direction', 'area', 'description']),
    ...rows.map(line),
    '',
    `${OPENAPI_RULES.length} OpenAPI rules. Proto rules are buf's own (category FILE unless the module's buf.yaml says otherwise):`,
    'list them with `buf config ls-breaking-rules` (node_modules/@bufbuild/buf).',
    '',
  ].join('\n');
}
