/**
 * What the mock can answer for one operation, computed once per spec load: each documented
 * response with its media types, the examples that are valid against their schema (an invalid
 * example is reported and never served) and its headers. `pickResponse` chooses by `Prefer: code`
 * or by Prism's default order.
 */
import type { OpenApiDocument } from '../spec/openapi/load.js';
import { deref, type Operation, type Response } from '../spec/openapi/operations.js';

export interface MockMedia {
  type: string;
  json: boolean;
  /** The schema as the server definition holds it (annotations stripped, `$ref`s kept). */
  schema: unknown;
  /** Valid examples in the spec's order: `example` (named `default`), then `examples`. */
  examples: Map<string, unknown>;
}

export interface MockHeader {
  name: string;
  required: boolean;
  schema: unknown;
  example?: { value: unknown };
}

export interface MockResponse {
  /** As documented: `200`, `2XX`, `default`. */
  status: string;
  media: MockMedia[];
  headers: MockHeader[];
}

/** An example rejected at load: where it is and why. */
export interface ExampleProblem {
  pointer: (string | number)[];
  message: string;
}

export interface ResponsePlanOptions {
  document: OpenApiDocument;
  /** The definition's copy of a response media schema (same order as the operation's). */
  schemaOf(status: string, type: string): unknown;
  /** Undefined when the value is valid against the response schema, else the first error. */
  check(schema: unknown, value: unknown): string | undefined;
  onInvalidExample(problem: ExampleProblem): void;
}

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\b|^\*\/\*$/i;

export function planResponses(op: Operation, options: ResponsePlanOptions): MockResponse[] {
  return op.responses.map((response) => planResponse(response, options));
}

function planResponse(response: Response, options: ResponsePlanOptions): MockResponse {
  const media: MockMedia[] = [];
  for (const [type, raw] of Object.entries(response.content)) {
    const schema = options.schemaOf(response.status, type) ?? {};
    const examples = new Map<string, unknown>();
    const offer = (name: string, value: unknown, pointer: (string | number)[]) => {
      if (value === undefined || examples.has(name)) return;
      const error = options.check(schema, value);
      if (error) options.onInvalidExample({ pointer, message: error });
      else examples.set(name, value);
    };
    const at = [...response.pointer, 'content', type];
    const m = (raw ?? {}) as Record<string, any>;
    if (m.example !== undefined) offer('default', m.example, [...at, 'example']);
    for (const [name, rawExample] of Object.entries((m.examples ?? {}) as Record<string, unknown>)) {
      const example = deref<Record<string, any>>(options.document, rawExample as Record<string, any>);
      if (example && typeof example === 'object' && 'value' in example) offer(name, example.value, [...at, 'examples', name, 'value']);
    }
    if (examples.size === 0 && m.schema) {
      const schemaExample = deref<Record<string, any>>(options.document, m.schema)?.example;
      if (schemaExample !== undefined) offer('default', schemaExample, [...at, 'schema', 'example']);
    }
    media.push({ type, json: JSON_TYPE.test(type), schema, examples });
  }
  const headers: MockHeader[] = [];
  for (const [name, raw] of Object.entries(response.headers)) {
    const lower = name.toLowerCase();
    if (lower === 'content-type' || lower === 'content-length') continue;
    const h = (raw ?? {}) as Record<string, any>;
    const schema = deref<Record<string, any>>(options.document, h.schema) ?? { type: 'string' };
    const example = h.example !== undefined ? { value: h.example } : schema.example !== undefined ? { value: schema.example } : undefined;
    headers.push({ name: lower, required: h.required === true, schema, ...(example ? { example } : {}) });
  }
  return { status: response.status.toUpperCase(), media, headers };
}

/** The status a documented response answers with when it is chosen without `Prefer: code`. */
function statusOf(documented: string): number {
  if (/^\d{3}$/.test(documented)) return Number(documented);
  if (/^[1-5]XX$/.test(documented)) return Number(documented[0]) * 100;
  return 200; // default
}

/**
 * Prism's order without `Prefer: code`: the lowest documented 2xx, then `2XX`, then `default`
 * (answered as 200), then the lowest other status. With a code: that status, its range, `default`.
 */
export function pickResponse(responses: readonly MockResponse[], code: number | undefined): { status: number; response: MockResponse } | undefined {
  if (code !== undefined) {
    const found = responses.find((r) => r.status === String(code)) ?? responses.find((r) => r.status === `${Math.floor(code / 100)}XX`) ?? responses.find((r) => r.status === 'DEFAULT');
    return found && { status: code, response: found };
  }
  const exact = responses.filter((r) => /^\d{3}$/.test(r.status)).sort((a, b) => Number(a.status) - Number(b.status));
  const chosen = exact.find((r) => r.status.startsWith('2')) ?? responses.find((r) => r.status === '2XX') ?? responses.find((r) => r.status === 'DEFAULT') ?? exact[0] ?? responses[0];
  return chosen && { status: statusOf(chosen.status), response: chosen };
}

/** The media type to answer with: the first documented one the Accept header admits, JSON first when it does not care. */
export function pickMedia(media: readonly MockMedia[], accept: string | undefined): MockMedia | undefined {
  if (media.length === 0) return undefined;
  if (!accept || accept === '*/*') return media.find((m) => m.json) ?? media[0];
  const ranges = accept.split(',').map((part) => part.split(';')[0]!.trim().toLowerCase());
  for (const range of ranges) {
    if (range === '*/*') return media.find((m) => m.json) ?? media[0];
    const prefix = range.endsWith('/*') ? range.slice(0, -1) : undefined;
    const found = media.find((m) => {
      const type = m.type.split(';')[0]!.trim().toLowerCase();
      return type === range || (prefix !== undefined && type.startsWith(prefix)) || type === '*/*';
    });
    if (found) return found;
  }
  return media.find((m) => m.json) ?? media[0];
}
