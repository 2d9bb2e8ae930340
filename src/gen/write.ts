/**
 * Atomic, owner-aware writes of a generated folder. Files are written to a temporary sibling folder,
 * files the user keeps in the output folder are carried over, and the folder is swapped in with
 * renames. Only files listed in the previous manifest (.covenant-manifest.json) are ever deleted.
 */
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, writeFileSync, mkdtempSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep, basename } from 'node:path';
import { UserError } from '../errors.js';
import type { GeneratedFile } from './target.js';

export const MANIFEST = '.covenant-manifest.json';

interface Manifest {
  generator: 'covenant';
  /** The spec these files came from (path from the project root) and its name: how a renamed spec's old folder is recognised. */
  spec?: string;
  name?: string;
  /** Written by `covenant gen <spec> -o <dir>`: a project run never takes it for a renamed spec's folder. */
  oneOff?: boolean;
  files: string[];
}

/** Who a folder's files came from, recorded in its manifest. */
export interface OutputSource {
  spec: string;
  name: string;
  oneOff?: boolean;
}

export interface WriteResult {
  outputDir: string;
  written: string[];
  removed: string[];
}

export interface CheckResult {
  outputDir: string;
  /** Files that would be created, changed or deleted. */
  stale: Array<{ path: string; reason: 'missing' | 'changed' | 'extra' }>;
}

export function readManifest(outputDir: string): string[] {
  return readManifestFile(outputDir)?.files ?? [];
}

/** The manifest of a folder covenant generated, or undefined. */
export function readManifestFile(outputDir: string): Manifest | undefined {
  const file = join(outputDir, MANIFEST);
  if (!existsSync(file)) return undefined;
  try {
    const manifest = JSON.parse(readFileSync(file, 'utf8')) as Manifest;
    if (manifest?.generator !== 'covenant') return undefined;
    return { ...manifest, files: Array.isArray(manifest.files) ? manifest.files.filter((f) => typeof f === 'string') : [] };
  } catch {
    return undefined;
  }
}

function checkPaths(files: readonly GeneratedFile[]): void {
  const seen = new Set<string>();
  for (const f of files) {
    const normal = f.path.replace(/\\/g, '/');
    if (normal.startsWith('/') || normal.split('/').some((s) => s === '..' || s === '') || normal === MANIFEST) {
      throw new Error(`generator produced an unsafe path: ${f.path}`);
    }
    if (seen.has(normal)) throw new Error(`generator produced ${f.path} twice`);
    seen.add(normal);
  }
}

function listFiles(dir: string, base = dir): string[] {
  if (!existsSync(dir)) return [];
  const out: string[] = [];
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    const abs = join(dir, item.name);
    if (item.isDirectory()) out.push(...listFiles(abs, base));
    else out.push(relative(base, abs).split(sep).join('/'));
  }
  return out;
}

function toBuffer(contents: string | Uint8Array): Buffer {
  return typeof contents === 'string' ? Buffer.from(contents, 'utf8') : Buffer.from(contents);
}

export function checkOutput(outputDir: string, files: readonly GeneratedFile[]): CheckResult {
  checkPaths(files);
  const stale: CheckResult['stale'] = [];
  const wanted = new Set(files.map((f) => f.path));
  for (const f of files) {
    const abs = join(outputDir, f.path);
    if (!existsSync(abs)) stale.push({ path: f.path, reason: 'missing' });
    else if (!readFileSync(abs).equals(toBuffer(f.contents))) stale.push({ path: f.path, reason: 'changed' });
  }
  for (const old of readManifest(outputDir)) {
    if (!wanted.has(old) && existsSync(join(outputDir, old))) stale.push({ path: old, reason: 'extra' });
  }
  stale.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  return { outputDir, stale };
}

/** `display` is how error lines name the folder (relative to the cwd); defaults to `outputDir`. */
export function writeOutput(outputDir: string, files: readonly GeneratedFile[], display = outputDir, source?: OutputSource): WriteResult {
  checkPaths(files);
  const out = resolve(outputDir);
  const parent = dirname(out);
  /** First folder this call created (removed again when the write fails). */
  let createdParent: string | undefined;
  try {
    createdParent = mkdirSync(parent, { recursive: true });
  } catch (error) {
    throw new UserError(`cannot create the output folder (${(error as NodeJS.ErrnoException).code})`, { position: { file: display }, hint: 'choose a writable output folder' });
  }
  if (existsSync(out) && !statSync(out).isDirectory()) {
    throw new UserError('output path exists and is not a folder', { position: { file: display } });
  }
  let tmp: string;
  try {
    tmp = mkdtempSync(join(parent, `.covenant-tmp-${basename(out)}-`));
  } catch (error) {
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    throw new UserError(`cannot write the output folder (${(error as NodeJS.ErrnoException).code})`, { position: { file: display }, hint: 'choose a writable output folder or fix its permissions' });
  }
  const old = `${tmp}-old`;
  try {
    const previous = new Set(readManifest(out));
    const generated = new Set(files.map((f) => f.path));
    for (const f of files) {
      const abs = join(tmp, f.path);
      mkdirSync(dirname(abs), { recursive: true });
      writeFileSync(abs, f.contents);
    }
    const manifest: Manifest = { generator: 'covenant', ...(source ?? {}), files: [...generated].sort() };
    writeFileSync(join(tmp, MANIFEST), JSON.stringify(manifest, null, 2) + '\n');
    // carry over the user's own files; refuse to overwrite one
    for (const existing of listFiles(out)) {
      if (existing === MANIFEST || previous.has(existing)) continue;
      if (generated.has(existing)) {
        throw new UserError(`refusing to overwrite ${existing}: it was not generated by covenant`, {
          position: { file: join(display, existing).split(sep).join('/') },
          hint: 'move it away or choose another output folder',
        });
      }
      const to = join(tmp, existing);
      mkdirSync(dirname(to), { recursive: true });
      renameSync(join(out, existing), to);
    }
    const removed = [...previous].filter((p) => !generated.has(p)).sort();
    if (existsSync(out)) {
      renameSync(out, old);
      renameSync(tmp, out);
      try {
        rmSync(old, { recursive: true, force: true });
      } catch {
        // the new folder is in place; an undeletable old copy is left beside it
      }
    } else {
      renameSync(tmp, out);
    }
    return { outputDir, written: [...generated].sort(), removed };
  } catch (error) {
    // the previous folder goes back first if the swap got half-way
    if (existsSync(old) && !existsSync(out)) renameSync(old, out);
    // put carried-over user files back before cleaning up
    if (existsSync(tmp)) {
      for (const f of listFiles(tmp)) {
        if (f === MANIFEST || files.some((g) => g.path === f)) continue;
        const back = join(out, f);
        if (!existsSync(back)) {
          mkdirSync(dirname(back), { recursive: true });
          renameSync(join(tmp, f), back);
        }
      }
      rmSync(tmp, { recursive: true, force: true });
    }
    if (createdParent) rmSync(createdParent, { recursive: true, force: true });
    if (error instanceof UserError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code) {
      throw new UserError(`cannot replace the output folder (${code})`, {
        position: { file: display },
        hint: 'choose a writable output folder or fix its permissions; nothing was changed',
        cause: error,
      });
    }
    throw error;
  }
}
