/**
 * What part of an API a spec element (a JSON pointer) stands for, in terms a pact interaction can
 * be tested against: which operations, which direction (request/response), which response status,
 * and which property path inside the body (`user.address.city`, `items[*].id`).
 */
import type { OpenApiSpec } from '../spec/openapi/load.js';
import { HTTP_METHODS, listOperations, type Operation } from '../spec/openapi/operations.js';
import { pointerToSegments } from '../spec/source.js';
import { operationKey } from './routes.js';
import type { PactInteraction } from './pacts.js';

/** A step of a body path: a property name, or any element/value (array items, additionalProperties). */
export type BodyStep = { key: string } | { any: true };

export interface ElementUse {
  /** `GET /users/{id}` */
  operation: string;
  direction?: 'request' | 'response';
  /** Response status as in the spec (`200`, `4XX`, `default`), response direction only. */
  status?: string;
  /** Body path, when the element is a part of a body schema. */
  body?: BodyStep[];
}

/** Every use of the element at `segments`, or `'everything'` when it is global (servers, security schemes). */
export function elementUses(spec: Pick<OpenApiSpec, 'document'>, segments: readonly string[], operations: readonly Operation[] = listOperations(spec)): ElementUse[] | 'everything' {
  const [root, a, b, ...rest] = segments;
  if (root === 'paths' && a !== undefined) {
    if (b === undefined || !(HTTP_METHODS as readonly string[]).includes(b)) {
      return operations.filter((op) => op.path === a).map((op) => ({ operation: operationKey(op.method, op.path) }));
    }
    return [operationUse(operationKey(b, a), rest)];
  }
  if (root === 'components' && a !== undefined && b !== undefined) {
    const target = `#/components/${escape(a)}/${escape(b)}`;
    if (a === 'schemas') return schemaUses(spec.document, operations, target, rest);
    if (a === 'securitySchemes') return operations.filter((op) => op.security.some((req) => b in req)).map((op) => ({ operation: operationKey(op.method, op.path) }));
    const uses: ElementUse[] = [];
    for (const op of operations) {
      const raw = spec.document.paths?.[op.path];
      if (containsRef(raw?.[op.method], target) || (a === 'parameters' && containsRef(raw?.parameters, target))) {
        uses.push({ operation: operationKey(op.method, op.path) });
      }
    }
    return uses;
  }
  if (root === 'components' || root === 'info' || root === 'tags' || root === 'externalDocs') return [];
  return 'everything';
}

function operationUse(operation: string, rest: readonly string[]): ElementUse {
  if (rest[0] === 'requestBody') {
    if (rest[1] === 'content' && rest[3] === 'schema') return { operation, direction: 'request', body: schemaSteps(rest.slice(4)) };
    return { operation, direction: 'request' };
  }
  if (rest[0] === 'responses' && rest[1] !== undefined) {
    const status = rest[1];
    if (rest[2] === 'content' && rest[4] === 'schema') return { operation, direction: 'response', status, body: schemaSteps(rest.slice(5)) };
    return { operation, direction: 'response', status };
  }
  return { operation };
}

/** Schema keywords below a schema root → body steps (stops at the first non-structural keyword). */
export function schemaSteps(rest: readonly string[]): BodyStep[] {
  const steps: BodyStep[] = [];
  for (let i = 0; i < rest.length; ) {
    const s = rest[i]!;
    if (s === 'properties' && rest[i + 1] !== undefined) {
      steps.push({ key: rest[i + 1]! });
      i += 2;
    } else if (s === 'items') {
      steps.push({ any: true });
      i += /^\d+$/.test(rest[i + 1] ?? '') ? 2 : 1;
    } else if (s === 'prefixItems' || s === 'patternProperties') {
      steps.push({ any: true });
      i += 2;
    } else if (s === 'additionalProperties') {
      steps.push({ any: true });
      i += 1;
    } else if ((s === 'allOf' || s === 'oneOf' || s === 'anyOf') && rest[i + 1] !== undefined) {
      i += 2;
    } else break;
  }
  return steps;
}

interface Walk {
  operation: string;
  direction: 'request' | 'response';
  status?: string;
}

