/** What every command reads from the global options: cwd, config, output helpers. */
import type { Command } from 'commander';
import { resolve } from 'node:path';
import { loadConfig, type LoadedConfig } from '../src/config/load.js';

export interface CommandContext {
  cwd: string;
  configFile?: string;
  debug: boolean;
  loadConfig(): LoadedConfig;
  /** Progress lines on a TTY only (stderr). */
  progress(message: string): void;
  color: boolean;
}

export function commandContext(command: Command): CommandContext {
  const globals = command.optsWithGlobals() as { config?: string; cwd?: string; debug?: boolean };
  const cwd = resolve(globals.cwd ?? process.cwd());
  const tty = Boolean(process.stderr.isTTY);
  return {
    cwd,
    configFile: globals.config,
    debug: Boolean(globals.debug),
    loadConfig: () => loadConfig({ cwd, file: globals.config }),
    progress: (message) => {
      if (tty) process.stderr.write(`\r\x1b[2K${message}`);
    },
    color: Boolean(process.stdout.isTTY) && !process.env.NO_COLOR,
  };
}
