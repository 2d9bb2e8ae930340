/**
 * Pact files on disk (the `pacts/` folder): read once, with a source map so that every
 * interaction can be reported as file:line. Pact specification 2, 3 and 4 are read; the
 * synchronous HTTP interactions are kept, message (v3 `messages[]`, v4 asynchronous/synchronous
 * messages) and plugin interactions are listed in `skipped` with the reason.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { isAbsolute, join, relative, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { FindingLocation } from '../findings.js';
import { parseSource, type SourceFile } from '../spec/source.js';

export interface PactInteraction {
  /** Index in the file's `interactions` array (for locating it). */
  index: number;
  description: string;
  /** Provider state names, in order. */
  states: string[];
  method: string;
  path: string;
  /** Query as written in the pact: a raw string (pact v2) or name → values. */
  query?: string | Record<string, string[]>;
  requestHeaders: Record<string, string>;
  requestBody?: unknown;
  status: number;
  responseHeaders: Record<string, string>;
  responseBody?: unknown;
}

/** An interaction covenant does not check as HTTP (messages, plugin interactions), and why. */
export interface SkippedInteraction {
  /** Where it is: `['interactions', 3]` or `['messages', 0]`. */
  at: [string, number];
  description: string;
  /** `Asynchronous/Messages`, `Synchronous/Messages`, `message` (pact v3), `Synchronous/HTTP` (plugin). */
  type: string;
  /** The Pact plugin it needs (`protobuf`), when it names one. */
  plugin?: string;
  reason: string;
}

export interface PactFile {
  /** Path as displayed (relative to cwd when inside it). */
  file: string;
  consumer: string;
  provider: string;
  /** `2.0.0`, `3.0.0`, `4.0` ... */
  specification: string;
  /** The parsed JSON, untouched (what the comparator and the verifier read). */
  document: Record<string, any>;
  /** HTTP interactions only. */
  interactions: PactInteraction[];
  /** Message and plugin interactions: kept out of `interactions`, each with its reason. */
  skipped: SkippedInteraction[];
  /** Position of a node of the pact file. */
  locate(segments: readonly (string | number)[]): FindingLocation;
}

