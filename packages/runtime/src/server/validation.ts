/**
 * ajv validators, compiled once when a server is created and never per request. Four ajv instances
 * share one schema registry each: parameters (strings coerced to the schema's types), JSON bodies,
 * form bodies (coerced, files allowed) and responses (writeOnly denied).
 */
import { _, Ajv2020, str, type ErrorObject, type KeywordCxt, type ValidateFunction } from 'ajv/dist/2020.js';
import standaloneModule from 'ajv/dist/standalone/index.js';
import addFormatsModule from 'ajv-formats';
import type { ServiceDefinition } from './definition.js';
import { extendsBase, judgeDiscriminator } from './discriminator.js';
import { specRegExp } from './regexp.js';
import { DENY_KEYWORD, FILE_KEYWORD, prepareSchema, type Direction } from './schema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;
// a CommonJS module whose module.exports is the function (the default import under NodeNext)
const standaloneCode = standaloneModule as unknown as (ajv: unknown, refs: Record<string, string>) => string;

export interface FieldError {
  /** JSON pointer into the request (`/body/email`, `/query/limit`) or response (`/body/id`). */
  pointer: string;
  message: string;
}

export type Validate = ValidateFunction;
export type SchemaKind = 'params' | 'json' | 'form' | 'response';

const ID_BASE = 'https://covenant.invalid/schemas/';

const KINDS: SchemaKind[] = ['params', 'json', 'form', 'response'];
/** Id suffix of a discriminated base registered as itself (what its variants' allOf refer to). */
const BASE_SUFFIX = '/base';

export class Validators {
  private readonly instances = new Map<SchemaKind, Ajv2020>();
  private readonly refs: string[];
  private readonly raw: Record<string, unknown>;
  /** Schemas carrying an allOf-form discriminator: their tag and variants, by ref. */
  private polymorphic: Map<string, { tag: string; variants: Array<{ value: string; ref: string }> }> | undefined;

  /** `source`: keep the generated code, for `standalone()` (the generator's mode). */
  constructor(
    private readonly definition: ServiceDefinition,
    private readonly source = false,
  ) {
    this.raw = definition.schemas ?? {};
    this.refs = Object.keys(this.raw).sort();
  }

  /**
   * ajv standalone code for these needs, as the body of an ES module that exports `keys` (the needs'
   * keys in order) and `functions` (validator `v<i>` for need i). ajv's code generator prints every
   * schema value itself (as JSON literals), so no spec text is pasted raw.
   */
  standalone(needs: ReadonlyArray<{ key: string; kind: SchemaKind; schema: unknown }>, importLine: string): string {
    const byKind = new Map<SchemaKind, Record<string, string>>();
    needs.forEach((need, i) => {
      const id = `https://covenant.invalid/validators/v${i}`;
      this.instance(need.kind).addSchema(this.prepare(need.kind, need.schema) as object, id);
      let names = byKind.get(need.kind);
      if (!names) byKind.set(need.kind, (names = {}));
      names[`v${i}`] = id;
    });
    const blocks = KINDS.filter((kind) => byKind.has(kind)).map((kind) => {
      const code = standaloneCode(this.instance(kind), byKind.get(kind)!);
      return `(function (exports, require) {\n${code}\n})(functions, standaloneRequire);\n`;
    });
    return [
      importLine,
      'export const functions: Record<string, unknown> = {};\n',
      ...blocks,
      `export const keys: string[] = ${JSON.stringify(needs.map((n) => n.key))};\n`,
    ].join('');
  }

  /** Compile a schema for one use; call at startup only. */
  compile(kind: SchemaKind, schema: unknown): Validate {
    return this.instance(kind).compile(this.prepare(kind, schema) as object);
  }

  private allOfBases(): Map<string, { tag: string; variants: Array<{ value: string; ref: string }> }> {
    if (this.polymorphic) return this.polymorphic;
    this.polymorphic = new Map();
    const context = { resolve: (ref: string) => this.raw[ref] as Record<string, any> | undefined, refs: () => this.refs };
    for (const ref of this.refs) {
      const schema = this.raw[ref] as Record<string, any> | undefined;
      if (!schema || typeof schema !== 'object' || schema.discriminator === undefined || schema.oneOf || schema.anyOf) continue;
      const verdict = judgeDiscriminator(schema, ref, context);
      if (verdict.kind === 'allOf') this.polymorphic.set(ref, verdict);
    }
    return this.polymorphic;
  }

