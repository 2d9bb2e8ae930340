/**
 * `covenant breaking`: collect the spec pairs, compare each (OpenAPI through our rule engine,
 * proto through buf), then apply the ignore file. Returns findings; the command prints them.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve, relative, isAbsolute } from 'node:path';
import { UserError, isUserError } from '../errors.js';
import type { LoadedConfig } from '../config/load.js';
import type { Finding, Level } from '../findings.js';
import { loadOpenApi, type OpenApiSpec } from '../spec/openapi/load.js';
import { diffOpenApi } from './openapi/index.js';
import type { BreakingConfig } from './config.js';
import { collectInputs, type Side, type SpecPair } from './inputs.js';
import { readFileAt, type GitRevision } from './git.js';
import { breakingProto, changedProtoFiles, materialiseModule, type ProtoSide } from './proto.js';
import { applyIgnore, DEFAULT_IGNORE_FILE, loadIgnoreFile } from './ignore.js';
import { annotateConsumers } from '../contracts/consumers.js';
import { readPactsDir, sameName, type PactFile } from '../contracts/pacts.js';
import { providersOfSpec } from '../contracts/providers.js';

/** Findings of the run itself (not of a rule family), declared once like every rule table. */
export const RUN_RULES: ReadonlyArray<{ id: string; level: Level; description: string }> = [
  { id: 'spec-added', level: 'info', description: 'A spec is new at the revision: nothing to compare.' },
  { id: 'spec-removed', level: 'error', description: 'A spec of the base is gone at the revision (pair it in breaking.pairs if it moved).' },
  { id: 'ignore-entry-expired', level: 'warning', description: 'An ignore entry matched a finding but has expired: the finding counts again.' },
  {
    id: 'pacts-provider-not-found',
    level: 'warning',
    description: 'With --pacts: no pact is for the provider this spec serves, so its findings name no consumers (an error when no spec of the run had a pact).',
  },
];

export interface BreakingOptions {
  cwd: string;
  config: LoadedConfig;
  /** Positional arguments: `<base> <revision>`, or spec names/paths with `against`. */
  inputs: string[];
  /** Git ref to compare the working tree against. */
  against?: string;
  /** Ignore file from the command line (must exist). */
  ignore?: string;
  /** Narrow proto checks to the files changed since the ref (default: config, else true). */
  narrow?: boolean;
  /** Pact files folder: OpenAPI findings name the consumers they concern (`consumers`). */
  pacts?: string;
  /** Pact provider name the compared spec serves (default: providersOfSpec: config, else the spec name). */
  provider?: string;
  /** YYYY-MM-DD for ignore expiry (default: today, UTC). */
  today?: string;
  progress?: (message: string) => void;
}

export interface SpecOutcome {
  name: string;
  kind: 'openapi' | 'proto';
  status: 'compared' | 'added' | 'removed' | 'unchanged';
  base?: string;
  revision?: string;
}

export interface BreakingResult {
  findings: Finding[];
  specs: SpecOutcome[];
  /** Revision-side OpenAPI specs by name (for consumer annotation). */
  revisions: Map<string, OpenApiSpec>;
}

