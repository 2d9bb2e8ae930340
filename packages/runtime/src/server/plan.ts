/**
 * Which validators a server needs, in a fixed order with stable keys. The runtime compiles them at
 * startup, or takes them precompiled (ajv standalone code emitted by the typescript-server target);
 * both sides derive the list from the same definition with this one function.
 */
import { bodyKind } from './body.js';
import type { OperationDefinition, ServiceDefinition } from './definition.js';
import { isJson } from './media.js';
import type { SchemaKind } from './validation.js';

export interface ValidatorNeed {
  /** `params <op>`, `body <op> <media type>`, `response <op> <status> <media type>`. */
  key: string;
  kind: SchemaKind;
  schema: unknown;
}

const LOCATION_KEY = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' } as const;

/** One object schema over `{ path, query, headers, cookies }` for an operation's parameters. */
export function parametersSchema(op: OperationDefinition): unknown {
  const groups: Record<string, { type: 'object'; properties: Record<string, unknown>; required: string[] }> = {};
  for (const p of op.parameters ?? []) {
    const group = (groups[LOCATION_KEY[p.in]] ??= { type: 'object', properties: {}, required: [] });
    group.properties[p.name] = p.schema ?? {};
    if (p.required || p.in === 'path') group.required.push(p.name);
  }
  return { type: 'object', properties: groups };
}

export function validatorPlan(definition: ServiceDefinition): ValidatorNeed[] {
  const needs: ValidatorNeed[] = [];
  for (const op of definition.operations) {
    if ((op.parameters ?? []).length > 0) needs.push({ key: `params ${op.id}`, kind: 'params', schema: parametersSchema(op) });
    for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
      const kind = bodyKind(type);
      if (media.schema === undefined || kind === 'bytes') continue;
      needs.push({ key: `body ${op.id} ${type}`, kind: kind === 'form' || kind === 'multipart' ? 'form' : 'json', schema: media.schema });
    }
    for (const [status, response] of Object.entries(op.responses ?? {})) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        if (media.schema !== undefined && isJson(type)) needs.push({ key: `response ${op.id} ${status.toUpperCase()} ${type}`, kind: 'response', schema: media.schema });
      }
    }
  }
  return needs;
}
