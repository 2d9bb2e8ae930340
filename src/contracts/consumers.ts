/**
 * Which consumers a finding concerns (DESIGN §4): for each finding that names an operation or a
 * spec element, the consumers whose pact interactions touch it. An empty array means "no consumer
 * uses this": the change is safe for today's consumers. With no pact for the spec's providers,
 * findings are returned as they are (no `consumers`): an empty folder proves nothing.
 *
 * An interaction touches an element when it calls the operation (path template + method), and,
 * for elements inside a body schema, when its request/response body has a value at that property
 * path (`[*]` for array items). Response elements also need the interaction's status to match.
 */
import type { Finding } from '../findings.js';
import type { OpenApiSpec } from '../spec/openapi/load.js';
import { listOperations } from '../spec/openapi/operations.js';
import { pointerToSegments } from '../spec/source.js';
import { readPactsDir, sameName, type PactFile } from './pacts.js';
import { operationKey, parseOperationKey, RouteMatcher, type RouteTemplate } from './routes.js';
import { elementUses, interactionUses, type ElementUse } from './usage.js';

export interface AnnotateOptions {
  /** Pact provider names served by this spec (default: the spec name). */
  providers?: readonly string[];
  cwd?: string;
  /** Pacts already read (tests, or callers that read them once for several specs). */
  pacts?: readonly PactFile[];
}

export async function annotateConsumers(findings: Finding[], spec: OpenApiSpec, pactsDir: string, options: AnnotateOptions = {}): Promise<Finding[]> {
  const providers = options.providers ?? [spec.name];
  const pacts = (options.pacts ?? readPactsDir(pactsDir, { cwd: options.cwd })).filter((p) => providers.some((name) => sameName(name, p.provider)));
  // no pact for these providers: nothing is known, so nothing is claimed (never "no consumer uses this")
  if (pacts.length === 0) return findings;
  const operations = listOperations(spec);

  const templates = new Map<string, RouteTemplate>();
  for (const op of operations) templates.set(operationKey(op.method, op.path), { method: op.method.toUpperCase(), path: op.path });
  for (const f of findings) {
    const parsed = f.operation ? parseOperationKey(f.operation) : undefined;
    if (parsed) templates.set(operationKey(parsed.method, parsed.path), parsed);
  }
  const servers = Array.isArray(spec.document.servers) ? spec.document.servers.map((s: { url?: unknown }) => String(s?.url ?? '')) : [];
  const router = new RouteMatcher([...templates.values()], servers);

  // operation key → (consumer, interaction) pairs
  const byOperation = new Map<string, Array<{ consumer: string; interaction: PactFile['interactions'][number] }>>();
  const everyone = new Set<string>();
  for (const pact of pacts) {
    for (const interaction of pact.interactions) {
      everyone.add(pact.consumer);
      const route = router.match(interaction.method, interaction.path);
      if (!route) continue;
      const key = operationKey(route.method, route.path);
      let list = byOperation.get(key);
      if (!list) byOperation.set(key, (list = []));
      list.push({ consumer: pact.consumer, interaction });
    }
  }

  return findings.map((finding) => {
    const uses = findingUses(finding, spec, operations);
    if (uses === undefined) return finding;
    const consumers = new Set<string>();
    if (uses === 'everything') for (const c of everyone) consumers.add(c);
    else {
      for (const use of uses) {
        for (const { consumer, interaction } of byOperation.get(normaliseKey(use.operation)) ?? []) {
          if (!consumers.has(consumer) && interactionUses(interaction, use)) consumers.add(consumer);
        }
      }
    }
    return { ...finding, consumers: [...consumers].sort() };
  });
}

/** The uses a finding stands for; undefined when it names neither an operation nor an element. */
function findingUses(finding: Finding, spec: OpenApiSpec, operations: ReturnType<typeof listOperations>): ElementUse[] | 'everything' | undefined {
  const pointer = finding.location?.pointer;
  let segments: string[] | undefined;
  if (pointer !== undefined && pointer !== '' && /^#?\//.test(pointer)) {
    try {
      segments = pointerToSegments(pointer);
    } catch {
      segments = undefined;
    }
  }
  const operation = finding.operation ? parseOperationKey(finding.operation) : undefined;
  if (segments && segments.length > 0) {
    const uses = elementUses(spec, segments, operations);
    if (uses === 'everything' || !operation) return uses;
    const key = operationKey(operation.method, operation.path);
    // a pointer into an operation that the finding names differently (renamed path) keeps the finding's operation
    if (segments[0] === 'paths') return uses.length ? uses.map((u) => ({ ...u, operation: key })) : [{ operation: key }];
    // a shared element (a component schema) reported for one operation: only that operation's uses,
    // on the side the rule speaks of (oasdiff-style ids: request-..., response-...)
    const side = finding.rule.startsWith('request-') ? 'request' : finding.rule.startsWith('response-') ? 'response' : undefined;
    const mine = uses.filter((u) => u.operation === key && (!side || !u.direction || u.direction === side));
    // when the trace does not reach this operation, anyone calling it counts (never claim "safe" on a guess)
    return mine.length ? mine : [{ operation: key }];
  }
  if (operation) return [{ operation: operationKey(operation.method, operation.path) }];
  return undefined;
}

function normaliseKey(key: string): string {
  const parsed = parseOperationKey(key);
  return parsed ? operationKey(parsed.method, parsed.path) : key;
}
