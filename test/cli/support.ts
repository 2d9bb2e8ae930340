/**
 * Helpers for tests that run the BUILT `covenant` binary (dist/cli/covenant.js) in a scratch folder
 * under test/.tmp, and compare folders byte for byte before and after.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';

export const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..');
export const BIN = join(REPO, 'dist', 'cli', 'covenant.js');
export const TMP_ROOT = join(REPO, 'test', '.tmp');

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Run `covenant ...args` in `cwd` (a real child process, no TTY, NO_COLOR set). */
export function covenant(cwd: string, args: string[], env: Record<string, string> = {}): CliResult {
  const result = spawnSync(process.execPath, [BIN, ...args], {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, NO_COLOR: '1', ...env },
    timeout: 240_000,
  });
  if (result.error) throw result.error;
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** A fresh scratch folder under test/.tmp (so generated code resolves `@covenant/runtime` through the workspace link). */
export function scratch(label: string): string {
  mkdirSync(TMP_ROOT, { recursive: true });
  return mkdtempSync(join(TMP_ROOT, `${label}-`));
}

/** Write a tree of files: `{ 'specs/a.yaml': '...' }`. */
export function writeTree(root: string, files: Record<string, string>): void {
  for (const [path, text] of Object.entries(files)) {
    const abs = join(root, path);
    mkdirSync(dirname(abs), { recursive: true });
    writeFileSync(abs, text);
  }
}

/** Every file under `dir` (relative path with `/`) → its bytes as base64; folders too (`path/` → ''). */
export function snapshotTree(dir: string): Record<string, string> {
  const out: Record<string, string> = {};
  if (!existsSync(dir)) return out;
  const walk = (d: string) => {
    for (const item of readdirSync(d, { withFileTypes: true })) {
      const abs = join(d, item.name);
      const rel = relative(dir, abs).split(sep).join('/');
      if (item.isDirectory()) {
        out[`${rel}/`] = '';
        walk(abs);
      } else out[rel] = readFileSync(abs).toString('base64');
    }
  };
  walk(dir);
  return out;
}

/** Paths under `dir` whose name marks a temporary folder or file left by an interrupted write. */
export function leftovers(dir: string): string[] {
  return Object.keys(snapshotTree(dir)).filter((p) => /(^|\/)\.covenant-tmp-|covenant-tmp-\d+$/.test(p));
}

export function removeScratch(dir: string): void {
  rmSync(dir, { recursive: true, force: true });
}

/** A small valid OpenAPI 3.1 spec with one operation per common shape. */
export const PETS_SPEC = `openapi: 3.1.0
info:
  title: Pets
  version: 1.0.0
paths:
  /pets:
    get:
      operationId: listPets
      parameters:
        - name: limit
          in: query
          schema: { type: integer }
      responses:
        '200':
          description: the pets
          content:
            application/json:
              schema:
                type: array
                items: { $ref: '#/components/schemas/Pet' }
    post:
      operationId: createPet
      requestBody:
        required: true
        content:
          application/json:
            schema: { $ref: '#/components/schemas/Pet' }
      responses:
        '201':
          description: created
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
  /pets/{petId}:
    get:
      operationId: getPet
      parameters:
        - name: petId
          in: path
          required: true
          schema: { type: string }
      responses:
        '200':
          description: one pet
          content:
            application/json:
              schema: { $ref: '#/components/schemas/Pet' }
        '404':
          description: not found
components:
  schemas:
    Pet:
      type: object
      required: [id, name]
      properties:
        id: { type: string }
        name: { type: string }
        tag: { type: string }
`;