export async function runBreaking(options: BreakingOptions): Promise<BreakingResult> {
  const settings = (options.config.config.breaking ?? {}) as BreakingConfig;
  const { pairs } = collectInputs({ cwd: options.cwd, config: options.config, inputs: options.inputs, against: options.against });
  const ignoreEntries = loadIgnore(options, settings);
  const narrow = options.narrow ?? settings.narrow ?? true;
  const findings: Finding[] = [];
  const specs: SpecOutcome[] = [];
  const revisions = new Map<string, OpenApiSpec>();
  const pacts = options.pacts ? readPacts(options.pacts, options.cwd) : undefined;
  const notFound: Finding[] = [];
  let done = 0;
  for (const pair of pairs) {
    options.progress?.(`breaking: ${pair.name} (${++done}/${pairs.length})`);
    const outcome: SpecOutcome = { name: pair.name, kind: pair.kind, status: 'compared', base: pair.base?.shown, revision: pair.revision?.shown };
    specs.push(outcome);
    if (!pair.base) {
      outcome.status = 'added';
      findings.push({ rule: 'spec-added', level: 'info', message: 'new spec, nothing to compare', spec: pair.name, location: position(pair.revision!, pair.kind) });
      continue;
    }
    if (!pair.revision) {
      outcome.status = 'removed';
      findings.push({ rule: 'spec-removed', level: 'error', message: `spec removed: ${pair.base.shown} is gone at the revision`, spec: pair.name, location: position(pair.base, pair.kind) });
      continue;
    }
    if (pair.kind === 'openapi') {
      const base = await loadSide(pair.base, pair.name, options.cwd);
      const revision = await loadSide(pair.revision, pair.name, options.cwd);
      revisions.set(pair.name, revision);
      let found: Finding[] = diffOpenApi(base, revision, settings.openapi ?? {}).map((f) => anchorInRevision({ ...f, spec: f.spec ?? pair.name }, pair.base!, revision));
      if (pacts) {
        const providers = options.provider ? [options.provider] : providersOfSpec(pair, options.config);
        const mine = pacts.list.filter((p) => providers.some((name) => sameName(name, p.provider)));
        if (mine.length) {
          pacts.matched = true;
          found = await annotateConsumers(found, revision, pacts.dir, { providers, pacts: mine });
        } else {
          // never "no consumer uses this" on a name that matched nothing
          notFound.push({ rule: 'pacts-provider-not-found', level: 'warning', message: noPactMessage(pair.name, providers, pacts.list, options.cwd, pacts.dir), spec: pair.name, location: position(pair.revision, pair.kind) });
        }
      }
      findings.push(...found);
    } else {
      const proto = await compareProto(pair, narrow);
      if (proto === undefined) outcome.status = 'unchanged';
      else findings.push(...proto);
    }
  }
  options.progress?.('');
  for (const f of notFound) findings.push(pacts?.matched ? f : { ...f, level: 'error' });
  return { findings: applyIgnore(findings, ignoreEntries, options.today), specs, revisions };
}

/** A finding located in a git base gets the nearest element of the revision that still exists (`anchor`). */
function anchorInRevision(finding: Finding, base: Side, revision: OpenApiSpec): Finding {
  const at = finding.location;
  if (base.where !== 'git' || !at?.pointer || !at.file.startsWith(`${base.revision.ref}:`)) return finding;
  try {
    const anchor = revision.locate(at.pointer);
    return anchor.line !== undefined ? { ...finding, anchor: { file: anchor.file, line: anchor.line, column: anchor.column, pointer: anchor.pointer } } : finding;
  } catch {
    return finding; // not a pointer of the document (a proto path): a logical location only
  }
}

/** The pacts of --pacts, read once for every spec; a folder that is not there is bad input. */
function readPacts(dir: string, cwd: string): { dir: string; list: PactFile[]; matched: boolean } {
  const abs = resolve(cwd, dir);
  if (!existsSync(abs)) throw new UserError('pacts folder not found', { position: { file: dir }, hint: 'point --pacts at the folder of pact files' });
  return { dir: abs, list: readPactsDir(abs, { cwd }), matched: false };
}

function noPactMessage(spec: string, providers: string[], pacts: readonly PactFile[], cwd: string, dir: string): string {
  const shown = relative(cwd, dir) || '.';
  const found = [...new Set(pacts.map((p) => p.provider))].sort();
  const names = providers.map((p) => `"${p}"`).join(', ');
  const present = found.length ? `pacts there are for ${found.map((p) => `"${p}"`).join(', ')}` : 'it holds no pact files';
  return `no pact in ${shown} is for provider ${names} (${present}): consumers of ${spec} are unknown; map the pact provider to the spec in covenant.yaml (contracts.providers or specs[].provider) or pass --provider`;
}

