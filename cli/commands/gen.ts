import { existsSync } from 'node:fs';
import { relative } from 'node:path';
import type { Command } from 'commander';
import { commandContext } from '../context.js';

// the generators (openapi-typescript, TypeScript itself, ...) load only when `gen` runs: other commands start fast

export function registerGen(program: Command, setExit: (code: number) => void): void {
  program
    .command('gen')
    .description('generate typed code for every spec (default: everything under specs/)')
    .argument('[specs...]', 'spec files, proto folders or spec names (default: all)')
    .option('--check', 'do not write; exit 1 and list stale files when what is on disk differs')
    .option('--list-targets', 'print the available targets and exit')
    .action(async (specs: string[], opts: { check?: boolean; listTargets?: boolean }, command: Command) => {
      const ctx = commandContext(command);
      const { runGen } = await import('../../src/gen/run.js');
      const { listTargets, listTargetNames } = await import('../../src/gen/registry.js');
      if (opts.listTargets) {
        await import('../../src/gen/all-targets.js');
        for (const t of listTargets()) process.stdout.write(`${t.name.padEnd(24)} ${t.kind.padEnd(8)} ${t.description}\n`);
        for (const name of listTargetNames().filter((n) => n.includes('<'))) process.stdout.write(`${name}\n`);
        return;
      }
      const outcomes = await runGen({ cwd: ctx.cwd, config: ctx.loadConfig(), only: specs, check: opts.check, progress: ctx.progress, warn: (message) => process.stderr.write(`covenant: warning: ${message}\n`) });
      let stale = 0;
      for (const o of outcomes) {
        const folder = relative(ctx.cwd, o.outputDir) || '.';
        if (o.orphan) {
          const why = `generated for ${o.orphan.spec ? `spec ${o.orphan.spec}` : `"${o.spec.name}"`}, which is not in this run`;
          if (o.check) {
            for (const s of o.check.stale) process.stdout.write(`${folder}/${s.path}: would be deleted (${why})\n`);
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