/** Read every `*.json` pact under `dir` (not recursive into dot folders). Missing folder → []. */
export function readPactsDir(dir: string, options: { cwd?: string } = {}): PactFile[] {
  const cwd = options.cwd ?? process.cwd();
  const abs = resolve(cwd, dir);
  if (!existsSync(abs)) return [];
  if (!statSync(abs).isDirectory()) return [readPactFile(abs, { cwd })];
  const files: string[] = [];
  const walk = (folder: string) => {
    for (const item of readdirSync(folder, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
      if (item.name.startsWith('.')) continue;
      const path = join(folder, item.name);
      if (item.isDirectory()) walk(path);
      else if (item.name.endsWith('.json')) files.push(path);
    }
  };
  walk(abs);
  return files.map((file) => readPactFile(file, { cwd }));
}

export function readPactFile(path: string, options: { cwd?: string } = {}): PactFile {
  const cwd = options.cwd ?? process.cwd();
  const abs = resolve(cwd, path);
  const rel = relative(cwd, abs);
  const display = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  let text: string;
  try {
    text = readFileSync(abs, 'utf8');
  } catch (error) {
    throw new UserError(`cannot read pact file (${(error as NodeJS.ErrnoException).code})`, { position: { file: display } });
  }
  return parsePact(display, text);
}

/** Parse pact text; `file` is only used for positions and messages. */
export function parsePact(file: string, text: string): PactFile {
  const source: SourceFile = parseSource(file.endsWith('.json') ? file : `${file}`, text);
  const doc = source.value as Record<string, any> | null;
  const where = (segments: (string | number)[]) => ({ file, ...source.locate(segments) });
  if (!doc || typeof doc !== 'object' || Array.isArray(doc)) {
    throw new UserError('not a pact file: the top level must be an object', { position: { file, line: 1, column: 1 } });
  }
  const consumer = doc.consumer?.name;
  const provider = doc.provider?.name;
  if (typeof consumer !== 'string' || typeof provider !== 'string') {
    throw new UserError('not a pact file: consumer.name and provider.name are required', { position: where([]), hint: 'write pacts with pact-js or covenant/pact' });
  }
  // a v3 message pact has `messages` and no `interactions`
  if (doc.interactions === undefined && Array.isArray(doc.messages)) doc.interactions = [];
  if (!Array.isArray(doc.interactions)) {
    throw new UserError('not a pact file: "interactions" must be an array', { position: where(['interactions']) });
  }
  const meta = doc.metadata ?? {};
  const specification = String(meta.pactSpecification?.version ?? meta.pactSpecificationVersion ?? meta['pact-specification']?.version ?? '2.0.0');
  const v4 = parseInt(specification, 10) >= 4;
  const interactions: PactInteraction[] = [];
  const skipped: SkippedInteraction[] = [];
  const plugins = Array.isArray(meta.plugins) ? meta.plugins.map((p: any) => String(p?.name ?? '')).filter(Boolean) : [];
  (Array.isArray(doc.messages) ? doc.messages : []).forEach((raw: any, index: number) => {
    skipped.push({ at: ['messages', index], description: String(raw?.description ?? ''), type: 'message', reason: MESSAGE_REASON });
  });
  doc.interactions.forEach((raw: any, index: number) => {
    if (!raw || typeof raw !== 'object') throw new UserError('interaction must be an object', { position: where(['interactions', index]) });
    const plugin = pluginOf(raw, plugins);
    if (plugin !== undefined) {
      skipped.push({ at: ['interactions', index], description: String(raw.description ?? ''), type: String(raw.type ?? 'Synchronous/HTTP'), plugin, reason: pluginReason(plugin) });
      return;
    }
    if (raw.type !== undefined && String(raw.type).toLowerCase() !== 'synchronous/http') {
      skipped.push({ at: ['interactions', index], description: String(raw.description ?? ''), type: String(raw.type), reason: MESSAGE_REASON });
      return;
    }
    const request = raw.request ?? {};
    const response = raw.response ?? {};
    if (typeof request.method !== 'string' || typeof request.path !== 'string') {
      throw new UserError('interaction request needs a method and a path', { position: where(['interactions', index, 'request']) });
    }
    const states: string[] = Array.isArray(raw.providerStates)
      ? raw.providerStates.map((s: any) => String(s?.name ?? ''))
      : typeof raw.providerState === 'string'
        ? [raw.providerState]
        : [];
    interactions.push({
      index,
      description: String(raw.description ?? ''),
      states,
      method: request.method.toUpperCase(),
      path: request.path,
      query: normaliseQuery(request.query),
      requestHeaders: flattenHeaders(request.headers),
      requestBody: v4 ? v4Body(request.body) : request.body,
      status: Number(response.status ?? 200),
      responseHeaders: flattenHeaders(response.headers),
      responseBody: v4 ? v4Body(response.body) : response.body,
    });
  });
  return {
    file,
    consumer,
    provider,
    specification,
    document: doc,
    interactions,
    skipped,
    locate: (segments) => ({ file, ...source.locate(segments) }),
  };
}

const MESSAGE_REASON = 'a message interaction, not HTTP: it has no OpenAPI operation to check against (verify it with covenant verify --messages)';

export function pluginReason(plugin: string): string {
  return `needs the Pact plugin "${plugin || 'unknown'}" (install it with pact-plugin-cli; covenant checks and verifies plain HTTP and message interactions only)`;
}

/** The plugin an interaction needs: its `pluginConfiguration` / `interactionMarkup`, named by the pact's `metadata.plugins`. */
function pluginOf(raw: Record<string, any>, plugins: readonly string[]): string | undefined {
  const configured = raw.pluginConfiguration && typeof raw.pluginConfiguration === 'object' ? Object.keys(raw.pluginConfiguration) : [];
  if (configured.length) return configured[0]!;
  if (raw.interactionMarkup !== undefined || (raw.transport !== undefined && raw.transport !== 'http' && raw.transport !== 'https')) return plugins[0] ?? '';
  return undefined;
}

function normaliseQuery(query: unknown): PactInteraction['query'] {
  if (query === undefined || query === null) return undefined;
  if (typeof query === 'string') return query;
  const out: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(query as Record<string, unknown>)) out[k] = Array.isArray(v) ? v.map(String) : [String(v)];
  return out;
}

function flattenHeaders(headers: unknown): Record<string, string> {
  const out: Record<string, string> = {};
  if (!headers || typeof headers !== 'object') return out;
  for (const [k, v] of Object.entries(headers as Record<string, unknown>)) out[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  return out;
}

function v4Body(body: unknown): unknown {
  if (!body || typeof body !== 'object') return undefined;
  const { content, encoded } = body as { content?: unknown; encoded?: unknown };
  if (content === undefined) return undefined;
  if (!encoded || typeof content !== 'string') return content;
  try {
    if (String(encoded).toLowerCase() === 'json') return JSON.parse(content);
    return Buffer.from(content, encoded as BufferEncoding).toString();
  } catch {
    return content;
  }
}

/** Case-insensitive provider name comparison (pact names are free text). */
export function sameName(a: string, b: string): boolean {
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}