function position(side: Side, kind: 'openapi' | 'proto') {
  return kind === 'openapi' ? { file: side.shown, line: 1, column: 1 } : { file: side.shown };
}

function loadIgnore(options: BreakingOptions, settings: BreakingConfig) {
  if (options.ignore) return loadIgnoreFile(options.ignore, { cwd: options.cwd, required: true });
  if (settings.ignore) return loadIgnoreFile(resolve(options.config.root, settings.ignore), { cwd: options.cwd, required: true });
  return loadIgnoreFile(resolve(options.config.root, DEFAULT_IGNORE_FILE), { cwd: options.cwd, required: false });
}

/** Load an OpenAPI spec from disk, or from a git ref (every $ref'd file read at that ref too). */
async function loadSide(side: Side, name: string, cwd: string): Promise<OpenApiSpec> {
  if (side.where === 'fs') return loadOpenApi(side.path, { name, cwd });
  return loadAtRevision(side.revision, side.path, name, cwd);
}

/**
 * The spec is loaded under a stand-in root (`<repo>/.covenant-at-<sha>/…`) so that relative
 * `$ref`s resolve as in the repository; every path is then shown as `<ref>:<path>`.
 */
async function loadAtRevision(revision: GitRevision, path: string, name: string, cwd: string): Promise<OpenApiSpec> {
  const standIn = join(revision.root, `.covenant-at-${revision.sha}`);
  const toRef = (file: string): string => {
    const rel = relative(standIn, resolve(cwd, file));
    return rel.startsWith('..') || isAbsolute(rel) ? file : `${revision.ref}:${rel.split('\\').join('/')}`;
  };
  const readFile = (abs: string): string => {
    const rel = relative(standIn, abs).split('\\').join('/');
    const text = rel.startsWith('..') ? undefined : readFileAt(revision, rel);
    if (text === undefined) throw new UserError('file not found', { position: { file: rel.startsWith('..') ? abs : `${revision.ref}:${rel}` } });
    return text;
  };
  let spec: OpenApiSpec;
  try {
    spec = await loadOpenApi(join(standIn, path), { name, cwd, readFile });
  } catch (error) {
    if (isUserError(error) && error.position) {
      throw new UserError(error.message, { position: { ...error.position, file: toRef(error.position.file) }, hint: error.hint, cause: error });
    }
    throw error;
  }
  return {
    ...spec,
    file: toRef(spec.file),
    files: spec.files.map(toRef),
    locate: (pointer) => {
      const at = spec.locate(pointer);
      return { ...at, file: toRef(at.file) };
    },
  };
}

/** undefined = the module has no changed .proto file since the ref: buf is not run. */
async function compareProto(pair: SpecPair, narrow: boolean): Promise<Finding[] | undefined> {
  const base = pair.base!;
  const revision = pair.revision!;
  if (revision.where !== 'fs') throw new Error('the revision of a proto module is a folder');
  const revisionSide: ProtoSide = { dir: revision.path, shown: revision.shown };
  if (base.where === 'fs') {
    return breakingProto({ name: pair.name, base: { dir: base.path, shown: base.shown }, revision: revisionSide });
  }
  const samePath = relative(base.revision.root, revision.path).split('\\').join('/') === base.path;
  const paths = narrow && samePath ? changedProtoFiles(base.revision, base.path, revision.path) : undefined;
  if (paths && paths.length === 0) return undefined;
  const temp = mkdtempSync(join(tmpdir(), 'covenant-base-'));
  try {
    await materialiseModule(base.revision, base.path, temp, paths);
    const shown = base.path === '' ? `${base.revision.ref}:` : base.shown;
    return await breakingProto({ name: pair.name, base: { dir: join(temp, base.path), shown }, revision: revisionSide, paths });
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}
