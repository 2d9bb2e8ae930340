/**
 * A parsed YAML or JSON file that remembers where each node came from.
 * Positions are looked up lazily by JSON pointer, so a 100 MB JSON spec costs one JSON.parse
 * and nothing more until a finding needs a line number.
 */
import { LineCounter, parseDocument, isAlias, isMap, isSeq, isPair, isScalar, type Document, type Node as YamlNode } from 'yaml';
import { UserError } from '../errors.js';

export interface Position {
  line: number;
  column: number;
}

export interface SourceFile {
  /** Path as given by the user (relative to cwd when possible): what error lines print. */
  file: string;
  text: string;
  value: unknown;
  /** Position of the node at `pointer` (segments, unescaped), or of its nearest existing ancestor. */
  locate(segments: readonly (string | number)[]): Position;
}

export function parseSource(file: string, text: string): SourceFile {
  const trimmed = text.trimStart();
  if (file.endsWith('.json') || trimmed.startsWith('{') || trimmed.startsWith('[')) {
    return parseJson(file, text);
  }
  return parseYaml(file, text);
}

function parseYaml(file: string, text: string): SourceFile {
  const lineCounter = new LineCounter();
  // `<<: *common` merge keys (YAML 1.1) are expanded as real specs and configs expect, with the
  // 1.1 override order: a map's own keys win, then the merged maps in the order they are listed
  const doc = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, strict: false, merge: true });
  const firstError = doc.errors[0];
  if (firstError) {
    const at = lineCounter.linePos(firstError.pos[0]);
    const reason = firstError.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
    throw new UserError(`invalid YAML: ${reason}`, {
      position: { file, line: at.line, column: at.col },
      hint: 'fix the YAML syntax at that position',
    });
  }
  let value: unknown;
  try {
    value = doc.toJS({ maxAliasCount: 10_000 });
  } catch (error) {
    const message = (error as Error).message;
    if (/merge sources/i.test(message)) {
      const bad = findBadMerge(doc);
      const at = lineCounter.linePos(bad?.range?.[0] ?? 0);
      throw new UserError('invalid YAML merge key: `<<` takes a map, an alias of a map, or a list of them', {
        position: { file, line: at.line, column: at.col },
        hint: 'merge a mapping such as `<<: *common` or `<<: [*a, *b]`',
      });
    }
    throw new UserError(`cannot read YAML: ${message}`, { position: { file } });
  }
  return {
    file,
    text,
    value,
    locate(segments) {
      let node: unknown = doc.contents;
      let best: YamlNode | null = (doc.contents as YamlNode | null) ?? null;
      for (const segment of segments) {
        const next = childOf(doc, node, segment);
        if (!next) break;
        node = next.value;
        // a property points at its key, like editors do; an array element at the element
        best = ((next.key ?? next.value) as YamlNode | null) ?? best;
      }
      const offset = best?.range?.[0] ?? 0;
      const at = lineCounter.linePos(offset);
      return { line: at.line, column: at.col };
    },
  };
}

function isMergePair(key: unknown): boolean {
  return isScalar(key) && typeof key.value === 'symbol' && key.value.description === '<<';
}

/** The maps a `<<` value merges, in override order (aliases resolved). */
function mergeSources(doc: Document, value: unknown): unknown[] {
  const resolved = isAlias(value) ? value.resolve(doc) : value;
  if (isSeq(resolved)) return resolved.items.map((item) => (isAlias(item) ? item.resolve(doc) : item));
  return [resolved];
}

/**
 * The child at `segment`: a map's own key first, else the first merged map that has it (so a key
 * that came through `<<: *common` points where it is written under the anchor).
 */
