/**
 * The buf runner (src/spec/proto/buf.ts) that load, gen, lint and breaking share: finding the
 * native binary, parsing its JSON diagnostics (fuzzed), building to an image with positioned
 * errors, and `buf generate` with several plugins read back into memory.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { UserError } from '../../../src/errors.js';
import { bufBuild, bufGenerate, findBuf, parseBufDiagnostics, type BufDiagnostic } from '../../../src/spec/proto/buf.js';
import { loadProtoModule } from '../../../src/spec/proto/load.js';
import { tsProtoPlugin } from '../../../src/gen/ts-proto/options.js';
import { REPO, removeScratch, scratch, writeTree } from './support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));
function project(files: Record<string, string>): string {
  const dir = scratch('proto-buf');
  dirs.push(dir);
  writeTree(dir, files);
  return dir;
}

describe('findBuf', () => {
  it('names the npm command when buf is not installed (a package root outside this repo, nothing hoisted)', () => {
    const dir = mkdtempSync(join(tmpdir(), 'covenant-no-buf-'));
    dirs.push(dir);
    mkdirSync(join(dir, 'node_modules'));
    const error = (() => {
      try {
        findBuf(dir);
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).toLine()).toBe('proto specs (buf compiles, lints and compares them) needs @bufbuild/buf, which is not installed (npm i -D @bufbuild/buf)');
  });

  it('finds a buf that the project install hoisted beside covenant', () => {
    const dir = project({});
    mkdirSync(join(dir, 'node_modules'));
    expect(findBuf(dir)).toBe(join(REPO, 'node_modules', '@bufbuild', 'buf-linux-x64', 'bin', 'buf'));
  });

  it('finds the native binary of this install', () => {
    expect(findBuf(REPO)).toBe(join(REPO, 'node_modules', '@bufbuild', 'buf-linux-x64', 'bin', 'buf'));
  });
});

describe('parseBufDiagnostics', () => {
  const diagnostic = fc.record(
    {
      path: fc.string({ minLength: 1 }),
      start_line: fc.nat(),
      start_column: fc.nat(),
      type: fc.constantFrom('COMPILE', 'FIELD_LOWER_SNAKE_CASE', 'FIELD_NO_DELETE'),
      message: fc.string(),
    },
    { requiredKeys: ['message'] },
  );
  const plain = fc.string().filter((s) => !s.includes('\n') && s.trim() !== '' && !s.trim().startsWith('{'));

  it('keeps every JSON diagnostic as is and every other non-empty line as a message (fuzzed)', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(diagnostic, plain)), (items) => {
        const text = items.map((i) => (typeof i === 'string' ? i : JSON.stringify(i))).join('\n');
        const parsed = parseBufDiagnostics(text);
        expect(parsed).toHaveLength(items.length);
        items.forEach((item, k) => {
          if (typeof item === 'string') expect(parsed[k]).toEqual({ message: item.trim().replace(/^Failure: /, '') });
          else expect(parsed[k]).toEqual(item as BufDiagnostic);
        });
      }),
    );
  });

  it('never throws on arbitrary text', () => {
    fc.assert(fc.property(fc.string(), (text) => Array.isArray(parseBufDiagnostics(text))));
  });
});

describe('bufBuild and loadProtoModule', () => {
  it('a syntax error is a UserError at file:line:col relative to cwd', async () => {
    const dir = project({ 'protos/a/v1/a.proto': 'syntax = "proto3";\npackage a.v1;\nmessage A {\n  int32 x = 1\n}\n' });
    await expect(loadProtoModule('protos', { cwd: dir })).rejects.toMatchObject({
      name: 'UserError',
      position: { file: 'protos/a/v1/a.proto', line: 5, column: 1 },
    });
  });

  it('builds an image that generate reuses without compiling again', async () => {
    const dir = project({ 'protos/a/v1/a.proto': 'syntax = "proto3";\npackage a.v1;\nmessage A {\n  int64 x = 1;\n}\n' });
    const image = await bufBuild('protos', { cwd: dir });
    expect(image.byteLength).toBeGreaterThan(0);
    // two plugins, each in its own sub-folder, from the image alone (the source folder is gone)
    removeScratch(join(dir, 'protos'));
    const plugin = [process.execPath, tsProtoPlugin(REPO)];
    const files = await bufGenerate({ image }, [
      { local: plugin, out: 'bigint', opt: ['forceLong=bigint'] },
      { local: plugin, out: 'string', opt: ['forceLong=string'] },
    ], { cwd: dir });
    expect(files.map((f) => f.path)).toEqual(['bigint/a/v1/a.ts', 'string/a/v1/a.ts']);
    expect(files[0]!.contents.toString('utf8')).toContain('x: bigint;');
    expect(files[1]!.contents.toString('utf8')).toContain('x: string;');
  });
});
