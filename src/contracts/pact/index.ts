/**
 * `covenant/pact`: typed Pact consumer tests. Interactions are written against the spec's
 * openapi-typescript `paths` (path, method, parameters, statuses and body shapes checked by tsc,
 * Pact matchers accepted wherever a value goes), run with pact-js (`PactV3` mock server), and the
 * written pact is then checked against the provider's OpenAPI (`assertPactMatchesSpec`).
 *
 * ```ts
 * import { PactV3, Matchers, typedInteraction, assertPactMatchesSpec } from 'covenant/pact';
 * import type { paths } from './generated/users/types.js';
 * const users = typedInteraction<paths>();
 * pact.addInteraction(users({ description: 'a user', path: '/users/{userId}', method: 'get',
 *   request: { params: { userId: 'u1' } }, response: { status: 200, body: Matchers.like({ ... }) } }));
 * ```
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { V3Interaction, V3ProviderState, TemplateQuery, TemplateHeaders, V3Request, V3Response } from '@pact-foundation/pact';
import type { MethodsOf, OperationInteraction, OperationOf, OperationTable, StatusOf, TypedInteraction } from './types.js';

export { PactV3, PactV4, MatchersV3, SpecificationVersion, Verifier } from '@pact-foundation/pact';
export { Matchers, like, eachLike, atLeastOneLike, atLeastLike, atMostLike, constrainedArrayLike } from './matchers.js';
export type { V3Interaction, V3MockServer, PactV3Options } from '@pact-foundation/pact';
export type * from './types.js';
export { typedInteractionV4, typedOperationV4, addV4Interaction } from './v4.js';
export { checkPactAgainstSpec, assertPactMatchesSpec, pactFilePath, PactSpecMismatchError } from './check.js';

type AnyMatcher = MatchersV3.Matcher<unknown> & { regex?: string; example?: unknown };

function isMatcher(value: unknown): value is AnyMatcher {
  return MatchersV3.isMatcher(value);
}

/**
 * `typedInteraction<paths>()` returns a function that turns a typed interaction into pact-js's
 * `V3Interaction` (for `PactV3.addInteraction`). The extra call fixes `paths` while letting
 * TypeScript infer path, method and status from each interaction.
 */
export function typedInteraction<P>() {
  return function interaction<Path extends keyof P & string, M extends MethodsOf<P, Path>, S extends StatusOf<OperationOf<P, Path, M>>>(
    spec: TypedInteraction<P, Path, M, S>,
  ): V3Interaction {
    return toV3Interaction(spec as unknown as UntypedInteraction);
  };
}

/**
 * `typedOperation<operations>(api)`: interactions named by operationId instead of path + method.
 * `api` is the operation table the generated client exports (`import { api } from './client.js'`),
 * which gives the path and method at run time; the types come from `operations` in `types.ts`.
 */
export function typedOperation<O>(api: OperationTable) {
  return function interaction<Id extends keyof O & string, S extends StatusOf<O[Id]>>(spec: OperationInteraction<O, Id, S>): V3Interaction {
    const { operation, ...rest } = spec as unknown as { operation: string } & Omit<UntypedInteraction, 'path' | 'method'>;
    const found = api.operations[operation];
    if (!found) throw new Error(`operation "${operation}" is not in the client's operation table`);
    return toV3Interaction({ ...rest, path: found.path, method: found.method });
  };
}

/** The same, without types: what `typedInteraction` builds at run time. */
export interface UntypedInteraction {
  description: string;
  states?: Array<string | { description: string; parameters?: Record<string, unknown> }>;
  path: string;
  method: string;
  request?: {
    params?: Record<string, unknown>;
    query?: Record<string, unknown>;
    headers?: Record<string, unknown>;
    body?: unknown;
    contentType?: string;
  };
  response: { status: number; headers?: Record<string, unknown>; body?: unknown; contentType?: string };
}

export function toV3Interaction(spec: UntypedInteraction): V3Interaction {
  const request = spec.request ?? {};
  const withRequest: V3Request = { method: spec.method.toUpperCase(), path: buildPath(spec.path, request.params ?? {}) };
  if (request.query && Object.keys(request.query).length) withRequest.query = buildQuery(request.query);
  const requestHeaders = { ...(request.headers ?? {}) } as TemplateHeaders;
  if (request.body !== undefined) {
    withRequest.body = request.body;
    if (!hasHeader(requestHeaders, 'content-type')) requestHeaders['Content-Type'] = request.contentType ?? 'application/json';
  }
  if (Object.keys(requestHeaders).length) withRequest.headers = requestHeaders;
  const willRespondWith: V3Response = { status: spec.response.status };
  const responseHeaders = { ...(spec.response.headers ?? {}) } as TemplateHeaders;
  if (spec.response.body !== undefined) {
    willRespondWith.body = spec.response.body;
    if (!hasHeader(responseHeaders, 'content-type')) responseHeaders['Content-Type'] = spec.response.contentType ?? 'application/json';
  }
  if (Object.keys(responseHeaders).length) willRespondWith.headers = responseHeaders;
  const interaction: V3Interaction = { uponReceiving: spec.description, withRequest, willRespondWith };
  if (spec.states?.length) {
    interaction.states = spec.states.map((s): V3ProviderState => (typeof s === 'string' ? { description: s } : { description: s.description, parameters: s.parameters as V3ProviderState['parameters'] }));
  }
  return interaction;
}

function hasHeader(headers: Record<string, unknown>, name: string): boolean {
  return Object.keys(headers).some((k) => k.toLowerCase() === name);
}

/**
 * `/users/{userId}` + `{ userId: 'u1' }` → `/users/u1`. When a parameter is a matcher, the whole
 * path becomes a regex matcher (the parameter's own regex, else one path segment) with the example
 * path as its value, so the provider may be replayed with any id the matcher accepts.
 */
export function buildPath(template: string, params: Record<string, unknown>): string | MatchersV3.Matcher<string> {
  const names = [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!);
  for (const name of names) {
    if (!(name in params)) throw new Error(`path ${template}: no value for parameter "${name}"`);
  }
  let example = '';
  let pattern = '';
  let matched = false;
  let last = 0;
  for (const match of template.matchAll(/\{([^}]+)\}/g)) {
    const literal = template.slice(last, match.index);
    example += literal;
    pattern += escapeRegExp(literal);
    const value = params[match[1]!];
    if (isMatcher(value)) {
      matched = true;
      const sample = String(MatchersV3.reify(value));
      example += encodeURIComponent(sample);
      pattern += typeof value.regex === 'string' ? `(?:${value.regex.replace(/^\^/, '').replace(/\$$/, '')})` : '[^/]+';
    } else {
      const text = encodeURIComponent(String(value));
      example += text;
      pattern += escapeRegExp(text);
    }
    last = match.index! + match[0].length;
  }
  example += template.slice(last);
  pattern += escapeRegExp(template.slice(last));
  return matched ? MatchersV3.regex(`^${pattern}$`, example) : example;
}

function buildQuery(query: Record<string, unknown>): TemplateQuery {
  const out: TemplateQuery = {};
  for (const [name, value] of Object.entries(query)) {
    if (value === undefined) continue;
    if (Array.isArray(value)) out[name] = value.map((v) => (isMatcher(v) ? (v as MatchersV3.Matcher<string>) : String(v)));
    else out[name] = isMatcher(value) ? (value as MatchersV3.Matcher<string>) : String(value);
  }
  return out;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
