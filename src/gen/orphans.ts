/**
 * Output folders covenant generated for a spec that is no longer part of the run (renamed, moved,
 * removed from covenant.yaml): found by their manifest next to this run's folders, reported by
 * `gen --check`, and removed by `gen` — only the files the manifest lists, never the user's own.
 */
import { existsSync, readdirSync, rmdirSync, rmSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { MANIFEST, readManifestFile } from './write.js';

export interface OrphanFolder {
  outputDir: string;
  /** Spec name and path recorded in the manifest (absent in manifests older than this check). */
  name?: string;
  spec?: string;
  /** Generated files still on disk (relative to outputDir). */
  files: string[];
}

/**
 * Folders with a covenant manifest among the children of the output root and of each folder that
 * holds one of this run's outputs, that this run did not produce (one-off outputs excepted).
 */
export function findOrphanFolders(outputRoot: string, produced: readonly string[]): OrphanFolder[] {
  const mine = new Set(produced.map((p) => resolve(p)));
  const parents = new Set([resolve(outputRoot), ...[...mine].map((p) => dirname(p))]);
  const orphans: OrphanFolder[] = [];
  const seen = new Set<string>();
  for (const parent of [...parents].sort()) {
    if (!existsSync(parent)) continue;
    let children;
    try {
      children = readdirSync(parent, { withFileTypes: true });
    } catch {
      continue;
    }
    for (const child of children) {
      if (!child.isDirectory() || child.name.startsWith('.covenant-tmp-')) continue;
      const dir = join(parent, child.name);
      if (mine.has(dir) || seen.has(dir)) continue;
      seen.add(dir);
      const manifest = readManifestFile(dir);
      if (!manifest || manifest.oneOff) continue;
      orphans.push({ outputDir: dir, name: manifest.name, spec: manifest.spec, files: manifest.files.filter((f) => safe(f) && existsSync(join(dir, f))).sort() });
    }
  }
  return orphans.sort((a, b) => (a.outputDir < b.outputDir ? -1 : 1));
}

/** Delete an orphan folder's generated files and manifest; folders left empty go too, the user's files stay. */
export function removeOrphanFolder(orphan: OrphanFolder): { removed: string[]; kept: boolean } {
  for (const file of orphan.files) rmSync(join(orphan.outputDir, file), { force: true });
  rmSync(join(orphan.outputDir, MANIFEST), { force: true });
  pruneEmpty(orphan.outputDir);
  return { removed: orphan.files, kept: existsSync(orphan.outputDir) };
}

function pruneEmpty(dir: string): void {
  for (const item of readdirSync(dir, { withFileTypes: true })) if (item.isDirectory()) pruneEmpty(join(dir, item.name));
  if (readdirSync(dir).length === 0) rmdirSync(dir);
}

function safe(path: string): boolean {
  const normal = path.replace(/\\/g, '/');
  return !normal.startsWith('/') && !normal.split('/').some((s) => s === '..' || s === '') && normal !== MANIFEST;
}
