/**
 * Pacts checked against the provider's OpenAPI without running the provider (PactFlow's
 * bi-directional idea), with @pactflow/openapi-pact-comparator as the engine. Its results become
 * Findings located at the spec element (file:line of the bundled pointer) and naming the pact
 * interaction (file:line) that disagrees.
 */
import type { Finding, Level } from '../findings.js';
import type { OpenApiSpec } from '../spec/openapi/load.js';
import { deref } from '../spec/openapi/operations.js';
import { formatPosition } from '../errors.js';
import { ENGINES, importEngine } from '../engines.js';
import { operationKey } from './routes.js';
import type { PactFile } from './pacts.js';
import { readWriteFindings } from './read-write.js';

/** The comparator's result record (its published .d.ts does not resolve under NodeNext; same shape). */
export interface ComparatorResult {
  code: string;
  message: string;
  type: 'error' | 'warning';
  mockDetails?: { interactionDescription?: string | null; interactionState?: string | null; location: string; value?: unknown };
  specDetails?: { location: string; pathMethod?: string | null; pathName?: string | null; value?: unknown };
}

interface Comparator {
  compare(pact: unknown): AsyncGenerator<ComparatorResult>;
}

/** Loaded on first use: every CLI command imports this module, few need the comparator. */
async function comparatorClass(): Promise<new (oas: unknown) => Comparator> {
  const module = (await importEngine(ENGINES.pactComparator, () => import('@pactflow/openapi-pact-comparator'))) as unknown as { Comparator: new (oas: unknown) => Comparator };
  return module.Comparator;
}

export interface CompareOptions {
  /** Also report the comparator's warnings (unknown headers, default responses...). Default true. */
  warnings?: boolean;
}

/**
 * One comparator per spec (its compiled schemas are reused across pacts). Returns findings
 * sorted as the comparator reports them, per pact file in the order given.
 */
export async function comparePacts(spec: OpenApiSpec, pacts: readonly PactFile[], options: CompareOptions = {}): Promise<Finding[]> {
  const ComparatorClass = await comparatorClass();
  const comparator = new ComparatorClass(comparatorDocument(spec.document));
  const findings: Finding[] = [];
  for (const pact of pacts) {
    const http = httpInteractionIndexes(pact);
    try {
      for await (const result of comparator.compare(pact.document)) {
        if (result.type === 'warning' && options.warnings === false) continue;
        findings.push(toFinding(spec, pact, http, result));
      }
    } catch (error) {
      findings.push({
        rule: 'pact-comparison-failed',
        level: 'error',
        message: `${pact.consumer} → ${pact.provider}: the pact could not be compared with the spec: ${(error as Error).message.split('\n')[0]}`,
        location: pact.locate([]),
        spec: spec.name,
        details: { pact: pact.file, consumer: pact.consumer, provider: pact.provider },
      });
    }
  }
  findings.push(...readWriteFindings(spec, pacts));
  return findings;
}

/**
 * The document the comparator reads, adjusted where its reading of OpenAPI differs from ours:
 * - `discriminator` is dropped (validation is the same with `oneOf` alone, and the comparator's
 *   ajv refuses a discriminator once it has relaxed `required` in response schemas);
 * - `readOnly` properties are not required in requests (OpenAPI 3: "SHOULD NOT be sent"),
 *   so a consumer that creates a user without its server-assigned `id` is not an error.
 */
export function comparatorDocument(document: Record<string, any>): Record<string, any> {
  const copy = structuredClone(document);
  const seen = new Set<object>();
  const walk = (node: unknown) => {
    if (!node || typeof node !== 'object' || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node)) {
      node.forEach(walk);
      return;
    }
    const object = node as Record<string, any>;
    if (object.discriminator && typeof object.discriminator === 'object' && typeof object.discriminator.propertyName === 'string') delete object.discriminator;
    if (Array.isArray(object.required) && object.properties && typeof object.properties === 'object') {
      object.required = object.required.filter((name: unknown) => {
        const property = deref(copy, object.properties[String(name)]);
        return !(property && typeof property === 'object' && property.readOnly === true);
      });
      if (object.required.length === 0) delete object.required;
    }
    for (const [key, value] of Object.entries(object)) {
      if (key === 'example' || key === 'examples' || key === 'default' || key === 'enum' || key === 'const') continue;
      walk(value);
    }
  };
  walk(copy);
  return copy;
}

