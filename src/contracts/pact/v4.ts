/**
 * The PactV4 form of the typed interactions: `typedInteractionV4<paths>(pact)` takes the same typed
 * interaction as `typedInteraction` and adds it to a `PactV4` with its builder API, returning the
 * interaction ready for `executeTest`. The request and response are built once (toV3Interaction),
 * so both forms write the same request, headers and bodies.
 */
import type { PactV4 } from '@pact-foundation/pact';
import type { TemplateHeaders, TemplateQuery } from '@pact-foundation/pact';
import type { MethodsOf, OperationInteraction, OperationOf, OperationTable, StatusOf, TypedInteraction } from './types.js';
import { toV3Interaction, type UntypedInteraction } from './index.js';

/** pact-js's V4 HTTP interaction with its response set (its type is not exported by name). */
export type V4InteractionWithResponse = ReturnType<ReturnType<ReturnType<PactV4['addInteraction']>['withRequest']>['willRespondWith']>;

export function typedInteractionV4<P>(pact: PactV4) {
  return function interaction<Path extends keyof P & string, M extends MethodsOf<P, Path>, S extends StatusOf<OperationOf<P, Path, M>>>(
    spec: TypedInteraction<P, Path, M, S>,
  ): V4InteractionWithResponse {
    return addV4Interaction(pact, spec as unknown as UntypedInteraction);
  };
}

/** Interactions named by operationId, added to a PactV4 (`api` is the generated client's operation table). */
export function typedOperationV4<O>(pact: PactV4, api: OperationTable) {
  return function interaction<Id extends keyof O & string, S extends StatusOf<O[Id]>>(spec: OperationInteraction<O, Id, S>): V4InteractionWithResponse {
    const { operation, ...rest } = spec as unknown as { operation: string } & Omit<UntypedInteraction, 'path' | 'method'>;
    const found = api.operations[operation];
    if (!found) throw new Error(`operation "${operation}" is not in the client's operation table`);
    return addV4Interaction(pact, { ...rest, path: found.path, method: found.method });
  };
}

export function addV4Interaction(pact: PactV4, spec: UntypedInteraction): V4InteractionWithResponse {
  const v3 = toV3Interaction(spec);
  let unconfigured = pact.addInteraction();
  for (const state of v3.states ?? []) unconfigured = unconfigured.given(state.description, state.parameters);
  const request = v3.withRequest;
  const response = v3.willRespondWith;
  return unconfigured
    .uponReceiving(v3.uponReceiving)
    .withRequest(request.method, request.path, (b) => {
      if (request.query) b.query(request.query as TemplateQuery);
      if (request.headers) b.headers(request.headers as TemplateHeaders);
      if (request.body !== undefined) b.jsonBody(request.body);
    })
    .willRespondWith(response.status, (b) => {
      if (response.headers) b.headers(response.headers as TemplateHeaders);
      if (response.body !== undefined) b.jsonBody(response.body);
    });
}
