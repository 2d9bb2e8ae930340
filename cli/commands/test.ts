import type { Command } from 'commander';
import { Option } from 'commander';
import { UserError } from '../../src/errors.js';
import { failing } from '../../src/findings.js';
import { formatFindings, REPORT_FORMATS, type ReportFormat } from '../../src/report/index.js';
import { writeReport } from '../output.js';
import { commandContext } from '../context.js';

interface TestFlags {
  baseUrl: string;
  seed?: string;
  maxExamples: string;
  maxTime: string;
  concurrency: string;
  timeout: string;
  auth: string[];
  header: string[];
  hooks?: string;
  operation: string[];
  stateful: boolean;
  format: ReportFormat;
  output?: string;
}

const collect = (value: string, list: string[]) => [...list, value];

export function registerTest(program: Command, setExit: (code: number) => void): void {
  program
    .command('test')
    .description('test a RUNNING provider against its OpenAPI spec: generated valid and invalid requests, every answer checked, stateful sequences')
    .argument('[specs...]', 'OpenAPI files or spec names (default: all)')
    .requiredOption('--base-url <url>', 'where the provider listens (the only address ever contacted), e.g. http://127.0.0.1:3000/v1')
    .option('--seed <n>', 'seed of the generated requests (printed with every failure; the same seed replays the run)')
    .option('--max-examples <n>', 'valid requests per operation (invalid ones: a third of it per broken constraint)', '25')
    .option('--max-time <seconds>', 'time budget per operation and phase', '30')
    .option('--concurrency <n>', 'operations tested at the same time', '2')
    .option('--timeout <seconds>', 'timeout of each request', '10')
    .option('--auth <scheme=value>', 'credential for a security scheme of the spec: bearerAuth=TOKEN, basicAuth=user:pass, apiKey=KEY (repeatable)', collect, [] as string[])
    .option('--header <header>', 'add a header to every request, "Name: value" (repeatable)', collect, [] as string[])
    .option('--operation <id>', 'test only this operation: operationId or "METHOD /path" (repeatable)', collect, [] as string[])
    .option('--hooks <module>', 'module exporting beforeAll(), beforeEach({operationId, method, path}), afterAll(): fixtures and provider states')
    .option('--no-stateful', 'skip the create → read → change → delete sequences')
    .addOption(new Option('--format <format>', 'output format').choices([...REPORT_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .action(async (specs: string[], opts: TestFlags, command: Command) => {
      const ctx = commandContext(command);
      const positive = (value: string, flag: string, integer = true) => {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n))) throw new UserError(`${flag} must be a positive ${integer ? 'integer' : 'number'}, not "${value}"`);
        return n;
      };
      const auth: Record<string, string> = {};
      for (const entry of opts.auth) {
        const at = entry.indexOf('=');
        if (at <= 0) throw new UserError(`--auth "${entry}" is not <scheme>=<value>`, { hint: 'e.g. --auth bearerAuth=$TOKEN' });
        auth[entry.slice(0, at)] = entry.slice(at + 1);
      }
      const seed = opts.seed === undefined ? undefined : Number(opts.seed);
      if (seed !== undefined && !Number.isSafeInteger(seed)) throw new UserError(`--seed must be an integer, not "${opts.seed}"`);
      const { runTest } = await import('../../src/conformance/run.js');
      const { CHECK_RULES } = await import('../../src/conformance/checks.js');
      const result = await runTest({
        cwd: ctx.cwd,
        config: ctx.loadConfig(),
        only: specs,
        baseUrl: opts.baseUrl,
        seed,
        maxExamples: positive(opts.maxExamples, '--max-examples'),
        maxTimeMs: positive(opts.maxTime, '--max-time', false) * 1000,
        concurrency: positive(opts.concurrency, '--concurrency'),
        timeoutMs: positive(opts.timeout, '--timeout', false) * 1000,
        auth,
        headers: opts.header,
        hooks: opts.hooks,
        operations: opts.operation,
        stateful: opts.stateful,
      });
      const report = formatFindings(result.findings, opts.format, { command: 'test', color: ctx.color && !opts.output, failOn: 'error', specs: result.specs, rules: CHECK_RULES });
      writeReport(report, opts.output, ctx.cwd);
      process.stderr.write(`covenant test: ${result.operations} operations, ${result.requests} requests, seed ${result.seed} (replay with --seed ${result.seed})\n`);
      if (failing(result.findings, 'error').length > 0) setExit(1);
    });
}
