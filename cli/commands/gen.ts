import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { commandContext } from '../context.js';
import type { GenOutcome } from '../../src/gen/run.js';

// the generators (openapi-typescript, TypeScript itself, ...) load only when `gen` runs: other commands start fast

interface GenFlags {
  check?: boolean;
  listTargets?: boolean;
  output?: string;
  target: string[];
  option: string[];
  watch?: boolean;
}

const collect = (value: string, previous: string[]) => [...previous, value];

export function registerGen(program: Command, setExit: (code: number) => void): void {
  program
    .command('gen')
    .description('generate typed code for every spec (default: everything under specs/), or for one spec with -o')
    .argument('[specs...]', 'spec files, proto folders or spec names (default: all)')
    .option('-o, --output <dir>', 'one-off: generate the one named spec into <dir>, without covenant.yaml')
    .option('-t, --target <name>', 'one-off: a target to run (repeat for several; default: the spec kind\'s defaults)', collect, [])
    .option('--option <key=value>', 'one-off: a target option (repeat; `key` alone means true, values are read as JSON when they parse)', collect, [])
    .option('--check', 'do not write; exit 1 and list stale files when what is on disk differs')
    .option('-w, --watch', 'regenerate when a spec (or a file it $refs) or the config changes; Ctrl-C stops')
    .option('--list-targets', 'print the available targets and exit')
    .action(async (specs: string[], opts: GenFlags, command: Command) => {
      const ctx = commandContext(command);
      const { runGen } = await import('../../src/gen/run.js');
      const { listTargets, listTargetNames } = await import('../../src/gen/registry.js');
      const { UserError } = await import('../../src/errors.js');
      if (opts.listTargets) {
        await import('../../src/gen/all-targets.js');
        for (const t of listTargets()) process.stdout.write(`${t.name.padEnd(24)} ${t.kind.padEnd(8)} ${t.description}\n`);
        for (const name of listTargetNames().filter((n) => n.includes('<'))) process.stdout.write(`${name}\n`);
        return;
      }
      if (!opts.output && (opts.target.length > 0 || opts.option.length > 0)) {
        throw new UserError(`${opts.target.length > 0 ? '--target' : '--option'} is for one-off runs: add -o <dir>`, { hint: 'with covenant.yaml, set targets and options there' });
      }
      if (opts.watch && opts.check) throw new UserError('--watch and --check do not go together', { hint: 'use --check in CI, --watch while editing' });
      const warn = (message: string) => process.stderr.write(`covenant: warning: ${message}\n`);
      const request = async () => {
        if (!opts.output) return { cwd: ctx.cwd, config: ctx.loadConfig(), only: specs, warn };
        const { oneOffConfig } = await import('../../src/gen/one-off.js');
        return { cwd: ctx.cwd, config: oneOffConfig({ cwd: ctx.cwd, specs, output: opts.output, targets: opts.target, options: opts.option }), oneOff: true, warn };
      };
      if (opts.watch) {
        const { watchGen } = await import('../../src/gen/watch.js');
        await watchGen({ request, configFile: opts.output ? false : ctx.configFile, cwd: ctx.cwd, print: (line) => process.stdout.write(`${line}\n`) });
        return;
      }
      const outcomes = await runGen({ ...(await request()), check: opts.check, progress: ctx.progress });
      const stale = printOutcomes(outcomes, ctx.cwd);
      if (!opts.check) {
        const { runtimeDependencyNote } = await import('../../src/gen/typescript/runtime-line.js');
        const note = runtimeDependencyNote(outcomes.flatMap((o) => (o.write ? o.files : [])), ctx.cwd);
        if (note) process.stderr.write(`covenant: ${note}\n`);
      }
      if (opts.check) {
        if (stale > 0) {
          process.stdout.write(`${stale} generated file${stale === 1 ? '' : 's'} out of date: run \`covenant gen\`\n`);
          setExit(1);
        } else process.stdout.write('generated code is up to date\n');
      }
    });
}

/** One line per folder written (or per stale file with --check); returns the number of stale files. */
function printOutcomes(outcomes: GenOutcome[], cwd: string): number {
  let stale = 0;
  for (const o of outcomes) {
    const folder = relative(cwd, o.outputDir) || '.';
    if (o.orphan) {
      const why = `generated for ${o.orphan.spec ? `spec ${o.orphan.spec}` : `"${o.spec.name}"`}, which is not in this run`;
      if (o.check) {
        for (const s of o.check.stale) process.stdout.write(`${folder}/${s.path}: would be deleted (${why})\n`);
        if (o.check.stale.length === 0) process.stdout.write(`${folder}/${'.covenant-manifest.json'}: would be deleted (${why})\n`);
        stale += Math.max(1, o.check.stale.length);
      } else {
        const n = o.write!.removed.length;
        const kept = existsSync(o.outputDir) ? '; the other files there are yours and stay' : '';
        process.stdout.write(`${folder}/: ${n} generated file${n === 1 ? '' : 's'} deleted (${why})${kept}\n`);
      }
    } else if (o.check) {
      for (const s of o.check.stale) process.stdout.write(`${folder}/${s.path}: ${s.reason === 'missing' ? 'would be created' : s.reason === 'extra' ? 'would be deleted' : 'is stale'}\n`);
      stale += o.check.stale.length;
    } else if (o.write) {
      process.stdout.write(`${o.spec.name} → ${folder}/ (${o.write.written.length} files${o.write.removed.length ? `, ${o.write.removed.length} removed` : ''})\n`);
    }
  }
  return stale;
}