/** The comparator numbers HTTP interactions only: map its index back to the file's. */
function httpInteractionIndexes(pact: PactFile): number[] {
  const raw = Array.isArray(pact.document.interactions) ? pact.document.interactions : [];
  const out: number[] = [];
  raw.forEach((i: any, index: number) => {
    if (!i?.type || String(i.type).toLowerCase() === 'synchronous/http') out.push(index);
  });
  return out;
}

const RULES: Record<string, string> = {};

/** `response.body.incompatible` → `pact-response-body-incompatible`. */
export function ruleId(code: string): string {
  return (RULES[code] ??= `pact-${code.replace(/[^A-Za-z0-9]+/g, '-').toLowerCase()}`);
}

function toFinding(spec: OpenApiSpec, pact: PactFile, http: number[], result: ComparatorResult): Finding {
  const level: Level = result.type === 'error' ? 'error' : 'warning';
  const mock = mockSegments(result.mockDetails?.location ?? '', http, pact);
  const interactionIndex = typeof mock[1] === 'number' ? mock[1] : undefined;
  const raw = interactionIndex !== undefined ? pact.document.interactions?.[interactionIndex] : undefined;
  const description = result.mockDetails?.interactionDescription ?? raw?.description ?? '';
  const pactAt = pact.locate(mock);
  const specDetails = result.specDetails;
  const pointer = specDetails ? specSegments(spec.document, specDetails.location, specDetails.pathName ?? undefined, specDetails.pathMethod ?? undefined) : ['paths'];
  const operation = specDetails?.pathName && specDetails.pathMethod ? operationKey(specDetails.pathMethod, specDetails.pathName) : undefined;
  const where = formatPosition(pactAt);
  const subject = mock.length > 3 ? ` at ${mockPath(mock.slice(2))}` : '';
  const message = `${pact.consumer} "${description}"${subject}: ${explain(result)} (pact ${where})`;
  const details: Record<string, unknown> = {
    code: result.code,
    consumer: pact.consumer,
    provider: pact.provider,
    pact: { ...pactAt },
    interaction: description,
  };
  // the interaction as a JUnit test case (ContractsResult.checks)
  if (interactionIndex !== undefined) details.check = `${pact.file}#${interactionIndex}`;
  if (result.mockDetails && 'value' in result.mockDetails && result.mockDetails.value !== undefined) details.pactValue = result.mockDetails.value;
  if (specDetails && 'value' in specDetails && specDetails.value !== undefined) details.specValue = specDetails.value;
  return { rule: ruleId(result.code), level, message, location: spec.locate(pointer), spec: spec.name, operation, consumers: [pact.consumer], details };
}

/** The comparator's sentence, shortened, with the pact's value and the spec's allowed values when short. */
function explain(result: ComparatorResult): string {
  const text = result.message.replace(/^(Request|Response) body is incompatible with the (request|response) body schema in the spec file: /, '').replace(/^Value is incompatible with the parameter defined in the spec file: /, '');
  const extras: string[] = [];
  const pactValue = result.mockDetails?.value;
  const specValue = result.specDetails?.value;
  if (/allowed values/.test(text) && Array.isArray(specValue) && specValue.length <= 10) extras.push(`allowed: ${specValue.map((v) => JSON.stringify(v)).join(', ')}`);
  if (pactValue !== undefined && (pactValue === null || typeof pactValue !== 'object') && !/^(Path or method|Response status)/.test(text)) {
    const shown = JSON.stringify(pactValue);
    extras.push(`pact has ${shown.length > 60 ? `${shown.slice(0, 57)}...` : shown}`);
  }
  return extras.length ? `${text} (${extras.join('; ')})` : text;
}

function mockPath(segments: readonly (string | number)[]): string {
  return segments.map((s, i) => (typeof s === 'number' || /^\d+$/.test(s) ? `[${s}]` : i === 0 ? s : `.${s}`)).join('');
}