/** Where a component schema is reached from operation bodies, with the body path at which it sits. */
function schemaUses(document: Record<string, any>, operations: readonly Operation[], target: string, rest: readonly string[]): ElementUse[] {
  const tail = schemaSteps(rest);
  const uses: ElementUse[] = [];
  const seen = new Set<string>();
  const record = (walk: Walk, prefix: BodyStep[]) => {
    const use: ElementUse = { ...walk, body: [...prefix, ...tail] };
    const key = JSON.stringify(use);
    if (!seen.has(key)) {
      seen.add(key);
      uses.push(use);
    }
  };
  for (const op of operations) {
    const operation = operationKey(op.method, op.path);
    for (const media of Object.values(op.requestBody?.content ?? {})) {
      if (media?.schema) visit(document, media.schema, [], new Set(), target, (prefix) => record({ operation, direction: 'request' }, prefix));
    }
    for (const response of op.responses) {
      for (const media of Object.values(response.content)) {
        if (media?.schema) visit(document, media.schema, [], new Set(), target, (prefix) => record({ operation, direction: 'response', status: response.status }, prefix));
      }
    }
  }
  return uses;
}

function visit(document: Record<string, any>, schema: unknown, path: BodyStep[], stack: Set<string>, target: string, found: (prefix: BodyStep[]) => void): void {
  if (!schema || typeof schema !== 'object' || path.length > 32) return;
  const node = schema as Record<string, any>;
  if (typeof node.$ref === 'string') {
    if (node.$ref === target) found(path);
    if (stack.has(node.$ref) || !node.$ref.startsWith('#/')) return;
    let resolved: unknown = document;
    for (const s of pointerToSegments(node.$ref)) resolved = (resolved as Record<string, unknown> | undefined)?.[s];
    const next = new Set(stack).add(node.$ref);
    visit(document, resolved, path, next, target, found);
  }
  for (const [name, sub] of Object.entries((node.properties ?? {}) as Record<string, unknown>)) visit(document, sub, [...path, { key: name }], stack, target, found);
  if (Array.isArray(node.items)) node.items.forEach((sub: unknown) => visit(document, sub, [...path, { any: true }], stack, target, found));
  else if (node.items) visit(document, node.items, [...path, { any: true }], stack, target, found);
  for (const sub of Array.isArray(node.prefixItems) ? node.prefixItems : []) visit(document, sub, [...path, { any: true }], stack, target, found);
  if (node.additionalProperties && typeof node.additionalProperties === 'object') visit(document, node.additionalProperties, [...path, { any: true }], stack, target, found);
  for (const key of ['allOf', 'oneOf', 'anyOf'] as const) {
    for (const sub of Array.isArray(node[key]) ? node[key] : []) visit(document, sub, path, stack, target, found);
  }
}

function containsRef(value: unknown, target: string, depth = 0): boolean {
  if (!value || typeof value !== 'object' || depth > 12) return false;
  if ((value as Record<string, unknown>).$ref === target) return true;
  return Object.values(value as Record<string, unknown>).some((v) => containsRef(v, target, depth + 1));
}

function escape(segment: string): string {
  return segment.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** Does this interaction (already matched to `use.operation`) touch the element? */
export function interactionUses(interaction: PactInteraction, use: ElementUse): boolean {
  if (use.direction === 'request') return use.body === undefined ? true : bodyHas(interaction.requestBody, use.body);
  if (use.direction === 'response') {
    if (use.status !== undefined && !statusMatches(use.status, interaction.status)) return false;
    return use.body === undefined ? true : bodyHas(interaction.responseBody, use.body);
  }
  return true;
}

export function statusMatches(specStatus: string, status: number): boolean {
  if (specStatus === 'default') return true;
  if (/^[1-5]XX$/i.test(specStatus)) return Math.floor(status / 100) === Number(specStatus[0]);
  return Number(specStatus) === status;
}

/** Whether a body (a pact example) has a value at `steps`; `[]` = has a body at all. */
export function bodyHas(body: unknown, steps: readonly BodyStep[]): boolean {
  if (body === undefined) return false;
  if (steps.length === 0) return true;
  const [step, ...rest] = steps;
  if (body === null || typeof body !== 'object') return false;
  if ('key' in step!) {
    if (Array.isArray(body) || !Object.prototype.hasOwnProperty.call(body, step.key)) return false;
    return bodyHas((body as Record<string, unknown>)[step.key], rest);
  }
  const values = Array.isArray(body) ? body : Object.values(body);
  return values.some((v) => bodyHas(v, rest));
}
