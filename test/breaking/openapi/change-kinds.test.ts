/**
 * Nothing is dropped: every change kind the schema comparison can emit (CHANGE_KINDS) has a rule wherever it can
 * occur in a body, a change of an undeclared kind is refused (an internal error, never silence), and in parameters
 * and headers a change no specific rule names is reported with the catch-all request/response-schema-changed.
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { DiffContext } from '../../../src/breaking/openapi/context.js';
import { CHANGE_KINDS, type SchemaChange } from '../../../src/breaking/openapi/schema.js';
import { emitSchemaDiff, ruleOf, type SchemaScope } from '../../../src/breaking/openapi/schema-findings.js';

const FIXTURE = join(import.meta.dirname, 'fixtures', 'endpoint-added', 'base.yaml');

/** Kinds about a named property (its existence, flags or lifecycle): they occur one level below a schema. */
const NAMED = /^(property-|required-property-|optional-property-|stability-|deprecated|sunset-|reactivated$)/;

/**
 * The only changes reported by no rule, by direction: what no client can notice. A request that accepts more (a
 * looser bound, additional properties allowed); a response that returns less (a tighter bound, an enum where there
 * was none, fewer x-extensible-enum values listed, no additional properties); and outside bodies, an optional
 * addition, a relaxation or a lifecycle note.
 */
const LOOSER = /^((min|exclusive-min|min-length|min-items|min-contains|min-properties)-(decreased|unset)|(max|exclusive-max|max-length|max-items|max-contains|max-properties)-(increased|unset))$/;
const TIGHTER = /^((min|exclusive-min|min-length|min-items|min-contains|min-properties)-(increased|set)|(max|exclusive-max|max-length|max-items|max-contains|max-properties)-(decreased|set))$/;
function unnoticed(direction: 'request' | 'response', kind: string, body: boolean): boolean {
  if (direction === 'request' && (LOOSER.test(kind) || kind === 'additional-properties-allowed')) return true;
  if (direction === 'response' && (TIGHTER.test(kind) || /^(became-enum|x-extensible-enum-value-removed|additional-properties-disallowed)$/.test(kind))) return true;
  return !body && /^(property-became-optional|deprecated|deprecated-with-sunset|reactivated|stability-increased)$/.test(kind);
}

async function context() {
  const spec = await loadOpenApi(FIXTURE, { name: 'kinds' });
  return new DiffContext(spec, spec, {});
}

function change(kind: string, flags: Partial<SchemaChange> = {}): SchemaChange {
  return { kinds: [kind], side: 'revision', pointer: [], text: 'changed', ...(NAMED.test(kind) ? { name: 'p' } : {}), ...flags };
}

describe('schema change kinds', () => {
  it('each kind has its own rule in request and response bodies, at the top and in a property', async () => {
    const ctx = await context();
    const unnamed: string[] = [];
    for (const direction of ['request', 'response'] as const) {
      const scope: SchemaScope = { kind: 'body', direction, label: `${direction} body`, operation: 'GET /x' };
      for (const kind of CHANGE_KINDS) {
        const depths = NAMED.test(kind) ? [1, 2] : [0, 1];
        for (const depth of depths) {
          for (const flags of [{ required: true }, { required: false }, { required: false, writeOnly: true }]) {
            const rule = ruleOf(ctx, change(kind, flags), scope, depth);
            if (rule === undefined ? !unnoticed(direction, kind, true) : rule.endsWith('-schema-changed')) unnamed.push(`${direction} depth ${depth} ${kind} -> ${rule ?? 'dropped'}`);
          }
        }
      }
    }
    expect([...new Set(unnamed)]).toEqual([]);
  });

  it('in parameters and headers, a kind without a specific rule gets the catch-all, never silence', async () => {
    const ctx = await context();
    const scopes: SchemaScope[] = [
      { kind: 'parameter', direction: 'request', label: 'query parameter `q`', operation: 'GET /x' },
      { kind: 'parameter', direction: 'request', label: 'header parameter `h`', headerParameter: true, operation: 'GET /x' },
      { kind: 'header', direction: 'response', label: 'response header `X` (200)', operation: 'GET /x' },
    ];
    const silent: string[] = [];
    for (const scope of scopes) {
      for (const kind of CHANGE_KINDS) {
        for (const depth of NAMED.test(kind) ? [1] : [0, 1]) {
          const rule = ruleOf(ctx, change(kind, { required: true }), scope, depth);
          if (rule === undefined && !unnoticed(scope.direction, kind, false)) silent.push(`${scope.label} ${kind}`);
        }
      }
    }
    expect(silent).toEqual([]);
  });

  it('refuses a change of an undeclared kind instead of dropping it', async () => {
    const ctx = await context();
    const root = { changes: [change('frobnicated')], children: [], done: true };
    expect(() => emitSchemaDiff(ctx, root, { kind: 'body', direction: 'response', label: 'response body', operation: 'GET /x' })).toThrow(/not declared in CHANGE_KINDS/);
  });
});
