import type { Command } from 'commander';
import { UserError } from '../../src/errors.js';
import { commandContext } from '../context.js';

interface MockFlags {
  port: string;
  host: string;
  quiet?: boolean;
  cors: boolean;
  watch: boolean;
  seed: string;
}

export function registerMock(program: Command, _setExit: (code: number) => void): void {
  program
    .command('mock')
    .description('serve every operation of the specs from their examples and schemas, validating requests (Ctrl-C stops)')
    .argument('[specs...]', 'OpenAPI files or spec names (default: all); several specs are mounted under /<spec name>')
    .option('--port <port>', 'port to listen on (0 = any free port)', '4010')
    .option('--host <host>', 'address to listen on', '127.0.0.1')
    .option('--quiet', 'do not print a line per request')
    .option('--no-cors', 'do not answer CORS preflights nor add CORS headers')
    .option('--no-watch', 'do not reload a spec when its files change')
    .option('--seed <n>', 'seed for generated bodies (same seed and request, same body)', '0')
    .action(async (specs: string[], opts: MockFlags, command: Command) => {
      const ctx = commandContext(command);
      const port = Number(opts.port);
      if (!/^\d+$/.test(opts.port) || port > 65535) throw new UserError(`--port ${opts.port} is not a port number`, { hint: 'use 0-65535' });
      if (!/^-?\d+$/.test(opts.seed)) throw new UserError(`--seed ${opts.seed} is not an integer`);
      const { runMock } = await import('../../src/mock/run.js');
      const write = (line: string) => process.stdout.write(`${line}\n`);
      const mock = await runMock({
        cwd: ctx.cwd,
        config: ctx.loadConfig(),
        only: specs,
        port,
        host: opts.host,
        cors: opts.cors,
        watch: opts.watch,
        seed: Number(opts.seed),
        logRequest: opts.quiet ? undefined : write,
        info: write,
        warn: (line) => process.stderr.write(`${line}\n`),
      });
      for (const m of mock.mounts) write(`${m.name}: ${m.service.operations} operations from ${m.service.spec.file} at ${mock.url}${m.base}/`);
      write(`mock listening on ${mock.url}`);
      await new Promise<void>((stop) => {
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
      });
      await mock.close();
    });
}
