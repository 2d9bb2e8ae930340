/**
 * Load an OpenAPI 3.0/3.1 document (YAML or JSON, one file or many), bundle external `$ref`s into
 * one document with internal refs only, and keep a source map from every bundled pointer back to
 * file:line:col. Swagger 2.0 is converted on load (swagger2openapi); positions then point into the
 * 2.0 document as written.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, relative, resolve, basename, extname, isAbsolute } from 'node:path';
import { UserError } from '../../errors.js';
import type { FindingLocation } from '../../findings.js';
import { parseSource, pointerToSegments, segmentsToPointer, type SourceFile } from '../source.js';
import { convertSwagger2, swagger2Segments } from './swagger2.js';
import './redocly-types.js';

export type OpenApiDocument = Record<string, any>;

export interface OpenApiSpec {
  kind: 'openapi';
  /** Short name: `users` for `specs/users.openapi.yaml`. */
  name: string;
  /** Entry file as the user named it (relative to cwd when inside it). */
  file: string;
  /** `3.0` or `3.1` after any conversion. */
  version: '3.0' | '3.1';
  /** The `openapi`/`swagger` field as written in the file. */
  declaredVersion: string;
  /** Bundled document: every `$ref` is internal (`#/...`). Treat as read-only. */
  document: OpenApiDocument;
  /** Files read, entry first. */
  files: string[];
  /** Where the node at a pointer of the bundled document was written. */
  locate(pointer: string | readonly (string | number)[]): FindingLocation;
  /** The bundled-document value at a pointer (undefined when absent). */
  at(pointer: string | readonly (string | number)[]): unknown;
}

export interface LoadOptions {
  name?: string;
  cwd?: string;
  /** Text to use instead of reading the entry file (e.g. a spec read from a git ref). */
  text?: string;
  /** Reads other files (e.g. from a git ref); defaults to the file system. */
  readFile?: (absolutePath: string) => string;
}

interface Origin {
  at: readonly (string | number)[];
  source: SourceFile;
  base: readonly (string | number)[];
}

export function specNameFromFile(file: string): string {
  let name = basename(file);
  name = name.slice(0, name.length - extname(name).length);
  return name.replace(/\.(openapi|oas|swagger|api)$/i, '') || name;
}

