/**
 * The pieces under `gen -o` and renamed-spec cleanup, called directly: how `--option` values are
 * read per target schema, and which folders count as left over (manifest-listed files only).
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { oneOffConfig } from '../../src/gen/one-off.js';
import { findOrphanFolders, removeOrphanFolder } from '../../src/gen/orphans.js';
import { writeOutput } from '../../src/gen/write.js';
import { PETS_SPEC, removeScratch, scratch, snapshotTree, writeTree } from '../cli/support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

function project(): string {
  const cwd = scratch('one-off-unit');
  dirs.push(cwd);
  writeTree(cwd, { 'pets.yaml': PETS_SPEC });
  return cwd;
}

describe('oneOffConfig', () => {
  it('reads option values by the target schema: booleans and JSON for typed options, strings as written, a.b nested', () => {
    const cwd = project();
    const go = oneOffConfig({ cwd, specs: ['pets.yaml'], output: 'out', targets: ['openapi-generator:go-server'], options: ['version=7.10.0', 'additionalProperties.packageName=api', 'openapi31=keep'] });
    expect(go.config.specs![0]!.targets).toEqual([
      { name: 'openapi-generator:go-server', options: { version: '7.10.0', additionalProperties: { packageName: 'api' }, openapi31: 'keep' } },
    ]);
    const ts = oneOffConfig({ cwd, specs: ['pets.yaml'], output: 'out', options: ['validation', 'validators=false'] });
    expect(ts.config.specs![0]!.targets).toEqual([
      { name: 'typescript-client', options: { validation: true } },
      { name: 'typescript-server', options: { validators: false } },
    ]);
    expect(ts.file).toBeUndefined();
  });

  it('a string option keeps any text as written (property)', () => {
    const cwd = project();
    fc.assert(
      fc.property(fc.string({ maxLength: 20 }), (text) => {
        const loaded = oneOffConfig({ cwd, specs: ['pets.yaml'], output: 'out', targets: ['openapi-generator:go-server'], options: [`openapitools=${text}`] });
        expect((loaded.config.specs![0]!.targets![0] as { options: Record<string, unknown> }).options.openapitools).toBe(text);
      }),
      { numRuns: 100 },
    );
  });
});

describe('findOrphanFolders / removeOrphanFolder', () => {
  it('finds manifest folders beside this run that it did not write; removes only their listed files', () => {
    const cwd = project();
    const root = join(cwd, 'generated');
    writeOutput(join(root, 'old'), [{ path: 'a.ts', contents: 'a' }, { path: 'sub/b.ts', contents: 'b' }], 'generated/old', { spec: 'old.yaml', name: 'old' });
    writeOutput(join(root, 'kept'), [{ path: 'k.ts', contents: 'k' }], 'generated/kept', { spec: 'kept.yaml', name: 'kept' });
    writeOutput(join(root, 'once'), [{ path: 'o.ts', contents: 'o' }], 'generated/once', { spec: 'o.yaml', name: 'once', oneOff: true });
    mkdirSync(join(root, 'handmade'), { recursive: true });
    writeFileSync(join(root, 'handmade/x.ts'), 'x');
    writeFileSync(join(root, 'old/sub/mine.md'), 'mine');

    const orphans = findOrphanFolders(root, [join(root, 'kept')]);
    expect(orphans.map((o) => [o.name, o.spec, o.files])).toEqual([['old', 'old.yaml', ['a.ts', 'sub/b.ts']]]);
    expect(removeOrphanFolder(orphans[0]!)).toEqual({ removed: ['a.ts', 'sub/b.ts'], kept: true });
    expect(snapshotTree(join(root, 'old'))).toEqual({ 'sub/': '', 'sub/mine.md': Buffer.from('mine').toString('base64') });
    expect(existsSync(join(root, 'handmade/x.ts'))).toBe(true);
    expect(existsSync(join(root, 'once/o.ts'))).toBe(true);
  });
});
