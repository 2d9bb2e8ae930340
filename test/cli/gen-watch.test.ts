/**
 * `covenant gen --watch` as a real child process: a status line per run, a change to a file the
 * spec `$ref`s regenerates, a broken spec prints the error line and keeps the last good output, a
 * fix regenerates, a config change regenerates, Ctrl-C (SIGINT) exits 0. Every wait is bounded; nothing asserts on timing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { BIN, removeScratch, scratch, snapshotTree, writeTree } from './support.js';

const dirs: string[] = [];
const children: ChildProcess[] = [];
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  dirs.forEach(removeScratch);
});

const SPEC = `openapi: 3.0.3
info: { title: Pets, version: '1' }
paths:
  /pets:
    get:
      operationId: listPets
      responses:
        '200':
          description: ok
          content:
            application/json:
              schema: { $ref: '../schemas/pet.yaml' }
`;
const PET = 'type: object\nproperties:\n  name: { type: string }\n';

/** Lines of a child's stdout, with a bounded wait for the next one that matches. */
function lines(child: ChildProcess) {
  const seen: string[] = [];
  let buffer = '';
  let waiter: (() => void) | undefined;
  child.stdout!.on('data', (chunk: Buffer) => {
    buffer += chunk.toString('utf8');
    const parts = buffer.split('\n');
    buffer = parts.pop()!;
    seen.push(...parts);
    waiter?.();
  });
  let next = 0;
  return {
    seen,
    async until(pattern: RegExp, what: string): Promise<string> {
      const deadline = Date.now() + 60_000;
      for (;;) {
        while (next < seen.length) {
          const line = seen[next++]!;
          if (pattern.test(line)) return line;
        }
        if (Date.now() > deadline || child.exitCode !== null) throw new Error(`no line for ${what}; got:\n${seen.join('\n')}`);
        await new Promise<void>((r) => {
          waiter = r;
          setTimeout(r, 1000);
        });
      }
    },
  };
}

describe('covenant gen --watch', () => {
  it('regenerates on a $ref-ed file change, keeps the last good output on an error, exits 0 on Ctrl-C', async () => {
    const cwd = scratch('gen-watch');
    dirs.push(cwd);
    writeTree(cwd, { 'specs/pets.yaml': SPEC, 'schemas/pet.yaml': PET });
    const child = spawn(process.execPath, [BIN, 'gen', '--watch'], { cwd, env: { ...process.env, NO_COLOR: '1' }, stdio: ['ignore', 'pipe', 'pipe'] });
    children.push(child);
    let stderr = '';
    child.stderr!.on('data', (c: Buffer) => (stderr += c.toString('utf8')));
    const out = lines(child);

    expect(await out.until(/spec/, 'the first run')).toMatch(/^\[\d\d:\d\d:\d\d\] 1 spec \(pets\): 3 files written, 0 unchanged$/);
    expect(await out.until(/watching/, 'the watch line')).toMatch(/watching 2 files and specs\/; Ctrl-C stops$/);
    const types = join(cwd, 'generated/pets/types.ts');
    expect(readFileSync(types, 'utf8')).not.toContain('age');

    writeFileSync(join(cwd, 'schemas/pet.yaml'), PET + '  age: { type: integer }\n');
    expect(await out.until(/spec|covenant:/, 'the run after the $ref change')).toMatch(/1 spec \(pets\): [1-9] files? written, \d unchanged$/);
    expect(readFileSync(types, 'utf8')).toContain('age');
    const good = snapshotTree(join(cwd, 'generated'));

    writeFileSync(join(cwd, 'schemas/pet.yaml'), PET + 'broken: [\n');
    expect(await out.until(/spec|covenant:/, 'the run on a broken file')).toMatch(/^\[\d\d:\d\d:\d\d\] covenant: schemas\/pet\.yaml:\d+:\d+: invalid YAML: .* — output left as it was$/);
    expect(snapshotTree(join(cwd, 'generated'))).toEqual(good);

    writeFileSync(join(cwd, 'specs/pets.yaml'), SPEC.replace("version: '1'", "version: '2'"));
    writeFileSync(join(cwd, 'schemas/pet.yaml'), PET);
    // two files are written: a run may see the first alone (an error line), the one after both
    expect(await out.until(/files? written/, 'the run after the fix')).toMatch(/1 spec \(pets\): [1-9] files? written, \d unchanged$/);
    expect(readFileSync(types, 'utf8')).not.toContain('age');

    // a config change is a change too: covenant.yaml appears and moves the output
    writeFileSync(join(cwd, 'covenant.yaml'), 'output: out\n');
    expect(await out.until(/files? written/, 'the run after the config change')).toMatch(/1 spec \(pets\): 3 files written, 0 unchanged$/);
    expect(readFileSync(join(cwd, 'out/pets/types.ts'), 'utf8')).toContain('name');

    const exit = new Promise<number | null>((r) => child.on('exit', (code) => r(code)));
    child.kill('SIGINT');
    const code = await Promise.race([exit, new Promise<'hung'>((r) => setTimeout(() => r('hung'), 30_000))]);
    expect(code).toBe(0);
    expect(stderr).toBe('');
  }, 240_000);
});
