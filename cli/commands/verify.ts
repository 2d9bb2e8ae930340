import type { Command } from 'commander';
import { Option } from 'commander';
import { UserError } from '../../src/errors.js';
import { formatVerify, VERIFY_FORMATS, type VerifyFormat } from '../../src/contracts/verify/report.js';
import { writeReport } from '../output.js';
import { commandContext } from '../context.js';

interface VerifyFlags {
  provider: string;
  providerBaseUrl: string;
  start?: string;
  healthUrl?: string;
  startTimeout: string;
  pacts?: string;
  brokerUrl?: string;
  consumerVersionSelectors?: string;
  includePending?: boolean;
  includeWipSince?: string;
  publish?: boolean;
  providerVersion?: string;
  providerBranch?: string;
  buildUrl?: string;
  states?: string;
  messages?: string;
  header: string[];
  timeout: string;
  format: VerifyFormat;
  output?: string;
  verbose?: boolean;
}

export function registerVerify(program: Command, setExit: (code: number) => void): void {
  program
    .command('verify')
    .description("replay consumers' pacts against a running provider (pact-js Verifier), from pacts/ or a Pact Broker")
    .requiredOption('--provider <name>', 'provider name, as written in the pacts (provider.name)')
    .requiredOption('--provider-base-url <url>', 'where the provider listens, e.g. http://127.0.0.1:3000')
    .option('--start <command>', 'start the provider with this shell command, wait until healthy, stop it afterwards')
    .option('--health-url <url>', 'URL that answers 2xx once the provider is ready (default: <provider-base-url>/health)')
    .option('--start-timeout <seconds>', 'how long to wait for the health URL', '30')
    .option('--pacts <dir>', 'folder of pact files (default: contracts.pacts in covenant.yaml, else pacts/)')
    .option('--broker-url <url>', 'fetch pacts from a Pact Broker (token from PACT_BROKER_TOKEN)')
    .option('--consumer-version-selectors <json>', 'broker: consumer version selectors, a JSON array (e.g. \'[{"mainBranch":true}]\')')
    .option('--include-pending', 'broker: pending pacts are verified but do not fail the run')
    .option('--include-wip-since <date>', 'broker: also verify work-in-progress pacts created since this date (YYYY-MM-DD)')
    .option('--publish', 'broker: publish the results (provider version = git rev-parse HEAD, branch from git)')
    .option('--provider-version <version>', 'broker: provider version to publish instead of the git commit')
    .option('--provider-branch <branch>', 'broker: provider branch (sent with the selectors, and published) instead of the git branch')
    .option('--build-url <url>', 'broker: CI build URL published with the results')
    .option('--states <module>', 'provider states module (.js/.mjs/.ts): a map state → function or {setup, teardown}; may export requestFilter')
    .option('--messages <module>', 'message producers for message pacts (.js/.mjs/.ts): a map message description → function returning the message')
    .option('--header <header>', 'add a header to every replayed request, "Name: value" (repeatable)', (value: string, list: string[]) => [...list, value], [] as string[])
    .option('--timeout <seconds>', 'timeout of each replayed request', '30')
    .addOption(new Option('--format <format>', 'output format').choices([...VERIFY_FORMATS]).default('text'))
    .option('--output <file>', 'write the report to a file instead of stdout')
    .option('--verbose', "print the provider's and the Pact core's own output on stderr")
    .action(async (opts: VerifyFlags, command: Command) => {
      const ctx = commandContext(command);
      const seconds = (value: string, flag: string) => {
        const n = Number(value);
        if (!Number.isFinite(n) || n <= 0) throw new UserError(`${flag} must be a positive number of seconds, not "${value}"`);
        return n * 1000;
      };
      let selectors: Record<string, unknown>[] | undefined;
      if (opts.consumerVersionSelectors) {
        try {
          selectors = JSON.parse(opts.consumerVersionSelectors);
        } catch (error) {
          throw new UserError(`--consumer-version-selectors is not valid JSON: ${(error as Error).message}`, { hint: 'e.g. \'[{"mainBranch":true},{"deployedOrReleased":true}]\'' });
        }
        if (!Array.isArray(selectors) || selectors.some((s) => !s || typeof s !== 'object' || Array.isArray(s))) {
          throw new UserError('--consumer-version-selectors must be a JSON array of objects', { hint: 'e.g. \'[{"mainBranch":true}]\'' });
        }
      }
      const brokerOnly = ['consumerVersionSelectors', 'includePending', 'includeWipSince', 'publish', 'providerVersion', 'providerBranch', 'buildUrl'] as const;
      if (opts.brokerUrl && !opts.publish && (opts.providerVersion || opts.buildUrl)) throw new UserError('--provider-version and --build-url are published results: add --publish');
      const misplaced = brokerOnly.find((k) => opts[k] !== undefined);
      if (!opts.brokerUrl && misplaced) throw new UserError(`--${misplaced.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} needs --broker-url`);
      if (opts.brokerUrl && opts.pacts) throw new UserError('use either --pacts or --broker-url, not both');
      const [{ pactsFolder }, { runVerify }] = await Promise.all([import('../../src/contracts/check.js'), import('../../src/contracts/verify/run.js')]);
      const result = await runVerify({
        cwd: ctx.cwd,
        provider: opts.provider,
        providerBaseUrl: opts.providerBaseUrl,
        start: opts.start,
        healthUrl: opts.healthUrl,
        startTimeoutMs: seconds(opts.startTimeout, '--start-timeout'),
        pactsDir: opts.brokerUrl ? '' : pactsFolder({ cwd: ctx.cwd, config: ctx.loadConfig(), pacts: opts.pacts }),
        broker: opts.brokerUrl
          ? {
              url: opts.brokerUrl,
              consumerVersionSelectors: selectors,
              includePending: opts.includePending,
              includeWipSince: opts.includeWipSince,
              publish: opts.publish,
              providerVersion: opts.providerVersion,
              providerBranch: opts.providerBranch,
              buildUrl: opts.buildUrl,
            }
          : undefined,
        states: opts.states,
        messages: opts.messages,
        headers: opts.header,
        timeoutMs: seconds(opts.timeout, '--timeout'),
        verbose: opts.verbose,
      });
      writeReport(formatVerify(result, opts.format, { color: ctx.color && !opts.output }), opts.output, ctx.cwd);
      if (opts.output && opts.format !== 'text') process.stderr.write(formatVerify(result, 'text', { color: false }).split('\n').slice(-2).join('\n'));
      if (!result.ok) setExit(1);
    });
}