export async function loadOpenApi(entry: string, options: LoadOptions = {}): Promise<OpenApiSpec> {
  const cwd = options.cwd ?? process.cwd();
  const entryAbs = resolve(cwd, entry);
  const display = (abs: string) => {
    const rel = relative(cwd, abs);
    return rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  };
  const read =
    options.readFile ??
    ((abs: string) => {
      try {
        if (statSync(abs).isDirectory()) throw new UserError(`is a folder, not a spec file`, { position: { file: display(abs) } });
        return readFileSync(abs, 'utf8');
      } catch (error) {
        if (error instanceof UserError) throw error;
        const code = (error as NodeJS.ErrnoException).code;
        throw new UserError(code === 'ENOENT' ? 'file not found' : `cannot read file (${code ?? (error as Error).message})`, {
          position: { file: display(abs) },
        });
      }
    });

  const sources = new Map<string, SourceFile>();
  const source = (abs: string, text?: string): SourceFile => {
    let found = sources.get(abs);
    if (!found) {
      found = parseSource(display(abs), text ?? read(abs));
      sources.set(abs, found);
    }
    return found;
  };

  const root = source(entryAbs, options.text);
  if (!root.value || typeof root.value !== 'object' || Array.isArray(root.value)) {
    throw new UserError('not an OpenAPI document: the top level must be an object', {
      position: { file: root.file, line: 1, column: 1 },
    });
  }
  let document = root.value as OpenApiDocument;
  const declaredVersion = String(document.openapi ?? document.swagger ?? '');
  let converted = false;
  const origins: Origin[] = [{ at: [], source: root, base: [] }];
  if (document.swagger !== undefined) {
    if (!declaredVersion.startsWith('2.')) {
      throw new UserError(`unsupported Swagger version "${declaredVersion}"`, { position: { file: root.file, ...root.locate(['swagger']) } });
    }
    // bundle first (into definitions/parameters/responses), so the converter sees one document
    bundle(document, entryAbs, root, origins, source, display, 'swagger2');
    document = await convertSwagger2(document, root.file);
    converted = true;
  } else if (document.openapi === undefined) {
    throw new UserError('not an OpenAPI document: no "openapi" field', {
      position: { file: root.file, line: 1, column: 1 },
      hint: 'add `openapi: 3.1.0` (or 3.0.x) at the top level',
    });
  } else if (!/^3\.[01]\.\d+/.test(declaredVersion)) {
    throw new UserError(`unsupported OpenAPI version "${declaredVersion}"`, {
      position: { file: root.file, ...root.locate(['openapi']) },
      hint: 'covenant reads OpenAPI 3.0.x and 3.1.x (and converts Swagger 2.0)',
    });
  }
  const version: '3.0' | '3.1' = String(document.openapi).startsWith('3.1') ? '3.1' : '3.0';

  if (!converted) bundle(document, entryAbs, root, origins, source, display, 'openapi3');

  const locate = (pointer: string | readonly (string | number)[]): FindingLocation => {
    const asWritten = typeof pointer === 'string' ? pointerToSegments(pointer) : pointer;
    // a converted Swagger 2.0 spec is located in the 2.0 document it was converted from
    const segments = converted ? swagger2Segments(asWritten, root.value as OpenApiDocument) : asWritten;
    let best = origins[0]!;
    for (const origin of origins) {
      if (origin.at.length > best.at.length && isPrefix(origin.at, segments)) best = origin;
    }
    const rest = segments.slice(best.at.length);
    const pointerText = segmentsToPointer(asWritten);
    const at = best.source.locate([...best.base, ...rest]);
    return { file: best.source.file, line: at.line, column: at.column, pointer: pointerText };
  };
  const at = (pointer: string | readonly (string | number)[]): unknown => {
    const segments = typeof pointer === 'string' ? pointerToSegments(pointer) : pointer;
    return getAt(document, segments);
  };

  return {
    kind: 'openapi',
    name: options.name ?? specNameFromFile(entry),
    file: root.file,
    version,
    declaredVersion,
    document,
    files: [...sources.values()].map((s) => s.file),
    locate,
    at,
  };
}

function isPrefix(prefix: readonly (string | number)[], segments: readonly (string | number)[]): boolean {
  if (prefix.length > segments.length) return false;
  for (let i = 0; i < prefix.length; i++) if (String(prefix[i]) !== String(segments[i])) return false;
  return true;
}

export function getAt(value: unknown, segments: readonly (string | number)[]): unknown {
  let node = value;
  for (const segment of segments) {
    if (node === null || typeof node !== 'object') return undefined;
    if (!Object.prototype.hasOwnProperty.call(node, segment)) return undefined;
    node = (node as Record<string, unknown>)[segment as string];
  }
  return node;
}

const SCHEMA_PARENTS = new Set(['properties', 'patternProperties', 'allOf', 'oneOf', 'anyOf', 'prefixItems', '$defs', 'definitions', 'dependentSchemas']);
const SCHEMA_KEYS = new Set(['schema', 'items', 'additionalProperties', 'not', 'if', 'then', 'else', 'contains', 'propertyNames', 'unevaluatedProperties', 'unevaluatedItems']);

function isSchemaPosition(at: readonly (string | number)[]): boolean {
  const last = String(at[at.length - 1] ?? '');
  const parent = String(at[at.length - 2] ?? '');
  if (at[0] === 'components' && at[1] === 'schemas' && at.length === 3) return true;
  return SCHEMA_KEYS.has(last) || SCHEMA_PARENTS.has(parent) || (SCHEMA_PARENTS.has(String(at[at.length - 2])) && typeof at[at.length - 1] === 'number');
}

function pascal(name: string): string {
  const cleaned = name.replace(/[^A-Za-z0-9]+(.)?/g, (_m, c: string | undefined) => (c ? c.toUpperCase() : ''));
  return cleaned.charAt(0).toUpperCase() + cleaned.slice(1) || 'Schema';
}

/**
 * Replace external refs by internal ones. A ref to `other.yaml#/components/<kind>/<name>` (or a
 * whole-file schema) is hoisted into this document's components; any other external target is
 * inlined where it is referenced. Each target is placed once; later refs point at that place.
 */
