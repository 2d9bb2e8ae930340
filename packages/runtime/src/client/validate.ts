/**
 * `@covenant/runtime/client/validate`: optional response validation (`validateResponses: true`).
 * A separate entry, imported only by clients generated with `validation: true`, because it brings
 * ajv (most of a bundle's size otherwise). The generated client carries the response schemas (a sparse copy of the spec, prepared for the response direction); ajv compiles
 * one validator per operation, status and media type, the first time that response is seen.
 */
import type { ErrorObject, ValidateFunction } from 'ajv';
import { isJsonMediaType } from './body.js';
import { ResponseValidationError } from './errors.js';
import { declaredMediaType, essence } from './response.js';

export interface ClientSchemas {
  /** Which JSON Schema dialect the schemas use: OpenAPI 3.0 (draft-04/07 + nullable) or 3.1 (2020-12). */
  version: '3.0' | '3.1';
  /** Every schema the responses reference, at its original JSON pointer, plus `x-covenant-responses`. */
  document: Record<string, unknown>;
}

export interface SchemaMismatch {
  pointer: string;
  detail: string;
  errors: ErrorObject[];
}

const SCHEMA_ID = 'covenant:api';
/** Formats OpenAPI defines that JSON Schema does not check. */
const OPENAPI_FORMATS = ['int32', 'int64', 'float', 'double', 'byte', 'binary', 'password'];

interface AjvLike {
  compile(schema: object): ValidateFunction;
}

interface Compiled {
  ajv: Promise<AjvLike>;
  /** One pending compilation per operation+status+media type, shared by concurrent first calls. */
  validators: Map<string, Promise<ValidateFunction | undefined>>;
}

const compiled = new WeakMap<object, Compiled>();

/**
 * Real specs carry patterns written for other engines (`\p{XDigit}`, `\-` under the `u` flag): try
 * unicode mode, then plain mode (unless the pattern uses `\p{}`), else accept anything, so one odd
 * pattern cannot break validation.
 */
function lenientRegExp(pattern: string, flags: string): RegExp {
  try {
    return new RegExp(pattern, flags);
  } catch {
    // without `u`, `\p{...}` would silently mean something else: only retry patterns that do not use it
    if (!/\\[pP]\{/.test(pattern)) {
      try {
        return new RegExp(pattern, flags.replace('u', ''));
      } catch {
        // fall through
      }
    }
    return /(?:)/;
  }
}
lenientRegExp.code = 'new RegExp';

async function makeAjv(schemas: ClientSchemas) {
  const options = { strict: false, allErrors: false, validateFormats: true, logger: false, code: { regExp: lenientRegExp } } as const;
  const addFormats = ((await import('ajv-formats')) as any).default as (ajv: unknown) => void;
  let ajv: any;
  if (schemas.version === '3.1') {
    const { Ajv2020 } = await import('ajv/dist/2020.js');
    ajv = new Ajv2020(options);
  } else {
    const { Ajv } = await import('ajv');
    ajv = new Ajv(options);
  }
  addFormats(ajv);
  for (const format of OPENAPI_FORMATS) ajv.addFormat(format, true);
  ajv.addSchema(schemas.document, SCHEMA_ID);
  return ajv as AjvLike;
}

function escapePointer(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** The schema ref of one declared response, as the generator lays it out. */
export function responseSchemaRef(operation: string, status: string, mediaType: string): string {
  return `${SCHEMA_ID}#/x-covenant-responses/${[operation, status, mediaType].map((s) => encodeURIComponent(escapePointer(s))).join('/')}`;
}

/** What the client transport hands {@link validateResponse} for a declared response. */
export interface ResponseToCheck {
  /** The generated operation table (the validators' cache key). */
  api: object;
  schemas: () => ClientSchemas;
  /** The operation's key in the table, and its operationId (for messages). */
  key: string;
  operationId: string;
  /** The declared status it falls under (`200`, `4XX`, `default`) and its documented media types. */
  status: string;
  mediaTypes: readonly string[];
  response: Response;
  decoded: unknown;
}

/** The signature of {@link validateResponse}, as the client transport receives it. */
export type ResponseCheck = (input: ResponseToCheck) => Promise<void>;

/**
 * `validateResponses`: throws a ResponseValidationError when a declared response does not match the
 * spec (Content-Type, a body where none is documented, or the JSON body against its schema). Here, not
 * in the transport, so that a client generated without validation bundles none of it.
 */
export async function validateResponse({ api, schemas, key, operationId, status, mediaTypes, response, decoded }: ResponseToCheck): Promise<void> {
  const contentType = response.headers.get('content-type');
  const fail = (mediaType: string, pointer: string, detail: string, errors: readonly unknown[] = []) => {
    throw new ResponseValidationError(operationId, response.status, mediaType, pointer, detail, errors, response);
  };
  if (mediaTypes.length && decoded !== undefined) {
    const mediaType = contentType ? declaredMediaType(mediaTypes, contentType) : undefined;
    if (!mediaType) return fail(essence(contentType) || '(none)', '', `Content-Type is not one of ${mediaTypes.join(', ')}`);
    if (isJsonMediaType(mediaType)) {
      const mismatch = await checkResponseBody(api, schemas, key, status, mediaType, decoded);
      if (mismatch) fail(mediaType, mismatch.pointer, mismatch.detail, mismatch.errors);
    }
  } else if (!mediaTypes.length && decoded !== undefined && decoded !== '') {
    fail(essence(contentType) || '(none)', '', 'the spec declares no body for this response');
  }
}

/**
 * Validate one decoded body. `key` identifies the schemas' owner (the generated operation table), so
 * each client module compiles its validators once however many clients it creates.
 */
export async function checkResponseBody(
  key: object,
  schemas: () => ClientSchemas,
  operation: string,
  status: string,
  mediaType: string,
  body: unknown,
): Promise<SchemaMismatch | undefined> {
  let entry = compiled.get(key);
  if (!entry) {
    entry = { ajv: makeAjv(schemas()), validators: new Map() };
    compiled.set(key, entry);
  }
  const ref = responseSchemaRef(operation, status, mediaType);
  let pending = entry.validators.get(ref);
  if (!pending) {
    const declared = (schemas().document['x-covenant-responses'] as any)?.[operation]?.[status]?.[mediaType];
    const ajv = entry.ajv;
    pending = declared === undefined ? Promise.resolve(undefined) : ajv.then((instance) => instance.compile({ $ref: ref }));
    entry.validators.set(ref, pending);
  }
  const validate = await pending;
  if (!validate || validate(body)) return undefined;
  const errors = validate.errors ?? [];
  const first = errors[0];
  const extra = first?.keyword === 'additionalProperties' ? ` (${String((first.params as any).additionalProperty)})` : '';
  return {
    pointer: first?.instancePath ?? '',
    detail: first ? `${first.message ?? first.keyword}${extra} [schema ${first.schemaPath}]` : 'invalid',
    errors,
  };
}
