/**
 * What `covenant breaking` compares: pairs of specs (base → revision), from two files, two
 * folders (paired by relative path), or the working tree against a git ref (each spec with the
 * same path at the ref, or the path `breaking.pairs` gives for a renamed spec).
 */
import { existsSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import { UserError } from '../errors.js';
import type { LoadedConfig } from '../config/load.js';
import { discoverSpecs } from '../spec/discover.js';
import { specNameFromFile } from '../spec/openapi/load.js';
import { listFiles, openRevision, readFileAt, type GitRevision } from './git.js';
import { moduleExistsAt } from './proto.js';
import type { BreakingConfig } from './config.js';

/** One side of a comparison. */
export type Side =
  | { where: 'fs'; /** absolute */ path: string; /** as shown in locations */ shown: string }
  | { where: 'git'; revision: GitRevision; /** relative to the repository root, '' = root */ path: string; /** `<ref>:<path>` */ shown: string };

export interface SpecPair {
  name: string;
  kind: 'openapi' | 'proto';
  /** Pact provider name (from the config; default: the spec name). */
  provider?: string;
  /** Missing: the spec is new at the revision. */
  base?: Side;
  /** Missing: the spec was removed. */
  revision?: Side;
}

export interface CollectedInputs {
  pairs: SpecPair[];
  /** The git revision compared against (with --against). */
  revision?: GitRevision;
}

export function collectInputs(options: { cwd: string; config: LoadedConfig; inputs: string[]; against?: string }): CollectedInputs {
  if (options.against !== undefined) return collectAgainst(options.cwd, options.config, options.inputs, options.against);
  if (options.inputs.length !== 2) {
    throw new UserError(
      options.inputs.length === 0 ? 'nothing to compare' : `expected two specs (base and revision), got ${options.inputs.length}`,
      { hint: 'covenant breaking <base> <revision>, or covenant breaking [specs...] --against <git-ref>' },
    );
  }
  return { pairs: collectFromPaths(options.cwd, options.config, options.inputs[0]!, options.inputs[1]!) };
}

function shownPath(cwd: string, abs: string): string {
  const rel = relative(cwd, abs);
  if (rel === '') return '.';
  return !rel.startsWith('..') && !isAbsolute(rel) ? rel.split(sep).join('/') : abs;
}

function toPosix(path: string): string {
  return path.split(sep).join('/');
}

// ---------------------------------------------------------------- two files or two folders

function collectFromPaths(cwd: string, config: LoadedConfig, base: string, revision: string): SpecPair[] {
  const baseAbs = resolve(cwd, base);
  const revisionAbs = resolve(cwd, revision);
  for (const [given, abs] of [[base, baseAbs], [revision, revisionAbs]] as const) {
    if (!existsSync(abs)) throw new UserError('not found', { position: { file: given }, hint: 'name an OpenAPI file or a folder of specs' });
  }
  const baseDir = statSync(baseAbs).isDirectory();
  const revisionDir = statSync(revisionAbs).isDirectory();
  if (baseDir !== revisionDir) {
    throw new UserError(`cannot compare a ${baseDir ? 'folder' : 'file'} with a ${revisionDir ? 'folder' : 'file'}`, {
      position: { file: revision },
      hint: 'give two files or two folders',
    });
  }
  if (!baseDir) {
    if (baseAbs.endsWith('.proto') || revisionAbs.endsWith('.proto')) {
      throw new UserError('proto is compared module by module', { position: { file: revision }, hint: 'give the two folders that hold the .proto files' });
    }
    return [
      {
        ...specIdentity(cwd, config, baseAbs, revisionAbs),
        kind: 'openapi',
        base: { where: 'fs', path: baseAbs, shown: shownPath(cwd, baseAbs) },
        revision: { where: 'fs', path: revisionAbs, shown: shownPath(cwd, revisionAbs) },
      },
    ];
  }
  const before = scanFolder(baseAbs);
  const after = scanFolder(revisionAbs);
  // renamed specs: `breaking.pairs` paths are relative to the two folders here
  const renamed = new Map<string, string>();
  for (const p of (config.config.breaking as BreakingConfig | undefined)?.pairs ?? []) renamed.set(toPosix(p.revision), toPosix(p.base));
  const usedBase = new Set<string>();
  const pairs: SpecPair[] = [];
  const side = (root: string, rel: string): Side => {
    const abs = rel === '.' ? root : join(root, rel);
    return { where: 'fs', path: abs, shown: shownPath(cwd, abs) };
  };
  for (const [rel, spec] of after) {
    const baseRel = before.has(rel) ? rel : renamed.get(rel);
    const match = baseRel !== undefined ? before.get(baseRel) : undefined;
    if (match && match.kind === spec.kind) {
      usedBase.add(baseRel!);
      const identity = spec.kind === 'openapi' ? specIdentity(cwd, config, join(baseAbs, baseRel!), join(revisionAbs, rel), spec.name) : { name: spec.name };
      pairs.push({ ...identity, kind: spec.kind, base: side(baseAbs, baseRel!), revision: side(revisionAbs, rel) });
    } else {
      pairs.push({ name: spec.name, kind: spec.kind, revision: side(revisionAbs, rel) });
    }
  }
  for (const [rel, spec] of before) {
    if (!usedBase.has(rel)) pairs.push({ name: spec.name, kind: spec.kind, base: side(baseAbs, rel) });
  }
  if (pairs.length === 0) throw new UserError('no OpenAPI files or .proto files in these folders', { position: { file: revision } });
  return pairs;
}

/**
 * Name and pact provider of a compared OpenAPI file outside git: the covenant.yaml spec at either
 * path (its `name:` and `provider:`), else the file name both sides share, else the base file's
 * name (the spec as it is today; a revision file is often named after the change, `users-v2`).
 */
function specIdentity(cwd: string, config: LoadedConfig, baseAbs: string, revisionAbs: string, fallback?: string): { name: string; provider?: string } {
  let entries: ReturnType<typeof discoverSpecs> = [];
  try {
    entries = discoverSpecs(config, { cwd });
  } catch {
    entries = []; // a config whose specs do not resolve here names nothing; the files still compare
  }
  const entry = entries.find((e) => e.kind === 'openapi' && [revisionAbs, baseAbs].includes(resolve(cwd, e.path)));
  if (entry) return { name: entry.name, provider: entry.provider };
  return { name: fallback ?? specNameFromFile(baseAbs) };
}

interface FoundSpec {
  name: string;
  kind: 'openapi' | 'proto';
}

/** OpenAPI files and proto modules of a folder, keyed by relative path ('.' = the folder is a module). */
function scanFolder(root: string): Map<string, FoundSpec> {
  const found = new Map<string, FoundSpec>();
  const moduleRoots = new Set<string>();
  let looseProto = false;
  const walk = (dir: string, module: string | undefined) => {
    const items = readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
    const rel = toPosix(relative(root, dir)) || '.';
    if (dir !== root && items.some((i) => i.isFile() && i.name === 'buf.yaml')) {
      module = rel;
    }
    for (const item of items) {
      const abs = join(dir, item.name);
      if (item.isDirectory()) {
        if (item.name !== 'node_modules' && !item.name.startsWith('.')) walk(abs, module);
      } else if (item.name.endsWith('.proto')) {
        if (module) moduleRoots.add(module);
        else looseProto = true;
      } else if (/\.(ya?ml|json)$/i.test(item.name) && !item.name.startsWith('buf.') && looksLikeOpenApi(abs)) {
        found.set(toPosix(relative(root, abs)), { name: specNameFromFile(abs), kind: 'openapi' });
      }
    }
  };
  walk(root, undefined);
  if (looseProto) found.set('.', { name: protoModuleName(root), kind: 'proto' });
  for (const m of moduleRoots) found.set(m, { name: basename(m), kind: 'proto' });
  return found;
}

/** A folder of .proto files is named after its single top folder holding .proto files (`orders`), like discovery does. */
function protoModuleName(root: string): string {
  const dirs = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory() && !d.name.startsWith('.') && d.name !== 'node_modules' && containsProto(join(root, d.name)));
  return dirs.length === 1 ? dirs[0]!.name : 'proto';
}