function bundle(
  document: OpenApiDocument,
  rootAbs: string,
  root: SourceFile,
  origins: Origin[],
  source: (abs: string) => SourceFile,
  display: (abs: string) => string,
  layout: 'openapi3' | 'swagger2',
): void {
  const placed = new Map<string, readonly (string | number)[]>();
  const stack: Frame[] = [{ node: document, key: '', file: rootAbs, prefix: [], base: [] }];
  let steps = 0;
  while (stack.length > 0) {
    const frame = stack.pop()!;
    const { node, file } = frame;
    if (++steps > 50_000_000) throw new UserError('spec too large to bundle', { position: { file: root.file } });
    if (Array.isArray(node)) {
      for (let i = node.length - 1; i >= 0; i--) {
        const item = node[i];
        if (item !== null && typeof item === 'object') stack.push({ node: item, key: i, parent: frame, file });
      }
      continue;
    }
    if (node === null || typeof node !== 'object') continue;
    const object = node as Record<string, unknown>;
    if (typeof object.$ref === 'string' && !isInsideExampleOrExtension(pathOf(frame))) {
      const at = pathOf(frame);
      const base = baseOf(frame);
      const ref = object.$ref;
      const hash = ref.indexOf('#');
      const filePart = hash === -1 ? ref : ref.slice(0, hash);
      const fragment = hash === -1 ? '' : ref.slice(hash + 1);
      const fromSource = source(file);
      const refPosition = () => ({ file: fromSource.file, ...fromSource.locate([...base, '$ref']) });
      if (/^[a-z][a-z0-9+.-]*:/i.test(filePart)) {
        throw new UserError(`remote $ref "${ref}" is not supported`, { position: refPosition(), hint: 'download the referenced file next to the spec and use a relative path' });
      }
      const targetAbs = filePart ? resolve(dirname(file), decodeURI(filePart)) : file;
      let targetSegments: string[];
      try {
        targetSegments = pointerToSegments(fragment);
      } catch {
        throw new UserError(`$ref "${ref}" has an invalid JSON pointer`, { position: refPosition(), hint: 'a fragment must start with #/' });
      }
      if (targetAbs === rootAbs) {
        if (getAt(document, targetSegments) === undefined && getAt(root.value, targetSegments) === undefined) {
          throw new UserError(`broken $ref "${ref}": nothing at ${segmentsToPointer(targetSegments) || '#'}`, {
            position: refPosition(),
            hint: 'point the $ref at an existing component',
          });
        }
        object.$ref = '#' + segmentsToPointer(targetSegments);
        continue;
      }
      const key = `${targetAbs}#${segmentsToPointer(targetSegments)}`;
      const already = placed.get(key);
      if (already) {
        replaceWithRef(object, already);
        continue;
      }
      let target: SourceFile;
      try {
        target = source(targetAbs);
      } catch (error) {
        if (error instanceof UserError && error.message === 'file not found') {
          throw new UserError(`broken $ref "${ref}": ${display(targetAbs)} not found`, { position: refPosition(), hint: 'fix the relative path' });
        }
        throw error;
      }
      const value = getAt(target.value, targetSegments);
      if (value === undefined) {
        throw new UserError(`broken $ref "${ref}": nothing at ${segmentsToPointer(targetSegments) || '#'} in ${target.file}`, {
          position: refPosition(),
          hint: 'point the $ref at an existing node',
        });
      }
      const copy = structuredClone(value);
      let placeAt: (string | number)[];
      const componentKind =
        targetSegments.length === 3 && targetSegments[0] === 'components'
          ? targetSegments[1]!
          : targetSegments.length === 0 && isSchemaPosition(at)
            ? 'schemas'
            : targetSegments.length === 2 && (targetSegments[0] === 'definitions' || targetSegments[0] === '$defs') && isSchemaPosition(at)
              ? 'schemas'
              : undefined;
      // Swagger 2.0 keeps reusable parts at the top level (definitions, parameters, responses)
      const home =
        layout === 'openapi3'
          ? componentKind && ['components', componentKind]
          : componentKind === 'schemas'
            ? ['definitions']
            : componentKind === 'parameters' || componentKind === 'responses'
              ? [componentKind]
              : undefined;
      if (home && copy && typeof copy === 'object') {
        const wanted = targetSegments.length === 0 ? pascal(specNameFromFile(targetAbs)) : targetSegments[targetSegments.length - 1]!;
        let bucket = document as Record<string, any>;
        for (const segment of home) bucket = bucket[segment] ??= {};
        let name = wanted;
        for (let n = 2; Object.prototype.hasOwnProperty.call(bucket, name); n++) name = `${wanted}${n}`;
        bucket[name] = copy;
        placeAt = [...home, name];
        placed.set(key, placeAt);
        replaceWithRef(object, placeAt);
        origins.push({ at: placeAt, source: target, base: targetSegments });
        stack.push({ node: copy, key: placeAt[placeAt.length - 1]!, file: targetAbs, prefix: placeAt, base: targetSegments });
      } else {
        placeAt = at;
        placed.set(key, placeAt);
        for (const k of Object.keys(object)) delete object[k];
        if (copy && typeof copy === 'object' && !Array.isArray(copy)) Object.assign(object, copy);
        else setAt(document, at, copy);
        origins.push({ at: placeAt, source: target, base: targetSegments });
        stack.push({ node: getAt(document, at), key: frame.key, parent: frame.parent, prefix: frame.prefix, file: targetAbs, base: targetSegments });
      }
      continue;
    }
    const keys = Object.keys(object);
    const isNamedMap = NAMED_MAPS.has(String(frame.key));
    for (let i = keys.length - 1; i >= 0; i--) {
      const k = keys[i]!;
      // literal values are not followed, but a response named `default` or a property named `example` is
      if (!isNamedMap && (k === 'example' || k === 'const' || k === 'default' || k === 'enum')) continue;
      const child = object[k];
      if (child !== null && typeof child === 'object') stack.push({ node: child, key: k, parent: frame, file });
    }
  }
}