  /**
   * The schema registered under a ref. A base with an allOf-form discriminator is registered twice:
   * as itself (`…/base`, what its variants' `allOf` refer to) and, under its own id, as "the variant
   * its tag names" (ajv's discriminator over one branch per tag value).
   */
  private registered(kind: SchemaKind, ref: string): Array<{ id: string; schema: unknown }> {
    const index = this.refs.indexOf(ref);
    const raw = this.raw[ref] as Record<string, any>;
    const bases = this.allOfBases();
    const base = bases.get(ref);
    let own: unknown = raw;
    if (raw && Array.isArray(raw.allOf) && [...bases.keys()].some((b) => extendsBase(raw, b))) {
      own = { ...raw, allOf: raw.allOf.map((part: Record<string, any>) => (part && typeof part.$ref === 'string' && bases.has(part.$ref) ? { ...part, $ref: `${part.$ref}${BASE_SUFFIX}` } : part)) };
    }
    if (!base) return [{ id: `${ID_BASE}${index}`, schema: this.prepare(kind, own) }];
    const { discriminator: _dropped, ...plain } = own as Record<string, any>;
    const variants = base.variants.map((v) => ({ properties: { [base.tag]: { const: v.value } }, $ref: v.ref }));
    return [
      { id: `${ID_BASE}${index}${BASE_SUFFIX}`, schema: this.prepare(kind, plain) },
      { id: `${ID_BASE}${index}`, schema: this.prepare(kind, { type: 'object', required: [base.tag], discriminator: { propertyName: base.tag }, oneOf: variants }) },
    ];
  }

  private prepare(kind: SchemaKind, schema: unknown): unknown {
    const direction: Direction = kind === 'response' ? 'response' : 'request';
    return prepareSchema(schema, {
      version: this.definition.openapi,
      direction,
      files: kind === 'form',
      refId: (ref) => {
        const suffix = ref.endsWith(BASE_SUFFIX) ? BASE_SUFFIX : '';
        const index = this.refs.indexOf(suffix ? ref.slice(0, -suffix.length) : ref);
        if (index < 0) throw new Error(`covenant: schema ${ref} is referenced but missing from the server definition`);
        return `${ID_BASE}${index}${suffix}`;
      },
      resolve: (ref) => {
        if (ref.startsWith(ID_BASE)) ref = this.refs[Number.parseInt(ref.slice(ID_BASE.length), 10)] ?? '';
        return this.raw[ref] as Record<string, any> | undefined;
      },
    });
  }

  private instance(kind: SchemaKind): Ajv2020 {
    let ajv = this.instances.get(kind);
    if (ajv) return ajv;
    ajv = new Ajv2020({
      code: { regExp: specRegExp, ...(this.source ? { source: true } : {}) },
      strict: false,
      allErrors: true,
      discriminator: true,
      logger: false,
      coerceTypes: kind === 'params' || kind === 'form' ? 'array' : false,
      useDefaults: kind !== 'response',
    });
    addFormats(ajv);
    // code keywords (not functions) so that standalone code can carry them
    ajv.addKeyword({
      keyword: DENY_KEYWORD,
      schemaType: 'string',
      error: { message: (cxt) => str`${String(cxt.schema)}` },
      code(cxt: KeywordCxt) {
        cxt.fail();
      },
    });
    ajv.addKeyword({
      keyword: FILE_KEYWORD,
      schemaType: 'boolean',
      error: { message: 'must be a file' },
      code(cxt: KeywordCxt) {
        cxt.fail(_`!(typeof Blob != "undefined" && ${cxt.data} instanceof Blob)`);
      },
    });
    for (const ref of this.refs) for (const { id, schema } of this.registered(kind, ref)) ajv.addSchema(schema as object, id);
    this.instances.set(kind, ajv);
    return ajv;
  }
}

/** ajv errors → pointers a client can act on (`/body/email: is required`), deduplicated, at most 20. */
export function fieldErrors(errors: ErrorObject[] | null | undefined, prefix: string): FieldError[] {
  const out: FieldError[] = [];
  const seen = new Set<string>();
  for (const error of errors ?? []) {
    let pointer = prefix + error.instancePath;
    let message = error.message ?? 'is invalid';
    const params = error.params as Record<string, unknown>;
    if (error.keyword === 'required') {
      pointer += `/${escapePointer(String(params.missingProperty))}`;
      message = 'is required';
    } else if (error.keyword === 'additionalProperties') {
      pointer += `/${escapePointer(String(params.additionalProperty))}`;
      message = 'is not allowed';
    } else if (error.keyword === 'unevaluatedProperties') {
      pointer += `/${escapePointer(String(params.unevaluatedProperty))}`;
      message = 'is not allowed';
    } else if (error.keyword === 'discriminator') {
      pointer += `/${escapePointer(String(params.tag))}`;
      // a missing tag is already reported by `required` at the same pointer: one error there
      if (params.error === 'tag' && errors!.some((e) => e.keyword === 'required' && e.instancePath === error.instancePath && (e.params as Record<string, unknown>).missingProperty === params.tag)) continue;
      message = params.error === 'tag' ? 'must be a string' : 'does not name a known variant';
    } else if (error.keyword === 'if' || error.keyword === '$ref') {
      continue;
    }
    const key = `${pointer}\n${message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    out.push({ pointer, message });
    if (out.length === 20) break;
  }
  return out;
}

export function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}
