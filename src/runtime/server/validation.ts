/**
 * ajv validators, compiled once when a server is created and never per request. Four ajv instances
 * share one schema registry each: parameters (strings coerced to the schema's types), JSON bodies,
 * form bodies (coerced, files allowed) and responses (writeOnly denied).
 */
import { Ajv2020, type ErrorObject, type ValidateFunction } from 'ajv/dist/2020.js';
import addFormatsModule from 'ajv-formats';
import type { ServiceDefinition } from './definition.js';
import { DENY_KEYWORD, FILE_KEYWORD, prepareSchema, type Direction } from './schema.js';

const addFormats = addFormatsModule as unknown as (ajv: Ajv2020) => void;

export interface FieldError {
  /** JSON pointer into the request (`/body/email`, `/query/limit`) or response (`/body/id`). */
  pointer: string;
  message: string;
}

export type Validate = ValidateFunction;
export type SchemaKind = 'params' | 'json' | 'form' | 'response';

const ID_BASE = 'https://covenant.invalid/schemas/';

export class Validators {
  private readonly instances = new Map<SchemaKind, Ajv2020>();
  private readonly refs: string[];
  private readonly raw: Record<string, unknown>;

  constructor(private readonly definition: ServiceDefinition) {
    this.raw = definition.schemas ?? {};
    this.refs = Object.keys(this.raw).sort();
  }

  /** Compile a schema for one use; call at startup only. */
  compile(kind: SchemaKind, schema: unknown): Validate {
    return this.instance(kind).compile(this.prepare(kind, schema) as object);
  }

  private prepare(kind: SchemaKind, schema: unknown): unknown {
    const direction: Direction = kind === 'response' ? 'response' : 'request';
    return prepareSchema(schema, {
      version: this.definition.openapi,
      direction,
      files: kind === 'form',
      refId: (ref) => {
        const index = this.refs.indexOf(ref);
        if (index < 0) throw new Error(`covenant: schema ${ref} is referenced but missing from the server definition`);
        return `${ID_BASE}${index}`;
      },
      resolve: (ref) => {
        if (ref.startsWith(ID_BASE)) ref = this.refs[Number(ref.slice(ID_BASE.length))] ?? '';
        return this.raw[ref] as Record<string, any> | undefined;
      },
    });
  }

  private instance(kind: SchemaKind): Ajv2020 {
    let ajv = this.instances.get(kind);
    if (ajv) return ajv;
    ajv = new Ajv2020({
      strict: false,
      allErrors: true,
      discriminator: true,
      logger: false,
      coerceTypes: kind === 'params' || kind === 'form' ? 'array' : false,
      useDefaults: kind !== 'response',
    });
    addFormats(ajv);
    ajv.addKeyword({
      keyword: DENY_KEYWORD,
      schemaType: 'string',
      errors: true,
      validate: function deny(message: string): boolean {
        (deny as { errors?: unknown }).errors = [{ keyword: DENY_KEYWORD, message, params: {} }];
        return false;
      },
    });
    ajv.addKeyword({
      keyword: FILE_KEYWORD,
      schemaType: 'boolean',
      errors: true,
      validate: function file(_schema: boolean, data: unknown): boolean {
        if (typeof Blob !== 'undefined' && data instanceof Blob) return true;
        (file as { errors?: unknown }).errors = [{ keyword: FILE_KEYWORD, message: 'must be a file', params: {} }];
        return false;
      },
    });
    this.refs.forEach((ref, index) => ajv!.addSchema(this.prepare(kind, this.raw[ref]) as object, `${ID_BASE}${index}`));
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
