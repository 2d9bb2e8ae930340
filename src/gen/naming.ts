/**
 * The one escaping path from spec text to generated code: identifiers, string literals, comments.
 * Every generator uses these and nothing else to put spec text into code (fuzzed in test/gen/naming).
 */

const RESERVED = new Set(
  (
    'break case catch class const continue debugger default delete do else enum export extends false finally for function if ' +
    'import in instanceof new null return super switch this throw true try typeof var void while with as implements interface ' +
    'let package private protected public static yield any boolean constructor declare get module require number set string ' +
    'symbol type from of async await undefined never unknown object bigint arguments eval NaN Infinity __proto__ prototype ' +
    // members every object inherits: as keys of an object literal typed `Record<string, T>` they take the
    // inherited member's type (TS2322), and `table[name]` finds them even when nothing was generated
    'toString toLocaleString valueOf hasOwnProperty isPrototypeOf propertyIsEnumerable __defineGetter__ __defineSetter__ __lookupGetter__ __lookupSetter__'
  ).split(' '),
);

/** camelCase identifier that is valid TypeScript, not reserved, and never empty. */
export function toIdentifier(text: string, fallback = 'value'): string {
  const words = String(text)
    .normalize('NFKD')
    .replace(/[^\p{L}\p{N}_$]+/gu, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.replace(/[^A-Za-z0-9_$]/g, ''))
    .filter(Boolean);
  let id = words.map((w, i) => (i === 0 ? w.charAt(0).toLowerCase() + w.slice(1) : w.charAt(0).toUpperCase() + w.slice(1))).join('');
  if (!id) id = fallback;
  if (/^[0-9]/.test(id)) id = `_${id}`;
  if (RESERVED.has(id)) id = `${id}_`;
  return id;
}

/** PascalCase type name. */
export function toTypeName(text: string, fallback = 'Value'): string {
  const id = toIdentifier(text, fallback).replace(/^_+/, '');
  const pascal = id.charAt(0).toUpperCase() + id.slice(1);
  const safe = /^[A-Za-z_$]/.test(pascal) ? pascal : `T${pascal}`;
  return RESERVED.has(safe) ? `${safe}_` : safe;
}

/** Make names unique within one scope, deterministically (`x`, `x2`, `x3`). */
export class NameScope {
  private readonly used = new Set<string>();
  constructor(reserved: Iterable<string> = []) {
    for (const r of reserved) this.used.add(r);
  }
  claim(wanted: string): string {
    let name = wanted;
    for (let n = 2; this.used.has(name); n++) name = `${wanted}${n}`;
    this.used.add(name);
    return name;
  }
}

/** A string literal safe in any TS/JS context (including inside template files). */
export function stringLiteral(text: string): string {
  return JSON.stringify(String(text))
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029')
    .replace(/<\/script/gi, '<\\/script');
}

/**
 * A property key: bare when it is a plain identifier, quoted otherwise. `__proto__` is computed
 * (`["__proto__"]`): quoted or bare, it would set the prototype in an object literal. All three
 * forms are valid in object literals, type literals, interfaces and classes.
 */
export function propertyKey(text: string): string {
  if (text === '__proto__') return `[${stringLiteral(text)}]`;
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(text) ? text : stringLiteral(text);
}

/** Text safe inside a `/** ... *\/` block comment (one line per input line, ` * ` prefixed by the caller). */
export function commentText(text: string): string {
  return String(text)
    .replace(/\*\//g, '*\\/')
    .replace(/\/\*/g, '/\\*')
    .replace(/[\u2028\u2029\r]/g, '\n')
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f]/g, ' ');
}

/** A JSDoc block for `text` (empty string when there is none), indented by `indent`. */
export function docComment(text: string | undefined, indent = ''): string {
  if (!text || !text.trim()) return '';
  const lines = commentText(text.trim()).split('\n');
  if (lines.length === 1) return `${indent}/** ${lines[0]} */\n`;
  return `${indent}/**\n${lines.map((l) => `${indent} * ${l}`.trimEnd()).join('\n')}\n${indent} */\n`;
}
