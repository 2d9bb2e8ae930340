/**
 * One spec, mocked: the generator's server definition (built in memory, no files) runs on the same
 * runtime as a generated server, so requests are routed and validated exactly as there (400, 401,
 * 404, 405, 406, 413, 415: problem+json, or the shape the operation documents for that status); each operation's handler answers from the spec.
 */
import { createServer, type CovenantServer, type ErrorAnswer, type HandlerInput, type HandlerResult, type ServerError } from '@covenant/runtime/server';
import { collectRefs, mapSchema, Validators, type ServiceDefinition } from '@covenant/runtime/toolchain';
import { buildDefinition } from '../gen/typescript/server/definition.js';
import type { OpenApiSpec } from '../spec/openapi/load.js';
import { listOperations, type Operation } from '../spec/openapi/operations.js';
import { bodyGenerator, NO_VALUE, type CheckValue, type GenerateValue } from './generate.js';
import { readPrefer } from './prefer.js';
import { pickMedia, pickResponse, planResponses, type ExampleProblem, type MockHeader, type MockResponse } from './responses.js';

export interface MockService {
  name: string;
  spec: OpenApiSpec;
  server: CovenantServer;
  operations: number;
  /** Examples that do not match their schema (never served). */
  invalidExamples: ExampleProblem[];
}

export interface MockServiceOptions {
  /** Mixed into every request's seed (default 0): another seed, other generated bodies. */
  seed?: number;
  /** Answer browsers from any origin (the runtime's CORS: preflights from the spec's paths, headers on every answer). */
  cors?: boolean;
  /** Unexpected failures while answering (the request still gets a 500 problem). */
  onError?: (line: string) => void;
}

export function buildMockService(spec: OpenApiSpec, options: MockServiceOptions = {}): MockService {
  const operations = listOperations(spec);
  const definition = buildDefinition(spec, operations);
  includeHeaderSchemas(spec, operations, definition);
  const check = valueChecker(definition);
  const generate = bodyGenerator(definition, check);
  const invalidExamples: ExampleProblem[] = [];
  const handlers: Record<string, (input: HandlerInput) => HandlerResult> = {};
  const exposed = new Set<string>();
  const planned = new Map<string, MockResponse[]>();
  operations.forEach((op, i) => {
    const def = definition.operations[i]!;
    const responses = planResponses(op, {
      document: spec.document,
      schemaOf: (status, type) => def.responses?.[status]?.content?.[type]?.schema,
      check,
      onInvalidExample: (problem) => invalidExamples.push(problem),
    });
    for (const r of responses) for (const h of r.headers) exposed.add(h.name);
    planned.set(op.id, responses);
    handlers[op.id] = answerFrom(responses, generate, options.seed ?? 0);
  });
  const server = createServer(definition, handlers, {
    // any credential the operation names is accepted; a missing one is still a 401
    authenticate: () => true,
    // the runtime's own refusals (400, 401, 406, 415, ...) in the shape the operation documents for that status
    formatError: (error) => documentedError(error, planned, generate, options.seed ?? 0),
    onError: (error, context) => options.onError?.(`covenant: ${context.method} ${context.target}${context.operationId ? ` (${context.operationId})` : ''}: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}`),
    ...(options.cors ? { cors: { origins: '*', credentials: true, exposedHeaders: [...exposed].sort(), maxAge: 600 } } : {}),
  });
  return { name: spec.name, spec, server, operations: operations.length, invalidExamples };
}

/** ajv (the runtime's response validators) for examples and generated values: compiled once per schema. */
function valueChecker(definition: ServiceDefinition): CheckValue {
  const validators = new Validators(definition);
  const compiled = new Map<unknown, ReturnType<Validators['compile']>>();
  return (schema, value) => {
    let validate = compiled.get(schema);
    if (!validate) compiled.set(schema, (validate = validators.compile('response', schema)));
    if (validate(value)) return undefined;
    const error = validate.errors?.[0];
    return error ? `${error.instancePath || '(root)'} ${error.message ?? 'is invalid'}` : 'is invalid';
  };
}

/**
 * The server definition holds the schemas its bodies and parameters reach; response headers (which
 * the runtime does not read) may reach others: add them, without annotations, as the definition does.
 */
function includeHeaderSchemas(spec: OpenApiSpec, operations: Operation[], definition: ServiceDefinition): void {
  const schemas = (definition.schemas ??= {}) as Record<string, unknown>;
  const pending: unknown[] = operations.flatMap((op) => op.responses.flatMap((r) => Object.values(r.headers).map((h) => h?.schema)));
  while (pending.length > 0) {
    for (const ref of collectRefs(pending.pop())) {
      if (schemas[ref] !== undefined || !ref.startsWith('#/')) continue;
      schemas[ref] = withoutAnnotations(spec.at(ref.slice(1)) ?? {});
      pending.push(schemas[ref]);
    }
  }
}

