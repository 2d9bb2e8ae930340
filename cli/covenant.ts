#!/usr/bin/env node
/**
 * The `covenant` bin: builds the program from one module per command, and maps errors to exit
 * codes (0 clean, 1 findings/stale/failed verification, 2 bad usage or input). No stack trace
 * unless --debug.
 */
import { Command, CommanderError } from 'commander';
import { COVENANT_VERSION } from '../src/version.js';
import { isUserError } from '../src/errors.js';
import { commands } from './commands.js';

export async function main(argv: string[]): Promise<number> {
  const program = new Command('covenant')
    .description('Contract-first toolchain: typed code from OpenAPI and .proto, contract tests, breaking-change checks.')
    .version(COVENANT_VERSION)
    .option('--config <file>', 'config file (default: covenant.yaml, covenant.json, or the embedded default)')
    .option('--cwd <dir>', 'run as if started in this folder')
    .option('--debug', 'print stack traces for errors')
    .showHelpAfterError('(run with --help for usage)')
    .exitOverride();
  let exitCode = 0;
  for (const register of commands) {
    register(program, (code) => {
      exitCode = Math.max(exitCode, code);
    });
  }
  const debug = argv.includes('--debug');
  try {
    await program.parseAsync(argv, { from: 'user' });
    return exitCode;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version' || error.code === 'commander.help') return 0;
      return 2;
    }
    if (isUserError(error)) {
      process.stderr.write(`covenant: ${error.toLine()}\n`);
      if (debug && error.stack) process.stderr.write(`${error.stack}\n`);
      return 2;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`covenant: internal error: ${message.split('\n')[0]}${debug ? '' : ' (run with --debug for details)'}\n`);
    if (debug && error instanceof Error && error.stack) process.stderr.write(`${error.stack}\n`);
    return 2;
  }
}

// `covenant ... | head` closes stdout early: that is not an error
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error: NodeJS.ErrnoException) => {
    if (error.code === 'EPIPE') process.exit(typeof process.exitCode === 'number' ? process.exitCode : 0);
    throw error;
  });
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  () => {
    process.exitCode = 2;
  },
);
