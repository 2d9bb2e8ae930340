/**
 * A renamed spec does not leave its old output folder unnoticed: `gen --check` reports the folder
 * (exit 1), `gen` deletes the files covenant generated there (the manifest lists them) and keeps the
 * user's own; a run limited to some specs leaves other folders alone.
 */
import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { covenant, PETS_SPEC, removeScratch, scratch, snapshotTree, writeTree } from './support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

describe('covenant gen: a renamed spec', () => {
  it('--check reports the old folder, gen removes its generated files and keeps the user files', () => {
    const cwd = scratch('gen-rename');
    dirs.push(cwd);
    writeTree(cwd, { 'specs/pets.yaml': PETS_SPEC });
    expect(covenant(cwd, ['gen']).code).toBe(0);
    const manifest = JSON.parse(readFileSync(join(cwd, 'generated/pets/.covenant-manifest.json'), 'utf8'));
    expect([manifest.spec, manifest.name]).toEqual(['specs/pets.yaml', 'pets']);
    writeFileSync(join(cwd, 'generated/pets/notes.md'), 'mine\n');
    renameSync(join(cwd, 'specs/pets.yaml'), join(cwd, 'specs/animals.yaml'));

    const check = covenant(cwd, ['gen', '--check']);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain('generated/pets/client.ts: would be deleted (generated for spec specs/pets.yaml, which is not in this run)');
    expect(check.stdout).toContain('generated/animals/client.ts: would be created');
    expect(check.stdout).not.toContain('notes.md');

    // a run limited to one spec does not judge the others' folders
    const partial = covenant(cwd, ['gen', 'specs/animals.yaml']);
    expect(partial.code).toBe(0);
    expect(existsSync(join(cwd, 'generated/pets/client.ts'))).toBe(true);

    const gen = covenant(cwd, ['gen']);
    expect(gen.code).toBe(0);
    expect(gen.stdout).toMatch(/generated\/pets\/: \d+ generated files deleted \(generated for spec specs\/pets\.yaml, which is not in this run\); the other files there are yours and stay/);
    expect(Object.keys(snapshotTree(join(cwd, 'generated/pets')))).toEqual(['notes.md']);
    expect(covenant(cwd, ['gen', '--check'])).toMatchObject({ code: 0, stdout: 'generated code is up to date\n' });
  });

  it('a folder left with only generated files disappears; a folder without a manifest is never touched', () => {
    const cwd = scratch('gen-rename-clean');
    dirs.push(cwd);
    writeTree(cwd, { 'specs/pets.yaml': PETS_SPEC, 'generated/handmade/index.ts': 'export const mine = 1;\n' });
    expect(covenant(cwd, ['gen']).code).toBe(0);
    renameSync(join(cwd, 'specs/pets.yaml'), join(cwd, 'specs/animals.yaml'));
    expect(covenant(cwd, ['gen']).code).toBe(0);
    expect(existsSync(join(cwd, 'generated/pets'))).toBe(false);
    expect(readFileSync(join(cwd, 'generated/handmade/index.ts'), 'utf8')).toBe('export const mine = 1;\n');
  });
});