/** `[root].interactions[3].response.body.items[0].id` → ['interactions', <file index>, 'response', 'body', ...]. */
export function mockSegments(location: string, http: readonly number[], pact: PactFile): (string | number)[] {
  const text = location.replace(/^\[root\]\.?/, '');
  const segments: (string | number)[] = [];
  for (const match of text.matchAll(/([^.[\]]+)|\[(\d+)\]/g)) {
    if (match[2] !== undefined) segments.push(Number(match[2]));
    else segments.push(match[1]!);
  }
  if (segments[0] === 'interactions' && typeof segments[1] === 'number') segments[1] = http[segments[1]] ?? segments[1];
  // pact v4 keeps bodies under body.content
  const v4 = parseInt(pact.specification, 10) >= 4;
  if (v4 && segments[3] === 'body' && (segments[2] === 'request' || segments[2] === 'response')) segments.splice(4, 0, 'content');
  return segments;
}

/**
 * The comparator's spec location (`[root].paths./users/{id}.get.responses.200.content.application/json.schema.components.schemas.User.required`)
 * → a pointer into our bundled document. Keys may contain dots (`application/vnd.x+json`), so the
 * text is walked against the document, longest key first; `components.` inside a schema restarts
 * at the document root (the comparator keeps `$ref`s); `parameters[n]` is the comparator's merged
 * list (operation parameters first, then path-level ones).
 */
export function specSegments(document: Record<string, any>, location: string, pathName?: string, method?: string): (string | number)[] {
  let rest = location.replace(/^\[root\]\.?/, '');
  if (!pathName || !method || !rest.startsWith(`paths.${pathName}.${method}`)) return rest.startsWith('paths') ? ['paths'] : [];
  rest = rest.slice(`paths.${pathName}.${method}`.length).replace(/^\./, '');
  let segments: (string | number)[] = ['paths', pathName, method];
  let node: any = deref(document, document.paths?.[pathName])?.[method];
  const paramMatch = /^parameters\[(\d+)\]\.?/.exec(rest);
  if (paramMatch) {
    const origin = mergedParameters(document, pathName, method)[Number(paramMatch[1])];
    if (!origin) return segments;
    segments = origin;
    node = getAt(document, origin);
    rest = rest.slice(paramMatch[0].length);
  }
  let inSchema = false;
  while (rest.length > 0 && node && typeof node === 'object') {
    if (inSchema && rest.startsWith('components.')) {
      segments = [];
      node = document;
    }
    const keys = Array.isArray(node) ? node.map((_: unknown, i: number) => String(i)) : Object.keys(node);
    const key = keys.filter((k) => rest === k || rest.startsWith(`${k}.`)).sort((a, b) => b.length - a.length)[0];
    if (key === undefined) {
      if (typeof node.$ref === 'string' && node.$ref.startsWith('#/')) {
        segments = node.$ref.slice(2).split('/').map((s: string) => s.replace(/~1/g, '/').replace(/~0/g, '~'));
        node = getAt(document, segments);
        continue;
      }
      break;
    }
    if (key === 'schema') inSchema = true;
    segments.push(Array.isArray(node) ? Number(key) : key);
    node = node[Array.isArray(node) ? Number(key) : key];
    rest = rest.slice(key.length).replace(/^\./, '');
  }
  return segments;
}

function mergedParameters(document: Record<string, any>, pathName: string, method: string): (string | number)[][] {
  const item = deref(document, document.paths?.[pathName]) ?? {};
  const own: unknown[] = Array.isArray(item[method]?.parameters) ? item[method].parameters : [];
  const shared: unknown[] = Array.isArray(item.parameters) ? item.parameters : [];
  const seen = new Set<string>();
  const out: (string | number)[][] = [];
  const add = (raw: unknown, at: (string | number)[]) => {
    const p = deref(document, raw as Record<string, any>);
    const key = `${p?.name}${p?.in}`;
    if (seen.has(key)) return;
    seen.add(key);
    out.push(at);
  };
  own.forEach((p, i) => add(p, ['paths', pathName, method, 'parameters', i]));
  shared.forEach((p, i) => add(p, ['paths', pathName, 'parameters', i]));
  return out;
}

function getAt(document: unknown, segments: readonly (string | number)[]): any {
  let node: any = document;
  for (const s of segments) node = node?.[s];
  return node;
}
