/**
 * Proto breaking changes are buf's: `buf breaking` with the module's buf.yaml (or the FILE
 * category when it has none), its JSON lines turned into findings. covenant adds no proto rule of
 * its own; it only prepares the inputs (a module at a git ref, narrowed to the changed files) and
 * maps buf's paths back to what the user sees.
 *
 * A whole-module run is `buf breaking . --against <base folder>` in the revision folder. buf
 * resolves `--path` against its working folder for both inputs (bufbuild/buf#3168), so a narrowed
 * run compiles the base into an image first (`buf build --path`, in the base folder) and then runs
 * `buf breaking . --against <image> --path` in the revision folder: the same module-relative
 * paths then name the same files on both sides.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, isAbsolute, join, posix, relative, sep } from 'node:path';
import { parse as parseYaml } from 'yaml';
import { UserError } from '../errors.js';
import type { Finding } from '../findings.js';
import { parseBufDiagnostics, runBuf, type BufDiagnostic } from '../spec/proto/buf.js';
import { changedFiles, listFiles, readFilesAt, writeFilesAt, archiveFolder, type GitRevision } from './git.js';

/** Our default when a module has no buf.yaml: buf's FILE category (its own default too). */
export const DEFAULT_BUF_CONFIG = JSON.stringify({ version: 'v2', breaking: { use: ['FILE'] } });

const BUF_CONFIG_FILES = ['buf.yaml', 'buf.lock', 'buf.work.yaml'];

export interface ProtoSide {
  /** The module folder on disk (absolute); for a git ref, a temporary copy. */
  dir: string;
  /** What locations start with: `specs`, `old/specs`, `HEAD~1:specs` ('' or '.' = the working folder). */
  shown: string;
}

export interface ProtoComparison {
  name: string;
  base: ProtoSide;
  revision: ProtoSide;
  /** Module-relative .proto files to check; undefined = the whole module. */
  paths?: string[];
}

/** Run buf breaking for one module pair; compile errors become a UserError at file:line:col. */
export async function breakingProto(comparison: ProtoComparison, options: { packageRoot?: string } = {}): Promise<Finding[]> {
  const { base, revision, paths } = comparison;
  const temp = mkdtempSync(join(tmpdir(), 'covenant-breaking-'));
  try {
    let against = base.dir;
    const narrow = (paths ?? []).flatMap((p) => ['--path', p]);
    if (paths) {
      // --path names files relative to buf's working folder on both sides (bufbuild/buf#3168):
      // compile the narrowed base in its own folder into an image, and check against that
      against = join(temp, 'base.binpb');
      const buildArgs = ['build', '.', '-o', against, '--error-format', 'json', ...narrow];
      if (!hasBufYaml(base.dir)) buildArgs.push('--config', DEFAULT_BUF_CONFIG);
      const built = await runBuf(buildArgs, { cwd: base.dir, packageRoot: options.packageRoot });
      if (built.code !== 0) throw compileError(built.stdout.toString('utf8') + '\n' + built.stderr, base, 'the base does not compile');
    }
    const args = ['breaking', '.', '--against', against, '--error-format', 'json', ...narrow];
    if (!hasBufYaml(revision.dir)) args.push('--config', DEFAULT_BUF_CONFIG);
    const result = await runBuf(args, { cwd: revision.dir, packageRoot: options.packageRoot });
    const output = result.stdout.toString('utf8');
    if (result.code !== 0 && result.code !== 100) throw compileError(output + '\n' + result.stderr, revision, 'buf breaking failed', base);
    const diagnostics = parseBufDiagnostics(output).filter((d) => d.type);
    if (diagnostics.some((d) => d.type === 'COMPILE')) throw compileError(output, revision, 'fix the .proto file', base);
    return diagnostics.map((d) => toFinding(d, comparison));
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

function hasBufYaml(dir: string): boolean {
  return existsSync(join(dir, 'buf.yaml'));
}

/**
 * A compile error as a UserError at file:line:col. buf prints paths of the checked module relative
 * to its folder, and those of an against folder in full (they are then shown in the base).
 */
function compileError(text: string, side: ProtoSide, hint: string, base?: ProtoSide): UserError {
  const diagnostics = parseBufDiagnostics(text);
  const first = diagnostics.find((d) => d.path) ?? diagnostics.find((d) => d.message) ?? { message: 'buf failed' };
  const more = diagnostics.filter((d) => d.path).length - 1;
  let where = side;
  let path = first.path;
  if (path && base && isAbsolute(path)) {
    const rel = relative(base.dir, path);
    if (!rel.startsWith('..') && !isAbsolute(rel)) {
      where = base;
      path = rel.split(sep).join('/');
      hint = 'the base does not compile';
    }
  }
  return new UserError(first.message, {
    position: path ? { file: join2(where.shown, path), line: first.start_line || undefined, column: first.start_line ? first.start_column || undefined : undefined } : { file: where.shown || '.' },
    hint: more > 0 ? `${hint}; ${more} more error${more === 1 ? '' : 's'}; reported by buf` : `${hint}; reported by buf`,
  });
}

/** `specs` + `a/b.proto` → `specs/a/b.proto`; `HEAD~1:specs` + … keeps the ref prefix. */
function join2(prefix: string, path: string): string {
  if (!prefix || prefix === '.') return path;
  return prefix.endsWith(':') ? `${prefix}${path}` : posix.join(prefix, path);
}

const DELETED_FILE = /^Previously present file "([^"]+)" was deleted/;
const RPC = /RPC "([^"]+)" on service "([^"]+)"/;
const SERVICE = /service "([^"]+)"/;

