/**
 * From a schema comparison tree to findings: the rule id of each change depends on where the schema sits
 * (request/response body, a property of it, a parameter, a header) and on the change's direction; the message
 * names the element (`Response property \`owner.login\` (200 application/json)`) and what changed.
 */
import { propertyPath, type DiffContext } from './context.js';
import { RULES_BY_ID } from './rules.js';
import { CHANGE_KINDS, type DiffNode, type Direction, type SchemaChange } from './schema.js';

/** Where a schema sits, for rule ids and messages. */
export interface SchemaScope {
  kind: 'body' | 'parameter' | 'header';
  direction: Direction;
  /** `request body (application/json)`, `query parameter \`q\``, `response header \`X-Rate\` (200)`. */
  label: string;
  /** For body scope: `(200 application/json)` appended to property labels. */
  where?: string;
  headerParameter?: boolean;
  operation: string;
}

/** Turn a comparison tree into findings for one operation (iterative: deep trees cannot overflow). */
export function emitSchemaDiff(ctx: DiffContext, root: DiffNode, scope: SchemaScope): void {
  const stack: Array<{ node: DiffNode; path: string[] }> = [{ node: root, path: [] }];
  const seen = new Set<DiffNode>();
  while (stack.length) {
    const { node, path } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const change of node.changes) {
      const at = change.name !== undefined ? [...path, change.name] : path;
      assertKnownKind(change);
      const rule = ruleOf(ctx, change, scope, at.length);
      if (!rule) continue;
      ctx.emit({
        rule,
        message: `${elementLabel(scope, at)} ${change.text}`,
        side: change.side,
        pointer: change.pointer,
        operation: scope.operation,
        details: change.details,
        key: change.key,
      });
    }
    for (let i = node.children.length - 1; i >= 0; i--) {
      const [segment, child] = node.children[i]!;
      stack.push({ node: child, path: segment === '' ? path : [...path, segment] });
    }
  }
}

/**
 * Whether a comparison tree holds a change that breaks clients in `direction` (an error-level rule), judged as a
 * body would be. Used to decide containment (does this alternative accept every value the old schema accepted?).
 * A change without a rule counts as breaking: what cannot be decided is not safe.
 */
export function breaksClients(ctx: DiffContext, root: DiffNode, direction: Direction): boolean {
  const scope: SchemaScope = { kind: 'body', direction, label: '', operation: '' };
  const stack: Array<{ node: DiffNode; depth: number }> = [{ node: root, depth: 0 }];
  const seen = new Set<DiffNode>();
  while (stack.length) {
    const { node, depth } = stack.pop()!;
    if (seen.has(node)) continue;
    seen.add(node);
    for (const change of node.changes) {
      if (change.kinds[0] === 'schema-depth-limit') continue;
      const rule = ruleOf(ctx, change, scope, change.name !== undefined ? depth + 1 : depth);
      // the catch-all (a change no rule names) counts as breaking: what cannot be judged is not safe
      if (rule !== undefined && (RULES_BY_ID.get(rule)?.level === 'error' || rule.endsWith('-schema-changed'))) return true;
    }
    for (const [segment, child] of node.children) stack.push({ node: child, depth: segment === '' ? depth : depth + 1 });
  }
  return false;
}

/** Every change kind the comparison emits is declared in CHANGE_KINDS (so a test can check each has a rule). */
function assertKnownKind(change: SchemaChange): void {
  if (!CHANGE_KINDS.has(change.kinds[0]!)) throw new Error(`internal: schema change kind ${change.kinds[0]} is not declared in CHANGE_KINDS`);
}

function elementLabel(scope: SchemaScope, path: string[]): string {
  const text = path.length === 0 ? scope.label : scope.kind === 'body' ? `${cap(scope.direction)} property \`${propertyPath(path)}\`${scope.where ? ` ${scope.where}` : ''}` : `${scope.label} property \`${propertyPath(path)}\``;
  return cap(text);
}