function containsProto(dir: string): boolean {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    if (item.isDirectory() ? !item.name.startsWith('.') && containsProto(join(dir, item.name)) : item.name.endsWith('.proto')) return true;
  }
  return false;
}

export function looksLikeOpenApiText(head: string): boolean {
  return /^\s*\{?\s*["']?(openapi|swagger)["']?\s*:/m.test(head);
}

function looksLikeOpenApi(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return looksLikeOpenApiText(buffer.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}

// ---------------------------------------------------------------- working tree against a git ref

function collectAgainst(cwd: string, config: LoadedConfig, inputs: string[], ref: string): CollectedInputs {
  const revision = openRevision(cwd, ref);
  const entries = discoverSpecs(config, { cwd, only: inputs });
  const repoPath = (abs: string) => toPosix(relative(revision.root, abs));
  const renamed = new Map<string, string>();
  for (const p of (config.config.breaking as BreakingConfig | undefined)?.pairs ?? []) {
    renamed.set(resolve(config.root, p.revision), repoPath(resolve(config.root, p.base)));
  }
  const gitSide = (path: string): Side => ({ where: 'git', revision, path, shown: `${ref}:${path}` });
  const pairs: SpecPair[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    const abs = resolve(cwd, entry.path);
    const rel = repoPath(abs);
    if (rel.startsWith('..') || isAbsolute(rel)) {
      throw new UserError(`is outside the git repository at ${revision.root}`, { position: { file: entry.path }, hint: '--against compares files of this repository' });
    }
    const baseRel = renamed.get(abs) ?? rel;
    seen.add(baseRel);
    const exists = entry.kind === 'openapi' ? readFileAt(revision, baseRel) !== undefined : moduleExistsAt(revision, baseRel);
    pairs.push({
      name: entry.name,
      kind: entry.kind,
      provider: entry.provider,
      base: exists ? gitSide(baseRel) : undefined,
      revision: { where: 'fs', path: abs, shown: shownPath(cwd, abs) },
    });
  }
  // with the default selection, a spec that was under specs/ at the ref and is gone now was removed
  if (inputs.length === 0 && !config.config.specs) {
    const specsDir = repoPath(resolve(config.root, 'specs'));
    if (!specsDir.startsWith('..')) {
      for (const removed of removedAt(revision, specsDir, seen, pairs)) pairs.push(removed);
    }
  }
  if (pairs.length === 0) throw new UserError('no specs found', { position: { file: 'specs/' }, hint: 'put specs under specs/, list them in covenant.yaml, or name them' });
  return { pairs, revision };
}

function removedAt(revision: GitRevision, specsDir: string, seen: Set<string>, current: SpecPair[]): SpecPair[] {
  const files = listFiles(revision, specsDir);
  const removed: SpecPair[] = [];
  const onDisk = (path: string) => existsSync(join(revision.root, path));
  const side = (path: string): Side => ({ where: 'git', revision, path, shown: `${revision.ref}:${path}` });
  const candidates = files.filter((f) => /\.(ya?ml|json)$/i.test(f) && !basename(f).startsWith('buf.') && !seen.has(f) && !onDisk(f));
  for (const file of candidates) {
    const text = readFileAt(revision, file);
    if (text !== undefined && looksLikeOpenApiText(text.slice(0, 4096))) removed.push({ name: specNameFromFile(file), kind: 'openapi', base: side(file) });
  }
  // proto modules: folders with a buf.yaml at the ref, else specs/ itself when it held loose .proto files
  const protoFiles = files.filter((f) => f.endsWith('.proto'));
  const modules = new Set(files.filter((f) => basename(f) === 'buf.yaml' && protoFiles.some((p) => p.startsWith(f.slice(0, -'buf.yaml'.length)))).map((f) => f.slice(0, -'/buf.yaml'.length)));
  if (protoFiles.some((p) => ![...modules].some((m) => p.startsWith(`${m}/`)))) modules.add(specsDir);
  const protoNow = new Set(current.filter((p) => p.kind === 'proto').map((p) => (p.base?.where === 'git' ? p.base.path : '')));
  for (const m of modules) {
    if (seen.has(m) || protoNow.has(m)) continue;
    const stillThere = current.some((p) => p.kind === 'proto' && p.revision?.where === 'fs' && repoRel(revision, p.revision.path) === m);
    if (!stillThere) removed.push({ name: basename(m), kind: 'proto', base: side(m) });
  }
  return removed;
}

function repoRel(revision: GitRevision, abs: string): string {
  return toPosix(relative(revision.root, abs));
}
