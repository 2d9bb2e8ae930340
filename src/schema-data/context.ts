/**
 * What schema-driven generation needs besides the schema: how `$ref`s resolve, which direction the
 * data flows (readOnly properties are left out of requests, writeOnly ones out of responses), the
 * OpenAPI version (3.0 `nullable` and boolean exclusive bounds) and how deep recursion may go.
 */
export type Direction = 'request' | 'response';

export interface SchemaDataOptions {
  /** Default `request`. */
  direction?: Direction;
  /** `components.schemas` of the document: resolves `#/components/schemas/<name>`. */
  components?: Record<string, unknown>;
  /** Any other internal `$ref` (`#/...`) → its schema; tried after `components`. */
  resolve?: (ref: string) => unknown;
  /** Default `3.1`. */
  version?: '3.0' | '3.1';
  /** How many `$ref` hops deep optional parts are still generated (default 3); below, only required parts. */
  maxDepth?: number;
  /**
   * `false` (default): values that find defects (any unicode, the whole numeric range, bounds often).
   * `true`: values a person reads (for mock answers): words for plain strings, small round numbers.
   * Both are valid against the schema.
   */
  readable?: boolean;
}

export type Schema = Record<string, any>;

export interface Context {
  direction: Direction;
  version: '3.0' | '3.1';
  maxDepth: number;
  depth: number;
  readable: boolean;
  deref(ref: string): Schema | undefined;
}

const COMPONENTS = '#/components/schemas/';

export function contextOf(options: SchemaDataOptions = {}): Context {
  return {
    direction: options.direction ?? 'request',
    version: options.version ?? '3.1',
    maxDepth: options.maxDepth ?? 3,
    depth: 0,
    readable: options.readable ?? false,
    deref(ref) {
      if (ref.startsWith(COMPONENTS) && options.components) {
        const name = decodeURIComponent(ref.slice(COMPONENTS.length)).replace(/~1/g, '/').replace(/~0/g, '~');
        const found = options.components[name];
        if (found && typeof found === 'object') return found as Schema;
      }
      const other = options.resolve?.(ref);
      return other && typeof other === 'object' ? (other as Schema) : undefined;
    },
  };
}

/** Follow `$ref`s (siblings of a 3.1 `$ref` are merged over the target). Unknown refs throw: never a silent `{}`. */
export function resolveSchema(schema: unknown, cx: Context): { schema: Schema; hops: number } {
  let current = (schema && typeof schema === 'object' ? schema : {}) as Schema;
  let hops = 0;
  while (typeof current.$ref === 'string') {
    if (hops > 50) throw new Error(`schema $ref cycle at ${current.$ref}`);
    const { $ref, ...siblings } = current;
    const target = cx.deref($ref);
    if (!target) throw new Error(`schema $ref ${$ref} does not resolve`);
    current = Object.keys(siblings).length ? { ...target, ...siblings } : target;
    hops++;
  }
  return { schema: current, hops };
}

/** The schema's types, with 3.0 `nullable` folded in; undefined when it declares none. */
export function typesOf(s: Schema, cx: Context): string[] | undefined {
  let types: string[] | undefined = Array.isArray(s.type) ? [...s.type] : typeof s.type === 'string' ? [s.type] : undefined;
  if (types && cx.version === '3.0' && s.nullable === true && !types.includes('null')) types.push('null');
  return types;
}

/** True when the property is left out of this direction (readOnly in requests, writeOnly in responses). */
export function skipsProperty(sub: unknown, cx: Context): boolean {
  if (!sub || typeof sub !== 'object') return false;
  const s = sub as Schema;
  let target: Schema | undefined = s;
  for (let i = 0; target && typeof target.$ref === 'string' && i < 20; i++) {
    if (s.readOnly !== undefined || s.writeOnly !== undefined) break;
    target = cx.deref(target.$ref);
  }
  const flags = { ...target, ...s };
  return cx.direction === 'request' ? flags.readOnly === true : flags.writeOnly === true;
}

/** Merge `allOf` branches into one schema (properties and required united, bounds tightened). */
export function mergeAllOf(s: Schema, cx: Context): Schema {
  if (!Array.isArray(s.allOf)) return s;
  const { allOf, ...rest } = s;
  let merged: Schema = {};
  for (const branch of [rest, ...allOf]) {
    const { schema } = resolveSchema(branch, cx);
    merged = mergeTwo(merged, mergeAllOf(schema, cx));
  }
  return merged;
}

const LOWER = ['minimum', 'minLength', 'minItems', 'minProperties', 'exclusiveMinimum'];
const UPPER = ['maximum', 'maxLength', 'maxItems', 'maxProperties', 'exclusiveMaximum'];

function mergeTwo(a: Schema, b: Schema): Schema {
  const out: Schema = { ...a };
  for (const [key, value] of Object.entries(b)) {
    if (out[key] === undefined) out[key] = value;
    else if (key === 'properties') out.properties = { ...out.properties, ...value };
    else if (key === 'required') out.required = [...new Set([...out.required, ...value])];
    else if (LOWER.includes(key) && typeof value === 'number' && typeof out[key] === 'number') out[key] = Math.max(out[key], value);
    else if (UPPER.includes(key) && typeof value === 'number' && typeof out[key] === 'number') out[key] = Math.min(out[key], value);
    else if (key === 'type') {
      const left = Array.isArray(out.type) ? out.type : [out.type];
      const right = Array.isArray(value) ? value : [value];
      const both = left.filter((t: string) => right.includes(t) || (t === 'integer' && right.includes('number')));
      const extra = right.filter((t: string) => t === 'integer' && left.includes('number'));
      out.type = [...new Set([...both, ...extra])];
    } else if (key === 'enum') out.enum = (out.enum as unknown[]).filter((v) => (value as unknown[]).some((w) => JSON.stringify(w) === JSON.stringify(v)));
    else if (key === 'additionalProperties' && value === false) out.additionalProperties = false;
    else if (key === 'allOf') out.allOf = [...out.allOf, ...value];
    else out[key] = value;
  }
  return out;
}
