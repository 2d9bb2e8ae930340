/**
 * From an operation to requests: the values of its parameters and body as fast-check arbitraries
 * (valid ones from `schema-data`, and one-constraint violations), serialized the way the covenant
 * client runtime serializes them (every parameter style), with the run's credentials applied.
 */
import fc from 'fast-check';
import { serializeCookieParameter, serializeHeaderParameter, serializePathParameter, serializeQueryParameter } from '@covenant/runtime/client';
import type { Operation, Parameter } from '../spec/openapi/operations.js';
import { arbitraryFor, validatorFor, violationsFor, type SchemaDataOptions } from '../schema-data/index.js';
import type { TestRequest } from './http.js';
import type { Credentials } from './auth.js';

/** What fast-check generates and shrinks: parameter values by `in:name`, and the body. */
export interface RequestValues {
  params: Record<string, unknown>;
  body?: unknown;
  /** Leave the credentials out (missing-required-header). */
  noAuth?: boolean;
  /** Leave these `in:name` parameters out entirely (a required one, for negative cases). */
  omit?: string[];
}

export interface NegativeCase {
  /** `query limit: below minimum 1`, `body /email: not a valid email`. */
  description: string;
  values: fc.Arbitrary<RequestValues>;
}

const key = (p: Parameter) => `${p.in}:${p.name}`;
const JSON_TYPE = /^application\/([\w.+-]*\+)?json$/i;

/** The body media type covenant can generate, preferring JSON. */
export function bodyMediaType(operation: Operation): string | undefined {
  const types = Object.keys(operation.requestBody?.content ?? {});
  return types.find((t) => JSON_TYPE.test(t)) ?? types.find((t) => t === 'application/x-www-form-urlencoded' || t === 'multipart/form-data' || t.startsWith('text/'));
}

export class OperationRequests {
  readonly mediaType?: string;
  private readonly bodySchema?: unknown;

  constructor(
    readonly operation: Operation,
    private readonly options: SchemaDataOptions,
    private readonly credentials: Credentials,
  ) {
    this.mediaType = bodyMediaType(operation);
    this.bodySchema = this.mediaType ? (operation.requestBody!.content[this.mediaType]!.schema ?? {}) : undefined;
  }

  /** Requests valid by the spec. Optional parameters come and go; a required body is always there. */
  valid(): fc.Arbitrary<RequestValues> {
    const model: Record<string, fc.Arbitrary<unknown>> = {};
    const required: string[] = [];
    for (const p of this.operation.parameters) {
      model[key(p)] = this.parameterArbitrary(p);
      if (p.required) required.push(key(p));
    }
    const params = fc.record(model, { requiredKeys: required, noNullPrototype: true });
    if (!this.mediaType) return params.map((p) => ({ params: p }));
    const body = arbitraryFor(this.bodySchema, { ...this.options, direction: 'request' });
    return fc.record({ params, body }, { noNullPrototype: true }).map((v) => ({ params: v.params, body: v.body }));
  }

  private parameterArbitrary(p: Parameter): fc.Arbitrary<unknown> {
    const arb = arbitraryFor(p.schema, { ...this.options, direction: 'request' });
    if (p.in === 'path') return arb.filter((v) => { const text = serializePathParameter(meta(p), v); return text !== '' && !/^[.;]*$/.test(text) && text !== '.' && text !== '..'; });
    if (p.in === 'header') return arb.filter((v) => headerSafe(p, v));
    return arb;
  }

  /** One-constraint violations: each parameter's and the body's, plus a missing required parameter or body. */
  negatives(): NegativeCase[] {
    const out: NegativeCase[] = [];
    const valid = this.valid();
    for (const p of this.operation.parameters) {
      if (p.required && p.in !== 'path') {
        out.push({ description: `${p.in} ${p.name}: required but missing`, values: valid.map((v) => ({ ...v, omit: [key(p)] })) });
      }
      // objects and arrays spread over the wire (exploded forms, label and matrix lists): a scalar in
      // their place is often a valid empty value, so only scalar parameters get violations
      if (p.contentType || !fc.sample(this.parameterArbitrary(p), { numRuns: 5, seed: 1 }).every(isPrimitive)) continue;
      const check = validatorFor(p.schema, { ...this.options, kind: 'params' });
      for (const violation of violationsFor(p.schema, { ...this.options, direction: 'request' })) {
        // a violation is kept only when it survives serialization: the server sees text, not JS values
        if (violation.pointer !== '') continue;
        const bad = possible(violation.arbitrary, (value) => isPrimitive(value) && !check(String(value)) && (p.in !== 'header' || headerSafe(p, value)) && (p.in !== 'path' || String(value) !== ''));
        if (!bad) continue;
        out.push({
          description: `${p.in} ${p.name}: ${violation.message}`,
          values: fc.tuple(valid, bad).map(([v, value]) => ({ ...v, params: { ...v.params, [key(p)]: value } })),
        });
      }
    }
    if (this.mediaType) {
      if (this.operation.requestBody?.required) out.push({ description: 'body: required but missing', values: valid.map((v) => ({ ...v, body: undefined })) });
      const check = validatorFor(this.bodySchema, { ...this.options, kind: this.mediaType === 'application/json' || JSON_TYPE.test(this.mediaType) ? 'json' : 'form' });
      const form = !JSON_TYPE.test(this.mediaType);
      for (const violation of violationsFor(this.bodySchema, { ...this.options, direction: 'request' })) {
        // form bodies are text: only violations a form can carry (a missing field, a bad scalar)
        if (form && !(violation.keyword === 'required' || (violation.keyword !== 'type' && violation.pointer.split('/').length === 2))) continue;
        const bad = possible(violation.arbitrary, (value) => !check(value));
        if (!bad) continue;
        out.push({ description: `body${violation.pointer}: ${violation.message}`, values: fc.tuple(valid, bad).map(([v, body]) => ({ ...v, body })) });
      }
    }
    return out;
  }

