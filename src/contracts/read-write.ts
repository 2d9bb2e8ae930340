/**
 * What the comparator does not check: readOnly properties sent in a request body, and writeOnly
 * properties expected in a response body (OpenAPI 3: readOnly "SHOULD NOT be sent" by clients,
 * writeOnly "SHOULD NOT be returned" by servers). A consumer whose pact expects `password` back is
 * relying on something the provider must not do.
 */
import type { Finding } from '../findings.js';
import { formatPosition } from '../errors.js';
import type { OpenApiSpec } from '../spec/openapi/load.js';
import { listOperations } from '../spec/openapi/operations.js';
import { pointerToSegments } from '../spec/source.js';
import type { PactFile, PactInteraction } from './pacts.js';
import { operationKey, RouteMatcher } from './routes.js';
import { statusMatches } from './usage.js';

type Segments = (string | number)[];

export function readWriteFindings(spec: OpenApiSpec, pacts: readonly PactFile[]): Finding[] {
  const operations = listOperations(spec);
  const router = new RouteMatcher(operations.map((op) => ({ method: op.method.toUpperCase(), path: op.path })));
  const byKey = new Map(operations.map((op) => [operationKey(op.method, op.path), op]));
  const findings: Finding[] = [];
  const reported = new Set<string>();
  for (const pact of pacts) {
    const v4 = parseInt(pact.specification, 10) >= 4;
    for (const interaction of pact.interactions) {
      const route = router.match(interaction.method, interaction.path);
      const op = route && byKey.get(operationKey(route.method, route.path));
      if (!op) continue;
      const operation = operationKey(op.method, op.path);
      const report = (side: 'request' | 'response', at: Segments, path: Segments, flag: 'readOnly' | 'writeOnly') => {
        const pactSegments: Segments = ['interactions', interaction.index, side, 'body', ...(v4 ? ['content'] : []), ...path];
        const pactAt = pact.locate(pactSegments);
        const where = `${side}.body${path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${p}`)).join('')}`;
        const name = String(path[path.length - 1]);
        const once = `${pact.file}|${interaction.index}|${where}`;
        if (reported.has(once)) return;
        reported.add(once);
        const why = flag === 'readOnly' ? `sends "${name}", which the spec marks readOnly (set by the provider, not sent by clients)` : `expects "${name}", which the spec marks writeOnly (never returned by the provider)`;
        findings.push({
          rule: flag === 'readOnly' ? 'pact-request-read-only-property' : 'pact-response-write-only-property',
          level: 'error',
          message: `${pact.consumer} "${interaction.description}" at ${where}: ${why} (pact ${formatPosition(pactAt)})`,
          location: spec.locate(at),
          spec: spec.name,
          operation,
          consumers: [pact.consumer],
          details: { consumer: pact.consumer, provider: pact.provider, pact: { ...pactAt }, interaction: interaction.description },
        });
      };
      const requestSchema = jsonSchema(op.requestBody?.content, interaction.requestHeaders);
      if (requestSchema && interaction.requestBody !== undefined) {
        walk(spec.document, requestSchema.schema, [...op.requestBody!.pointer, 'content', requestSchema.type, 'schema'], interaction.requestBody, [], 'readOnly', (at, path) => report('request', at, path, 'readOnly'));
      }
      const response = op.responses.find((r) => r.status === String(interaction.status)) ?? op.responses.find((r) => r.status !== 'default' && statusMatches(r.status, interaction.status)) ?? op.responses.find((r) => r.status === 'default');
      const responseSchema = response && jsonSchema(response.content, interaction.responseHeaders);
      if (response && responseSchema && interaction.responseBody !== undefined) {
        walk(spec.document, responseSchema.schema, [...response.pointer, 'content', responseSchema.type, 'schema'], interaction.responseBody, [], 'writeOnly', (at, path) => report('response', at, path, 'writeOnly'));
      }
    }
  }
  return findings;
}

function jsonSchema(content: Record<string, { schema?: unknown }> | undefined, headers: PactInteraction['requestHeaders']): { type: string; schema: unknown } | undefined {
  if (!content) return undefined;
  const declared = (headers['content-type'] ?? '').split(';')[0]!.trim().toLowerCase();
  const types = Object.keys(content);
  const type = types.find((t) => t.toLowerCase() === declared) ?? types.find((t) => /[/+]json$/i.test(t));
  if (!type || !/json/i.test(type) || !content[type]?.schema) return undefined;
  return { type, schema: content[type]!.schema };
}

/** Walk a body with its schema; `found(schemaPointer, bodyPath)` for each property carrying `flag`. */
function walk(document: Record<string, any>, schema: unknown, at: Segments, value: unknown, path: Segments, flag: 'readOnly' | 'writeOnly', found: (at: Segments, path: Segments) => void, seen = new Set<string>(), depth = 0): void {
  if (!schema || typeof schema !== 'object' || depth > 40 || value === null || typeof value !== 'object') return;
  let node = schema as Record<string, any>;
  let pointer = at;
  for (let hops = 0; typeof node.$ref === 'string' && node.$ref.startsWith('#/') && hops < 20; hops++) {
    pointer = pointerToSegments(node.$ref);
    let target: any = document;
    for (const s of pointer) target = target?.[s];
    if (!target || typeof target !== 'object') return;
    node = target;
  }
  const key = `${pointer.join('/')}|${path.join('/')}`;
  if (seen.has(key)) return;
  seen.add(key);
  for (const combinator of ['allOf', 'oneOf', 'anyOf'] as const) {
    (Array.isArray(node[combinator]) ? node[combinator] : []).forEach((sub: unknown, i: number) => walk(document, sub, [...pointer, combinator, i], value, path, flag, found, seen, depth + 1));
  }
  if (Array.isArray(value)) {
    if (node.items && typeof node.items === 'object') value.forEach((item, i) => walk(document, node.items, [...pointer, 'items'], item, [...path, i], flag, found, seen, depth + 1));
    return;
  }
  const properties = (node.properties ?? {}) as Record<string, any>;
  for (const [name, child] of Object.entries(value as Record<string, unknown>)) {
    const propertySchema = properties[name];
    if (propertySchema) {
      const propertyAt = [...pointer, 'properties', name];
      let resolved = propertySchema;
      if (typeof resolved?.$ref === 'string' && resolved.$ref.startsWith('#/')) {
        let target: any = document;
        for (const s of pointerToSegments(resolved.$ref)) target = target?.[s];
        resolved = propertySchema[flag] === true ? propertySchema : (target ?? propertySchema);
      }
      if (resolved?.[flag] === true || propertySchema[flag] === true) found(propertyAt, [...path, name]);
      else walk(document, propertySchema, propertyAt, child, [...path, name], flag, found, seen, depth + 1);
    } else if (node.additionalProperties && typeof node.additionalProperties === 'object') {
      walk(document, node.additionalProperties, [...pointer, 'additionalProperties'], child, [...path, name], flag, found, seen, depth + 1);
    }
  }
}