function cap(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function ruleFor(ctx: DiffContext, change: SchemaChange, scope: SchemaScope, depth: number): string | undefined {
  const d = scope.direction;
  const kind = change.kinds[0]!;
  if (kind === 'schema-depth-limit') return 'schema-depth-limit';
  if (scope.kind === 'body') {
    switch (kind) {
      case 'property-added':
        if (d === 'request') return change.required ? (change.withDefault ? 'new-required-request-property-with-default' : 'new-required-request-property') : 'new-optional-request-property';
        return `response-${change.required ? 'required' : 'optional'}-${change.writeOnly ? 'write-only-' : ''}property-added`;
      case 'property-removed':
        if (d === 'request') return 'request-property-removed';
        return `response-${change.required ? 'required' : 'optional'}-${change.writeOnly ? 'write-only-' : ''}property-removed`;
      case 'property-became-required':
        if (d === 'request') return change.withDefault ? 'request-property-became-required-with-default' : 'request-property-became-required';
        return change.writeOnly ? 'response-write-only-property-became-required' : 'response-property-became-required';
      case 'property-became-optional':
        if (d === 'request') return 'request-property-became-optional';
        return change.writeOnly ? 'response-write-only-property-became-optional' : 'response-property-became-optional';
    }
    if (/^(required|optional)-property-became-/.test(kind)) return pick(ctx, [`${d}-${kind}`]);
    if (kind === 'enum-value-removed' && d === 'response' && depth === 0) return 'response-mediatype-enum-value-removed';
  } else if (scope.kind === 'parameter') {
    if (scope.headerParameter && depth > 0) {
      if (kind === 'property-added' && change.required) return 'new-required-request-header-property';
      if (kind === 'property-became-required') return 'request-header-property-became-required';
      if (kind === 'became-enum') return 'request-header-property-became-enum';
    }
    if (kind.startsWith('property-') || /^(required|optional)-property-became-/.test(kind)) return undefined;
  } else if (kind.startsWith('property-') || /^(required|optional)-property-became-/.test(kind)) {
    return undefined;
  }
  const prefixes =
    scope.kind === 'body'
      ? depth === 0
        ? [`${d}-body`, `${d}-property`]
        : [`${d}-property`]
      : scope.kind === 'parameter'
        ? depth === 0
          ? ['request-parameter']
          : ['request-parameter-property', 'request-parameter']
        : ['response-header'];
  const candidates: string[] = [];
  // a string parameter that became a number, integer or boolean accepts a subset of the texts it accepted
  if (scope.kind === 'parameter' && kind === 'type-changed' && change.details?.before === 'string' && /^(number|integer|boolean)$/.test(String(change.details?.after))) {
    for (const p of prefixes) candidates.push(`${p}-type-specialized`);
  }
  for (const k of change.kinds) for (const p of prefixes) candidates.push(`${p}-${k}`);
  return pick(ctx, candidates);
}

function pick(ctx: DiffContext, candidates: string[]): string | undefined {
  return candidates.find((id) => ctx.has(id));
}

const LOWER_BOUND = /^(min|exclusive-min|min-length|min-items|min-contains|min-properties)-/;
const UPPER_BOUND = /^(max|exclusive-max|max-length|max-items|max-contains|max-properties)-/;

/** The more general kinds a kind is also an instance of, tried after it (a bound set is a bound tightened). */
function generalKinds(kind: string): string[] {
  const bound = /^(.*)-(set|unset)$/.exec(kind);
  if (bound && (LOWER_BOUND.test(kind) || UPPER_BOUND.test(kind))) {
    const tighter = LOWER_BOUND.test(kind) ? 'increased' : 'decreased';
    const looser = tighter === 'increased' ? 'decreased' : 'increased';
    return [`${bound[1]}-${bound[2] === 'set' ? tighter : looser}`];
  }
  if (/^(type-generalized|type-specialized|list-of-types-narrowed|list-of-types-widened)$/.test(kind)) return ['type-changed'];
  if (kind === 'pattern-generalized') return ['pattern-removed'];
  return [];
}

/**
 * Changes no rule names because no client can notice them where they sit: a request that accepts more (a looser
 * bound), a response that returns less (a tighter bound, fewer enum values promised), an optional addition or a
 * relaxation in a parameter. The change-kinds test keeps this list honest; nothing else is ever skipped.
 */
function harmless(change: SchemaChange, scope: SchemaScope): boolean {
  const kind = change.kinds[0]!;
  const looser = (LOWER_BOUND.test(kind) && /-(decreased|unset)$/.test(kind)) || (UPPER_BOUND.test(kind) && /-(increased|unset)$/.test(kind));
  const tighter = (LOWER_BOUND.test(kind) && /-(increased|set)$/.test(kind)) || (UPPER_BOUND.test(kind) && /-(decreased|set)$/.test(kind));
  if (scope.direction === 'request' && (looser || kind === 'additional-properties-allowed')) return true;
  if (scope.direction === 'response' && (tighter || kind === 'became-enum' || kind === 'x-extensible-enum-value-removed' || kind === 'additional-properties-disallowed')) return true;
  if (scope.kind === 'body') return false;
  return (kind === 'property-added' && !change.required) || kind === 'property-became-optional' || kind === 'deprecated' || kind === 'deprecated-with-sunset' || kind === 'reactivated' || kind === 'stability-increased';
}

/** The rule a change is reported with: its own, or the direction's catch-all; undefined only for harmless changes. */
export function ruleOf(ctx: DiffContext, change: SchemaChange, scope: SchemaScope, depth: number): string | undefined {
  const general = change.kinds.flatMap(generalKinds).filter((k) => !change.kinds.includes(k));
  const rule = ruleFor(ctx, general.length ? { ...change, kinds: [...change.kinds, ...general] } : change, scope, depth);
  if (rule !== undefined && ctx.has(rule)) return rule;
  if (harmless(change, scope)) return undefined;
  return scope.direction === 'request' ? 'request-schema-changed' : 'response-schema-changed';
}