  /** The request on the wire. */
  build(values: RequestValues): TestRequest {
    let path = this.operation.path;
    const query: Array<[string, string]> = [];
    const headers: Record<string, string> = {};
    const cookies: string[] = [];
    for (const p of this.operation.parameters) {
      const value = values.omit?.includes(key(p)) ? undefined : values.params[key(p)];
      if (p.in === 'path') path = path.split(`{${p.name}}`).join(serializePathParameter(meta(p), value));
      else if (value === undefined) continue;
      else if (p.in === 'query') for (const pair of serializeQueryParameter(meta(p), value)) query.push(splitPair(pair));
      else if (p.in === 'header') {
        const text = serializeHeaderParameter(meta(p), value);
        if (text !== undefined) headers[p.name] = text;
      } else cookies.push(...serializeCookieParameter(meta(p), value));
    }
    const request: TestRequest = { method: this.operation.method, path, query, headers };
    if (!values.noAuth) this.credentials.apply(this.operation, request, cookies);
    if (cookies.length) request.headers.Cookie = cookies.join('; ');
    if (this.mediaType && values.body !== undefined) request.body = encode(this.mediaType, values.body, this.operation.requestBody!.content[this.mediaType]!.encoding);
    return request;
  }
}

function meta(p: Parameter) {
  return { name: p.name, in: p.in, style: p.style, explode: p.explode, allowReserved: p.allowReserved, contentType: p.contentType };
}

function headerSafe(p: Parameter, value: unknown): boolean {
  try {
    const text = serializeHeaderParameter(meta(p), value);
    // HTTP header values are latin-1 without control characters; fetch refuses others outright
    return text === undefined || (/^[\x20-\x7e]*$/.test(text) && text.trim() === text);
  } catch {
    return false;
  }
}

/** `arb` filtered by `keep`, or undefined when no sampled value passes (a filter that never passes would spin forever). */
function possible<T>(arb: fc.Arbitrary<T>, keep: (value: T) => boolean): fc.Arbitrary<T> | undefined {
  return fc.sample(arb, { numRuns: 10, seed: 1 }).some(keep) ? arb.filter(keep) : undefined;
}

function isPrimitive(value: unknown): boolean {
  return value === null || ['string', 'number', 'boolean'].includes(typeof value);
}

function splitPair(pair: string): [string, string] {
  const at = pair.indexOf('=');
  return at < 0 ? [pair, ''] : [pair.slice(0, at), pair.slice(at + 1)];
}

const text = (v: unknown) => (typeof v === 'string' ? v : JSON.stringify(v));

function encode(mediaType: string, value: unknown, encoding: Record<string, any> | undefined): NonNullable<TestRequest['body']> {
  if (JSON_TYPE.test(mediaType)) return { contentType: mediaType, text: JSON.stringify(value) };
  const entries = value && typeof value === 'object' && !Array.isArray(value) ? Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined) : [];
  if (mediaType === 'application/x-www-form-urlencoded') {
    const form = new URLSearchParams();
    for (const [name, v] of entries) {
      if (Array.isArray(v)) for (const item of v) form.append(name, text(item));
      else form.append(name, text(v));
    }
    return { contentType: mediaType, text: form.toString() };
  }
  if (mediaType === 'multipart/form-data') {
    // a fixed boundary: the same values give the same bytes, so a failure's curl line replays exactly
    const boundary = 'covenant-test-boundary';
    const parts = entries.map(([name, v]) => {
      const declared = encoding?.[name]?.contentType as string | undefined;
      const type = declared ? declared.split(',')[0]!.trim() : typeof v === 'object' ? 'application/json' : 'text/plain';
      const file = type.startsWith('image/') || type === 'application/octet-stream' ? `; filename="${name}"` : '';
      return `--${boundary}\r\nContent-Disposition: form-data; name="${name}"${file}\r\nContent-Type: ${type}\r\n\r\n${text(v)}\r\n`;
    });
    return { contentType: `multipart/form-data; boundary=${boundary}`, text: `${parts.join('')}--${boundary}--\r\n` };
  }
  return { contentType: mediaType, text: text(value) };
}
