/**
 * The rules table audits itself, like oasdiff's rule_symmetry_test: a change that breaks clients in one
 * direction has its opposite change in the other direction declared too (a tighter request bound ↔ a looser
 * response bound), every action has its opposite action in the same direction, and ids shared with oasdiff
 * keep oasdiff's level and direction. Every gap needs a written waiver; a waiver that no longer matches a
 * gap fails the test (so waivers cannot go stale).
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { OPENAPI_RULES } from '../../../src/breaking/openapi/index.js';

const ids = new Set(OPENAPI_RULES.map((r) => r.id));

const ACTIONS: Array<[string, string]> = [
  ['increased', 'decreased'],
  ['added', 'removed'],
  ['set', 'unset'],
  ['narrowed', 'widened'],
  ['generalized', 'specialized'],
  ['became-nullable', 'became-not-nullable'],
  ['became-required', 'became-optional'],
  ['disallowed', 'allowed'],
];

function oppositeAction(stem: string): string | undefined {
  for (const [a, b] of ACTIONS) {
    if (stem === a) return b;
    if (stem === b) return a;
    if (stem.endsWith(`-${a}`)) return stem.slice(0, -a.length) + b;
    if (stem.endsWith(`-${b}`)) return stem.slice(0, -b.length) + a;
  }
  return undefined;
}

/** Gaps: `mirror <id> -> <missing>` and `opposite <id> -> <missing>`. */
function gaps(): string[] {
  const out: string[] = [];
  for (const rule of OPENAPI_RULES) {
    const m = /^(request|response)-(body|property)-(.*)$/.exec(rule.id);
    if (!m) continue;
    const [, direction, subject, stem] = m as unknown as [string, string, string, string];
    const other = direction === 'request' ? 'response' : 'request';
    const opposite = oppositeAction(stem);
    if (rule.level !== 'info') {
      const mirror = `${other}-${subject}-${opposite ?? stem}`;
      if (!ids.has(mirror)) out.push(`mirror ${rule.id} -> ${mirror}`);
    }
    if (opposite && !ids.has(`${direction}-${subject}-${opposite}`)) out.push(`opposite ${rule.id} -> ${direction}-${subject}-${opposite}`);
  }
  return out;
}

const WAIVERS: Array<{ gap: RegExp; reason: string }> = [
  { gap: /^mirror request-body-(added-required|became-required|removed|media-type-removed) /, reason: 'request bodies have no response twin: responses are matched by status and media type (response-success-status-*, response-media-type-*)' },
  { gap: /^mirror request-(body|property)-became-enum /, reason: 'a response that becomes an enum only narrows what clients receive: not a change to report' },
  { gap: /^mirror request-(body|property)-(exclusive-)?(min|max)-set /, reason: 'a response bound that is dropped is reported as response-*-(min-decreased|max-increased), as oasdiff does' },
  { gap: /^mirror request-property-became-required-with-default /, reason: 'defaults matter to what clients send only' },
  { gap: /^mirror request-property-removed -> response-property-added/, reason: 'response additions are named response-{required,optional}-property-added' },
  { gap: /^mirror request-property-x-extensible-enum-value-removed /, reason: 'an x-extensible-enum tells clients to expect new values: adding one to a response breaks nobody' },
  { gap: /^mirror response-(body|property)-type-generalized -> request-\1-type-specialized/, reason: 'narrowing a request type is request-*-type-changed (error): oasdiff has no request specialised id' },
  { gap: /^mirror request-body-enum-value-removed -> response-body-enum-value-added/, reason: 'a new enum value in a whole response body is reported with response-property-enum-value-added (warning)' },
  { gap: /^opposite request-body-removed -> request-body-added/, reason: 'a body that appears is request-body-added-required / -optional' },
  { gap: /^opposite request-property-removed -> request-property-added/, reason: 'request additions are new-required-request-property / new-optional-request-property' },
  { gap: /^opposite (request|response)-(body|property)-discriminator-mapping-added /, reason: 'oasdiff calls the opposite discriminator-mapping-deleted' },
  { gap: /^opposite request-(body|property)-(exclusive-)?(min|max|max-length|min-items)-set -> /, reason: 'a request bound that is dropped only relaxes: reported as -decreased/-increased (info) where oasdiff has one, else silent' },
  { gap: /^opposite request-(body|property)-min-items-increased /, reason: 'oasdiff has no info rule for a relaxed request minItems; relaxing cannot break clients, so it is silent' },
  { gap: /^opposite request-(body|property)-type-generalized /, reason: 'narrowing a request type is request-*-type-changed (error)' },
  { gap: /^opposite request-property-x-extensible-enum-value-removed /, reason: 'a new x-extensible-enum value in a request breaks nobody' },
  { gap: /^opposite response-(body|property)-((exclusive-)?(min|max)|max-length|min-items|min-length)-(increased|decreased|unset) /, reason: 'a tighter response bound only narrows what clients receive: oasdiff has no rule and neither do we' },
  { gap: /^opposite (request|response)-property-additional-properties-(dis)?allowed /, reason: 'covenant-only rules: the opposite change (a request that accepts more, a response that promises fewer shapes) breaks nobody' },
  { gap: /^opposite request-property-pattern-generalized /, reason: 'a pattern replaced by one that matches anything; the opposite is request-property-pattern-added / -changed' },
  { gap: /^opposite request-body-enum-value-removed -> request-body-enum-value-added/, reason: 'a new enum value in a whole request body is request-property-enum-value-added (info)' },
];

describe('OpenAPI rules table', () => {
  it('has unique ids, a level and a description for each rule', () => {
    expect(ids.size).toBe(OPENAPI_RULES.length);
    for (const rule of OPENAPI_RULES) {
      expect(rule.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(['error', 'warning', 'info']).toContain(rule.level);
      expect(rule.description.length).toBeGreaterThan(10);
    }
  });

  it("keeps oasdiff's level and direction for every id it shares with oasdiff", () => {
    const tsv = readFileSync(join(import.meta.dirname, 'oasdiff-check-ids.tsv'), 'utf8').trim().split('\n').slice(1);
    const oasdiff = new Map(tsv.map((line) => line.split('\t')).map(([id, level, direction]) => [id!, { level: { ERR: 'error', WARN: 'warning', INFO: 'info' }[level!], direction }]));
    const shared = OPENAPI_RULES.filter((r) => oasdiff.has(r.id));
    expect(shared.length).toBeGreaterThan(400);
    for (const rule of shared) expect({ id: rule.id, level: rule.level, direction: rule.direction }).toEqual({ id: rule.id, ...oasdiff.get(rule.id) });
  });

  it('declares every ERR and WARN id of oasdiff that applies to OpenAPI 3.0/3.1 schemas', () => {
    const tsv = readFileSync(join(import.meta.dirname, 'oasdiff-check-ids.tsv'), 'utf8').trim().split('\n').slice(1);
    const breaking = tsv.map((line) => line.split('\t')).filter(([, level]) => level !== 'INFO').map(([id]) => id!);
    const missing = breaking.filter((id) => !ids.has(id));
    expect(missing).toEqual([]);
  });

  it('is symmetric: each gap between request/response and added/removed rules has a written waiver', () => {
    const found = gaps();
    const unwaived = found.filter((gap) => !WAIVERS.some((w) => w.gap.test(gap)));
    expect(unwaived).toEqual([]);
    const stale = WAIVERS.filter((w) => !found.some((gap) => w.gap.test(gap))).map((w) => String(w.gap));
    expect(stale).toEqual([]);
  });
});