function toFinding(d: BufDiagnostic, comparison: ProtoComparison): Finding {
  const rule = d.type!;
  const finding: Finding = { rule, level: 'error', message: d.message, spec: comparison.name };
  const deleted = DELETED_FILE.exec(d.message);
  if (d.path && !deleted) {
    finding.location = { file: join2(comparison.revision.shown, d.path), line: d.start_line || undefined, column: d.start_column || undefined };
  } else if (deleted) {
    // the file is gone from the revision: point at it in the base
    finding.location = { file: join2(comparison.base.shown, deleted[1]!), line: 1, column: 1 };
  } else {
    finding.location = { file: comparison.revision.shown || '.' };
  }
  const rpc = RPC.exec(d.message);
  const service = SERVICE.exec(d.message);
  if (rpc) finding.operation = `${rpc[2]}/${rpc[1]}`;
  else if (service) finding.operation = service[1];
  return finding;
}

/**
 * Which files of a module to check when the base is a git ref: the .proto files changed since
 * the ref. undefined = check the whole module (its buf config changed, it is a multi-module
 * workspace, or only deletions would be targeted); [] = nothing changed, nothing to run.
 */
export function changedProtoFiles(revision: GitRevision, modulePath: string, moduleDir: string): string[] | undefined {
  if (!narrowable(moduleDir)) return undefined;
  const prefix = modulePath === '' || modulePath === '.' ? '' : `${modulePath}/`;
  const changes = changedFiles(revision, modulePath);
  if (changes.some((c) => BUF_CONFIG_FILES.includes(c.path.slice(prefix.length)))) return undefined;
  const protos = changes.filter((c) => c.path.endsWith('.proto') && c.status !== 'added');
  if (protos.length === 0) return [];
  if (protos.every((c) => c.status === 'deleted')) return undefined;
  return protos.map((c) => c.path.slice(prefix.length)).sort();
}

/** A module can be narrowed when import paths are relative to its folder (no v2 `modules:` with other paths). */
function narrowable(moduleDir: string): boolean {
  const file = join(moduleDir, 'buf.yaml');
  if (!existsSync(file)) return true;
  try {
    const config = parseYaml(readFileSync(file, 'utf8')) as { modules?: Array<{ path?: string }>; build?: { roots?: unknown } } | null;
    if (config?.build?.roots) return false;
    return !config?.modules || config.modules.every((m) => !m.path || m.path === '.');
  } catch {
    return false;
  }
}

const IMPORT = /^\s*import\s+(?:public\s+|weak\s+)?"([^"]+)"\s*;/gm;

/**
 * Write the module as it was at the ref under `dest` (at its repository path: the module folder is
 * `dest/<modulePath>`). With `targets`, only those files, their
 * imports (transitively) and the buf config are written — enough for `buf build --path`, and
 * far less than the whole module on a large tree (googleapis: 8000 files).
 */
export async function materialiseModule(revision: GitRevision, modulePath: string, dest: string, targets?: readonly string[]): Promise<void> {
  const prefix = modulePath === '' || modulePath === '.' ? '' : `${modulePath}/`;
  if (!targets) {
    await archiveFolder(revision, modulePath, dest);
    return;
  }
  writeFilesAt(revision, BUF_CONFIG_FILES.map((f) => prefix + f), dest);
  const seen = new Set<string>();
  let wave = targets.filter((t) => !seen.has(t));
  while (wave.length > 0) {
    for (const p of wave) seen.add(p);
    const files = readFilesAt(revision, wave.map((p) => prefix + p));
    const next = new Set<string>();
    for (const [path, contents] of files) {
      const target = join(dest, path);
      mkdirSync(dirname(target), { recursive: true });
      writeFileSync(target, contents);
      for (const match of contents.toString('utf8').matchAll(IMPORT)) {
        const imported = posix.normalize(match[1]!);
        if (!seen.has(imported)) next.add(imported);
      }
    }
    wave = [...next];
  }
}

/** Whether a module folder existed at the ref (it has at least one .proto file there). */
export function moduleExistsAt(revision: GitRevision, modulePath: string): boolean {
  return listFiles(revision, modulePath === '.' ? '' : modulePath).some((f) => f.endsWith('.proto'));
}

/** buf's breaking rules (id, purpose) as buf itself lists them, for SARIF rule descriptions. */
export async function bufBreakingRules(options: { cwd: string; packageRoot?: string }): Promise<Array<{ id: string; description: string }>> {
  const result = await runBuf(['config', 'ls-breaking-rules', '--format', 'json', '--version', 'v2', '--include-deprecated'], options);
  if (result.code !== 0) return [];
  const rules: Array<{ id: string; description: string }> = [];
  for (const line of result.stdout.toString('utf8').split('\n')) {
    if (!line.trim().startsWith('{')) continue;
    try {
      const rule = JSON.parse(line) as { id?: string; purpose?: string };
      if (rule.id) rules.push({ id: rule.id, description: rule.purpose ?? rule.id });
    } catch {
      // not a rule line
    }
  }
  return rules;
}
