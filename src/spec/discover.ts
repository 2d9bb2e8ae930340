/**
 * Which specs a run covers: the config's `specs:` list, or the embedded default (every OpenAPI
 * file and every proto module under specs/), each with its output folder and targets.
 */
import { existsSync, readdirSync, statSync, openSync, readSync, closeSync } from 'node:fs';
import { join, relative, resolve, isAbsolute, basename } from 'node:path';
import { UserError } from '../errors.js';
import type { LoadedConfig, TargetConfig } from '../config/load.js';
import { specNameFromFile } from './openapi/load.js';

export interface SpecEntry {
  name: string;
  kind: 'openapi' | 'proto';
  /** File (OpenAPI) or folder (proto module), relative to cwd when inside it. */
  path: string;
  /** Output folder for generated code. */
  output: string;
  targets: TargetConfig[];
  /** Pact provider name this spec serves. */
  provider: string;
  /** Index in the config's `specs:` list, when the spec came from there. */
  configIndex?: number;
}

export const DEFAULT_TARGETS: Record<SpecEntry['kind'], string[]> = {
  openapi: ['typescript-client', 'typescript-server'],
  proto: ['ts-proto'],
};

const SPEC_EXTENSIONS = /\.(ya?ml|json)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', 'generated', 'dist']);

export function discoverSpecs(loaded: LoadedConfig, options: { cwd?: string; only?: string[] } = {}): SpecEntry[] {
  const cwd = options.cwd ?? process.cwd();
  const root = loaded.root;
  const display = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  };
  const outputRoot = resolve(root, loaded.config.output ?? 'generated');
  let entries: SpecEntry[];
  if (loaded.config.specs) {
    entries = loaded.config.specs.map((s, configIndex) => {
      const abs = resolve(root, s.path);
      if (!existsSync(abs)) {
        throw new UserError(`spec not found: ${s.path}`, { position: loaded.locate?.(['specs', configIndex, 'path']) ?? { file: loaded.file ?? 'covenant.yaml' }, hint: 'fix specs[].path' });
      }
      const kind = s.kind ?? (statSync(abs).isDirectory() || abs.endsWith('.proto') ? 'proto' : 'openapi');
      const name = s.name ?? (kind === 'proto' ? basename(abs) : specNameFromFile(abs));
      return {
        name,
        kind,
        path: display(abs),
        output: display(s.output ? resolve(root, s.output) : join(outputRoot, name)),
        targets: (s.targets ?? DEFAULT_TARGETS[kind]).map((t) => (typeof t === 'string' ? { name: t } : t)),
        provider: s.provider ?? name,
        configIndex,
      };
    });
  } else {
    const specsDir = resolve(root, 'specs');
    entries = existsSync(specsDir) ? defaultEntries(specsDir, outputRoot, display) : [];
  }
  const names = new Map<string, string>();
  for (const e of entries) {
    const before = names.get(e.name);
    if (before) throw new UserError(`two specs are named "${e.name}": ${before} and ${e.path}`, { hint: 'give one a `name:` in covenant.yaml' });
    names.set(e.name, e.path);
  }
  if (options.only && options.only.length > 0) {
    const wanted = options.only.map((p) => resolve(cwd, p));
    const picked = entries.filter((e) => wanted.includes(resolve(cwd, e.path)) || options.only!.includes(e.name));
    // a spec named on the command line but not in the config is still taken, with default targets
    for (const w of wanted) {
      if (picked.some((e) => resolve(cwd, e.path) === w)) continue;
      const asName = options.only[wanted.indexOf(w)]!;
      if (entries.some((e) => e.name === asName)) continue;
      if (!existsSync(w)) throw new UserError(`spec not found: ${asName}`, { hint: 'name a spec file, a proto folder, or a spec name from covenant.yaml' });
      const kind: SpecEntry['kind'] = statSync(w).isDirectory() || w.endsWith('.proto') ? 'proto' : 'openapi';
      const name = kind === 'proto' ? basename(w) : specNameFromFile(w);
      picked.push({ name, kind, path: display(w), output: display(join(outputRoot, name)), targets: DEFAULT_TARGETS[kind].map((t) => ({ name: t })), provider: name });
    }
    return picked;
  }
  return entries;
}

function defaultEntries(specsDir: string, outputRoot: string, display: (abs: string) => string): SpecEntry[] {
  const entries: SpecEntry[] = [];
  const protoRoots = new Set<string>();
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      const abs = join(dir, item.name);
      if (item.isDirectory()) {
        if (!SKIP_DIRS.has(item.name) && !item.name.startsWith('.')) walk(abs);
      } else if (SPEC_EXTENSIONS.test(item.name) && item.name !== 'buf.yaml' && item.name !== 'buf.gen.yaml' && looksLikeOpenApi(abs)) {
        const name = specNameFromFile(abs);
        entries.push({ name, kind: 'openapi', path: display(abs), output: display(join(outputRoot, name)), targets: DEFAULT_TARGETS.openapi.map((t) => ({ name: t })), provider: name });
      } else if (item.name.endsWith('.proto')) {
        protoRoots.add(protoModuleRoot(specsDir, dir));
      }
    }
  };
  walk(specsDir);
  for (const rootDir of [...protoRoots].sort()) {
    const name = protoModuleName(specsDir, rootDir);
    entries.push({ name, kind: 'proto', path: display(rootDir), output: display(join(outputRoot, name)), targets: DEFAULT_TARGETS.proto.map((t) => ({ name: t })), provider: name });
  }
  return entries;
}

/** The nearest folder with a buf.yaml between `dir` and specs/, else specs/ itself. */
function protoModuleRoot(specsDir: string, dir: string): string {
  for (let d = dir; d.startsWith(specsDir); d = resolve(d, '..')) {
    if (existsSync(join(d, 'buf.yaml'))) return d;
    if (d === specsDir) break;
  }
  return specsDir;
}

/** `specs/` → name of its first package folder (`orders`), or `proto` when ambiguous; a buf module → its folder name. */
function protoModuleName(specsDir: string, rootDir: string): string {
  if (rootDir !== specsDir) return basename(rootDir);
  const dirs = readdirSync(specsDir, { withFileTypes: true }).filter((d) => d.isDirectory() && containsProto(join(specsDir, d.name)));
  return dirs.length === 1 ? dirs[0]!.name : 'proto';
}

function containsProto(dir: string): boolean {
  for (const item of readdirSync(dir, { withFileTypes: true })) {
    if (item.isDirectory() ? containsProto(join(dir, item.name)) : item.name.endsWith('.proto')) return true;
  }
  return false;
}

function looksLikeOpenApi(file: string): boolean {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.alloc(4096);
    const n = readSync(fd, buffer, 0, buffer.length, 0);
    return /^\s*\{?\s*["']?(openapi|swagger)["']?\s*:/m.test(buffer.subarray(0, n).toString('utf8'));
  } finally {
    closeSync(fd);
  }
}
