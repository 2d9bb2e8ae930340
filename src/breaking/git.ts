/**
 * Read specs as they were at a git ref, without a checkout: `git show`, `git ls-tree`,
 * `git cat-file --batch` and `git archive`. Every path here is relative to the repository root
 * and uses forward slashes, as git prints them.
 */
import { spawn, spawnSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { UserError } from '../errors.js';

const MAX_BUFFER = 1024 * 1024 * 1024;

function git(cwd: string, args: string[], input?: string): { code: number; stdout: Buffer; stderr: string } {
  const result = spawnSync('git', args, { cwd, input, maxBuffer: MAX_BUFFER });
  if (result.error) {
    const code = (result.error as NodeJS.ErrnoException).code;
    throw new UserError(code === 'ENOENT' ? 'git is not installed' : `cannot run git (${result.error.message})`, { hint: 'install git to use --against' });
  }
  return { code: result.status ?? 1, stdout: result.stdout, stderr: result.stderr.toString('utf8') };
}

/** A commit of the repository that contains `cwd`, as named by the user (`ref`) and resolved (`sha`). */
export interface GitRevision {
  /** Repository root (absolute). */
  root: string;
  /** The ref as the user wrote it: shown in locations as `<ref>:<path>`. */
  ref: string;
  sha: string;
}

/** Resolve `ref` in the repository around `cwd`; a missing ref is a UserError (exit 2). */
export function openRevision(cwd: string, ref: string): GitRevision {
  const top = git(cwd, ['rev-parse', '--show-toplevel']);
  if (top.code !== 0) {
    throw new UserError(`--against ${ref} needs a git repository, and ${cwd} is not in one`, { hint: 'run covenant inside the repository, or compare two folders: covenant breaking <base> <revision>' });
  }
  const root = top.stdout.toString('utf8').trim();
  if (ref.startsWith('-')) throw new UserError(`git ref ${ref} not found`, { hint: 'a ref cannot start with "-"' });
  const resolved = git(root, ['rev-parse', '--verify', '--quiet', '--end-of-options', `${ref}^{commit}`]);
  if (resolved.code !== 0) {
    throw new UserError(`git ref ${ref} not found`, { hint: 'fetch it first (e.g. git fetch origin main), or check the name' });
  }
  return { root, ref, sha: resolved.stdout.toString('utf8').trim() };
}

/** Files under `prefix` (a folder or a file; '' = everything) at the revision. */
export function listFiles(revision: GitRevision, prefix: string): string[] {
  const args = ['ls-tree', '-r', '--name-only', '-z', revision.sha];
  if (prefix) args.push('--', prefix);
  const result = git(revision.root, args);
  if (result.code !== 0) throw new Error(`git ls-tree failed: ${result.stderr.trim()}`);
  return result.stdout.toString('utf8').split('\0').filter(Boolean);
}

/** The text of one file at the revision, or undefined when it is not there. */
export function readFileAt(revision: GitRevision, path: string): string | undefined {
  const result = git(revision.root, ['cat-file', 'blob', `${revision.sha}:${path}`]);
  return result.code === 0 ? result.stdout.toString('utf8') : undefined;
}

/** Several files at once through `git cat-file --batch` (missing ones are left out). */
export function readFilesAt(revision: GitRevision, paths: readonly string[]): Map<string, Buffer> {
  const files = new Map<string, Buffer>();
  if (paths.length === 0) return files;
  const result = git(revision.root, ['cat-file', '--batch'], paths.map((p) => `${revision.sha}:${p}`).join('\n') + '\n');
  if (result.code !== 0) throw new Error(`git cat-file failed: ${result.stderr.trim()}`);
  const out = result.stdout;
  let offset = 0;
  for (const path of paths) {
    const newline = out.indexOf(0x0a, offset);
    if (newline < 0) break;
    const header = out.subarray(offset, newline).toString('utf8');
    offset = newline + 1;
    if (header.endsWith(' missing') || header.endsWith(' ambiguous')) continue;
    const size = Number(header.split(' ')[2]);
    if (header.split(' ')[1] === 'blob') files.set(path, out.subarray(offset, offset + size));
    offset += size + 1;
  }
  return files;
}

export interface ChangedFile {
  path: string;
  status: 'added' | 'modified' | 'deleted';
}

/** Files under `prefix` that differ between the revision and the working tree (tracked files; renames as delete + add). */
export function changedFiles(revision: GitRevision, prefix: string): ChangedFile[] {
  const result = git(revision.root, ['diff', '--name-status', '--no-renames', '-z', revision.sha, '--', prefix || '.']);
  if (result.code !== 0) throw new Error(`git diff failed: ${result.stderr.trim()}`);
  const parts = result.stdout.toString('utf8').split('\0').filter(Boolean);
  const changes: ChangedFile[] = [];
  for (let i = 0; i + 1 < parts.length; i += 2) {
    const status = parts[i]!.charAt(0);
    changes.push({ path: parts[i + 1]!, status: status === 'A' ? 'added' : status === 'D' ? 'deleted' : 'modified' });
  }
  return changes;
}

/** Write these files of the revision under `dest` (same relative paths). */
export function writeFilesAt(revision: GitRevision, paths: readonly string[], dest: string, strip = ''): number {
  let written = 0;
  for (const [path, contents] of readFilesAt(revision, paths)) {
    const target = join(dest, strip ? path.slice(strip.length) : path);
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, contents);
    written++;
  }
  return written;
}

/** `git archive <sha> <folder> | tar -x -C dest`: the whole folder as it was at the revision. */
export function archiveFolder(revision: GitRevision, folder: string, dest: string): Promise<void> {
  return new Promise((resolvePromise, reject) => {
    mkdirSync(dest, { recursive: true });
    const archive = spawn('git', ['archive', '--format=tar', revision.sha, '--', folder || '.'], { cwd: revision.root, stdio: ['ignore', 'pipe', 'pipe'] });
    const tar = spawn('tar', ['-x', '-C', dest], { stdio: ['pipe', 'ignore', 'pipe'] });
    let errors = '';
    archive.stderr.on('data', (b: Buffer) => (errors += b.toString('utf8')));
    tar.stderr.on('data', (b: Buffer) => (errors += b.toString('utf8')));
    archive.stdout.pipe(tar.stdin);
    archive.on('error', reject);
    tar.on('error', reject);
    const closed = (child: typeof archive | typeof tar) => new Promise<number | null>((done) => child.on('close', done));
    void Promise.all([closed(archive), closed(tar)]).then(([a, t]) => {
      if (a === 0 && t === 0) resolvePromise();
      else reject(new Error(`git archive ${revision.ref} ${folder} failed: ${errors.trim()}`));
    });
  });
}