/**
 * One node of the bundling walk. Paths are not copied per node (a 13 MB spec has millions): a frame
 * knows its key and parent; `prefix` marks a walk root placed at a known path, `base` a frame where
 * another file's content starts (its path inside that file).
 */
interface Frame {
  node: unknown;
  key: string | number;
  parent?: Frame;
  file: string;
  prefix?: readonly (string | number)[];
  base?: readonly (string | number)[];
}

/** Path of a frame in the bundled document. */
function pathOf(frame: Frame): (string | number)[] {
  const keys: (string | number)[] = [];
  let f: Frame | undefined = frame;
  while (f && !f.prefix) {
    keys.push(f.key);
    f = f.parent;
  }
  return [...(f?.prefix ?? []), ...keys.reverse()];
}

/** Path of a frame inside the file it was read from. */
function baseOf(frame: Frame): (string | number)[] {
  const keys: (string | number)[] = [];
  let f: Frame | undefined = frame;
  while (f && !f.base) {
    keys.push(f.key);
    f = f.parent;
  }
  return [...(f?.base ?? []), ...keys.reverse()];
}

/** Maps whose keys are names chosen by the spec author (a header `x-request-id` is not an extension). */
const NAMED_MAPS = new Set([
  'properties', 'patternProperties', 'responses', 'schemas', 'parameters', 'headers', 'examples', 'links', 'callbacks',
  'pathItems', 'requestBodies', 'securitySchemes', 'content', 'encoding', '$defs', 'definitions', 'dependentSchemas',
  'webhooks', 'paths', 'variables', 'mapping', 'scopes',
]);

function isInsideExampleOrExtension(at: readonly (string | number)[]): boolean {
  return at.some((s, i) => typeof s === 'string' && s.startsWith('x-') && !NAMED_MAPS.has(String(at[i - 1] ?? '')));
}

function replaceWithRef(object: Record<string, unknown>, to: readonly (string | number)[]): void {
  const description = object.description;
  for (const k of Object.keys(object)) delete object[k];
  object.$ref = '#' + segmentsToPointer(to);
  if (typeof description === 'string') object.description = description;
}

function setAt(document: unknown, at: readonly (string | number)[], value: unknown): void {
  const parent = getAt(document, at.slice(0, -1)) as Record<string | number, unknown>;
  parent[at[at.length - 1]!] = value;
}
