import { mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { UserError } from '../src/errors.js';

/** Write a report to stdout, or atomically to --output FILE. */
export function writeReport(text: string, output: string | undefined, cwd: string): void {
  if (!output) {
    process.stdout.write(text);
    return;
  }
  const abs = resolve(cwd, output);
  try {
    mkdirSync(dirname(abs), { recursive: true });
    const tmp = `${abs}.covenant-tmp-${process.pid}`;
    writeFileSync(tmp, text);
    renameSync(tmp, abs);
  } catch (error) {
    throw new UserError(`cannot write the report (${(error as NodeJS.ErrnoException).code})`, { position: { file: output }, hint: 'choose a writable --output path' });
  }
}