function withoutAnnotations(schema: unknown): unknown {
  return mapSchema(schema, (s) => {
    for (const key of Object.keys(s)) if (key === 'example' || key === 'examples' || key.startsWith('x-')) delete s[key];
    return s;
  });
}

/**
 * A refusal answered the way the operation documents that status (`401: application/json {error}`),
 * from its example or a generated body; undefined (problem+json) when the status is not documented,
 * is documented as problem+json or without content, or no valid body can be made.
 */
function documentedError(error: ServerError, planned: Map<string, MockResponse[]>, generate: GenerateValue, globalSeed: number): ErrorAnswer | undefined {
  const responses = error.operationId === undefined ? undefined : planned.get(error.operationId);
  if (!responses) return undefined;
  const code = String(error.status);
  const response = responses.find((r) => r.status === code) ?? responses.find((r) => r.status.toUpperCase() === `${code[0]}XX`);
  const media = response?.media.find((m) => m.json) ?? response?.media[0];
  if (!media || /problem\+json/i.test(media.type)) return undefined;
  const body = media.examples.size > 0 ? media.examples.values().next().value : generate(media.schema, requestSeed(error.method, error.target, globalSeed));
  if (body === NO_VALUE) return undefined;
  return { body: media.json ? body : typeof body === 'string' ? body : JSON.stringify(body), contentType: media.type };
}

/** FNV-1a over the request line: the same request gets the same generated body. */
export function requestSeed(method: string, target: string, seed: number): number {
  let hash = 0x811c9dc5 ^ seed;
  const text = `${method} ${target}`;
  for (let i = 0; i < text.length; i++) hash = Math.imul(hash ^ text.charCodeAt(i), 0x01000193);
  return hash | 0;
}

function misuse(detail: string, status = 400): HandlerResult {
  const title = status === 400 ? 'Bad Request' : 'Internal Server Error';
  return { status, contentType: 'application/problem+json', body: { type: 'about:blank', title, status, detail } };
}

function answerFrom(responses: MockResponse[], generate: GenerateValue, globalSeed: number): (input: HandlerInput) => HandlerResult {
  const fallback = pickResponse(responses, undefined);
  const documented = responses.map((r) => r.status.toLowerCase()).join(', ');
  return (input) => {
    const prefer = readPrefer(input.request.header('prefer'));
    const picked = prefer.code === undefined ? fallback : pickResponse(responses, prefer.code);
    if (!picked) {
      return misuse(prefer.code === undefined ? 'the operation documents no response' : `Prefer: code=${prefer.code} is not documented here (documented: ${documented})`);
    }
    const { status, response } = picked;
    let seed: number | undefined;
    const seedOf = () => (seed ??= requestSeed(input.request.method, input.request.target, globalSeed));
    const headers = response.headers.length > 0 ? headerValues(response.headers, generate, seedOf) : undefined;
    const media = pickMedia(response.media, input.request.header('accept'));
    if (!media) return { status, headers };
    let body: unknown;
    if (prefer.example !== undefined) {
      if (!media.examples.has(prefer.example)) {
        const names = [...media.examples.keys()];
        return misuse(`no example named "${prefer.example}" for ${response.status.toLowerCase()} ${media.type} (${names.length > 0 ? `examples: ${names.join(', ')}` : 'it has no valid example'})`);
      }
      body = media.examples.get(prefer.example);
    } else if (!prefer.dynamic && media.examples.size > 0) {
      body = media.examples.values().next().value;
    } else {
      body = generate(media.schema, seedOf());
      if (body === NO_VALUE) {
        const what = `${response.status.toLowerCase()} ${media.type}`;
        return misuse(`covenant mock found no value valid against the schema of ${what} (it may accept none, e.g. a oneOf whose branches overlap); add an example to the spec`, 500);
      }
    }
    if (!media.json && typeof body !== 'string') body = body === undefined ? '' : JSON.stringify(body);
    return { status, headers, contentType: media.type, body: body === undefined ? null : body };
  };
}

/** Declared headers: their example, else (when required) a value generated from their schema. */
function headerValues(declared: MockHeader[], generate: GenerateValue, seedOf: () => number): Record<string, string> {
  const out: Record<string, string> = {};
  for (const h of declared) {
    const value = h.example ? h.example.value : h.required ? generate(h.schema, seedOf()) : undefined;
    if (value === undefined || value === null || value === NO_VALUE) continue;
    out[h.name] = Array.isArray(value) ? value.map(String).join(',') : typeof value === 'object' ? Object.entries(value).flat().map(String).join(',') : String(value);
  }
  return out;
}