function childOf(doc: Document, node: unknown, segment: string | number, depth = 0): { key?: unknown; value: unknown } | undefined {
  if (isAlias(node)) return depth > 64 ? undefined : childOf(doc, node.resolve(doc), segment, depth + 1);
  if (isMap(node)) {
    for (const item of node.items) {
      if (!isPair(item) || isMergePair(item.key)) continue;
      const key = isScalar(item.key) ? item.key.value : item.key;
      if (String(key) === String(segment)) return { key: item.key, value: item.value };
    }
    if (depth > 64) return undefined;
    for (const item of node.items) {
      if (!isPair(item) || !isMergePair(item.key)) continue;
      for (const source of mergeSources(doc, item.value)) {
        const found = childOf(doc, source, segment, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }
  if (isSeq(node)) {
    const index = typeof segment === 'number' ? segment : Number(segment);
    const item = node.items[index];
    return item === undefined ? undefined : { value: item };
  }
  return undefined;
}

/** The first `<<` whose value is not a map (or alias of one, or list of them). */
function findBadMerge(doc: Document): YamlNode | undefined {
  let found: YamlNode | undefined;
  const visit = (node: unknown, depth: number): void => {
    if (found || depth > 200) return;
    if (isMap(node)) {
      for (const item of node.items) {
        if (!isPair(item)) continue;
        if (isMergePair(item.key) && mergeSources(doc, item.value).some((s) => !isMap(s))) {
          found = (item.value as YamlNode | null) ?? (item.key as YamlNode);
          return;
        }
        visit(item.value, depth + 1);
      }
    } else if (isSeq(node)) for (const item of node.items) visit(item, depth + 1);
  };
  visit(doc.contents, 0);
  return found;
}

function parseJson(file: string, text: string): SourceFile {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    const message = (error as Error).message;
    const match = /position (\d+)/.exec(message);
    // some V8 messages carry no position (and quote the whole text): find the offset ourselves
    const offset = match ? Number(match[1]) : jsonSyntaxErrorOffset(text);
    const at = new LineIndex(text).position(offset);
    const reason = match
      ? message.replace(/ in JSON at position \d+.*$/s, '').replace(/ at position \d+.*$/s, '')
      : offset >= text.length
        ? 'unexpected end of input'
        : `unexpected ${JSON.stringify(text.slice(offset, offset + 1))}`;
    throw new UserError(`invalid JSON: ${reason.split('\n')[0]}`, {
      position: { file, line: at.line, column: at.column },
      hint: 'fix the JSON syntax at that position',
    });
  }
  let lines: LineIndex | undefined;
  const index = new JsonOffsetIndex(text);
  return {
    file,
    text,
    value,
    locate(segments) {
      lines ??= new LineIndex(text);
      return lines.position(index.locate(segments));
    },
  };
}

/** Offset of the first JSON syntax error in `text` (text.length when the input ends early). */
export function jsonSyntaxErrorOffset(text: string): number {
  let i = 0;
  const fail = (at: number): never => {
    throw at;
  };
  const ws = () => {
    i = skipWs(text, i);
  };
  const literal = (word: string) => {
    for (let k = 0; k < word.length; k++, i++) if (text[i] !== word[k]) fail(i);
  };
  const string = () => {
    i++;
    for (;;) {
      if (i >= text.length) fail(i);
      const c = text.charCodeAt(i);
      if (c === 34) return void i++;
      if (c < 32) fail(i);
      if (c === 92) {
        const e = text[i + 1];
        if (e === 'u') {
          if (!/^[0-9a-fA-F]{4}$/.test(text.slice(i + 2, i + 6))) fail(i);
          i += 6;
        } else if (e !== undefined && '"\\/bfnrt'.includes(e)) i += 2;
        else fail(i);
      } else i++;
    }
  };
  const number = () => {
    const m = /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/.exec(text.slice(i, i + 400));
    if (!m || m[0] === '' || m[0] === '-') fail(i);
    i += m![0].length;
  };
  const value = (): void => {
    ws();
    const c = text[i];
    if (c === '{') {
      i++;
      ws();
      if (text[i] === '}') return void i++;
      for (;;) {
        ws();
        if (text[i] !== '"') fail(i);
        string();
        ws();
        if (text[i] !== ':') fail(i);
        i++;
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return void i++;
        else fail(i);
      }
    }
    if (c === '[') {
      i++;
      ws();
      if (text[i] === ']') return void i++;
      for (;;) {
        value();
        ws();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return void i++;
        else fail(i);
      }
    }
    if (c === '"') return string();
    if (c === 't') return literal('true');
    if (c === 'f') return literal('false');
    if (c === 'n') return literal('null');
    if (c === '-' || (c !== undefined && c >= '0' && c <= '9')) return number();
    fail(i);
  };
  try {
    if (text.charCodeAt(0) === 0xfeff) i = 1;
    value();
    ws();
    if (i < text.length) fail(i);
  } catch (at) {
    if (typeof at === 'number') return Math.min(at, text.length);
    throw at;
  }
  return text.length;
}

/**
 * Offsets of JSON nodes by pointer, scanning each container at most once: the first lookup into an
 * object records where every one of its keys and values starts, so a thousand findings in a 60 MB
 * spec cost one pass over the containers they touch, not a thousand scans from the top.
 */
export class JsonOffsetIndex {
  /** container start offset → child key → [offset of the key (or element), offset of its value] */
  private readonly children = new Map<number, Map<string, [number, number]>>();
  constructor(private readonly text: string) {}

  locate(segments: readonly (string | number)[]): number {
    let container = skipWs(this.text, 0);
    let found = container;
    for (const segment of segments) {
      const child = this.childrenOf(container)?.get(String(segment));
      if (!child) return found;
      found = child[0];
      container = child[1];
    }
    return found;
  }

  private childrenOf(start: number): Map<string, [number, number]> | undefined {
    const text = this.text;
    const open = text[start];
    if (open !== '{' && open !== '[') return undefined;
    let map = this.children.get(start);
    if (map) return map;
    map = new Map();
    let i = skipWs(text, start + 1);
    if (open === '{') {
      while (text[i] === '"') {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
        i = skipWs(text, skipWs(text, keyEnd) + 1);
        if (!map.has(key)) map.set(key, [keyStart, i]);
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
    } else {
      for (let n = 0; i < text.length && text[i] !== ']'; n++) {
        map.set(String(n), [i, i]);
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
    }
    this.children.set(start, map);
    return map;
  }
}

/** Offset of the key (or array element) at `segments`, or of the deepest existing ancestor. */
export function locateInJson(text: string, segments: readonly (string | number)[]): number {
  let i = skipWs(text, 0);
  let found = i;
  for (const segment of segments) {
    const ch = text[i];
    if (ch === '{') {
      i = skipWs(text, i + 1);
      let matched = false;
      while (text[i] === '"') {
        const keyStart = i;
        const keyEnd = skipString(text, i);
        const key = JSON.parse(text.slice(keyStart, keyEnd)) as string;
        i = skipWs(text, keyEnd);
        i = skipWs(text, i + 1); // ':'
        if (key === String(segment)) {
          found = keyStart;
          matched = true;
          break;
        }
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
      }
      if (!matched) return found;
    } else if (ch === '[') {
      const index = Number(segment);
      i = skipWs(text, i + 1);
      let n = 0;
      while (n < index && text[i] !== ']' && i < text.length) {
        i = skipWs(text, skipValue(text, i));
        if (text[i] === ',') i = skipWs(text, i + 1);
        n++;
      }
      if (text[i] === ']' || n !== index) return found;
      found = i;
    } else {
      return found;
    }
  }
  return found;
}

function skipWs(text: string, i: number): number {
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 32 || c === 10 || c === 13 || c === 9) i++;
    else break;
  }
  return i;
}

function skipString(text: string, i: number): number {
  i++;
  while (i < text.length) {
    const c = text[i];
    if (c === '\\') i += 2;
    else if (c === '"') return i + 1;
    else i++;
  }
  return i;
}

function skipValue(text: string, i: number): number {
  const c = text[i];
  if (c === '"') return skipString(text, i);
  if (c === '{' || c === '[') {
    let depth = 0;
    while (i < text.length) {
      const d = text[i];
      if (d === '"') {
        i = skipString(text, i);
        continue;
      }
      if (d === '{' || d === '[') depth++;
      else if (d === '}' || d === ']') {
        depth--;
        if (depth === 0) return i + 1;
      }
      i++;
    }
    return i;
  }
  while (i < text.length && !',}] \n\r\t'.includes(text[i]!)) i++;
  return i;
}

/** Offset → 1-based line and column, by binary search over line starts. */
export class LineIndex {
  private readonly starts: number[] = [0];
  constructor(text: string) {
    for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) this.starts.push(i + 1);
  }
  position(offset: number): Position {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (this.starts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return { line: lo + 1, column: offset - this.starts[lo]! + 1 };
  }
}

/** JSON pointer helpers (RFC 6901). */
export function pointerToSegments(pointer: string): string[] {
  if (pointer === '' || pointer === '#') return [];
  const body = pointer.startsWith('#') ? pointer.slice(1) : pointer;
  if (!body.startsWith('/')) throw new Error(`not a JSON pointer: ${pointer}`);
  return body
    .slice(1)
    .split('/')
    .map((s) => decodeURIComponent(s).replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function segmentsToPointer(segments: readonly (string | number)[]): string {
  if (segments.length === 0) return '';
  return '/' + segments.map((s) => String(s).replace(/~/g, '~0').replace(/\//g, '~1')).join('/');
}
