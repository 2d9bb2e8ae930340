/** Security: per-operation and global requirements (schemes and scopes), and the security schemes themselves. */
import type { DiffContext } from './context.js';
import type { Segments } from './normalize.js';

type Requirement = Record<string, string[]>;

function keyOf(requirement: Requirement): string {
  return Object.keys(requirement).sort().join(' + ') || '(none)';
}

function byKey(list: unknown): Map<string, { requirement: Requirement; index: number }> {
  const out = new Map<string, { requirement: Requirement; index: number }>();
  if (!Array.isArray(list)) return out;
  list.forEach((requirement, index) => {
    if (requirement && typeof requirement === 'object') out.set(keyOf(requirement as Requirement), { requirement: requirement as Requirement, index });
  });
  return out;
}

/**
 * Compare two `security` arrays (alternatives of scheme sets). `global` picks the api-global-security-*
 * ids; the operation's own array picks api-security-*.
 */
export function diffSecurity(
  ctx: DiffContext,
  baseList: unknown,
  revisionList: unknown,
  at: { base: Segments; revision: Segments },
  global: boolean,
  baseName?: string,
  name?: string,
): void {
  const prefix = global ? 'api-global-security' : 'api-security';
  const what = global ? 'Global security requirement' : 'Security requirement';
  const before = byKey(baseList);
  const after = byKey(revisionList);
  for (const [key, { index }] of before) {
    if (!after.has(key)) ctx.emit({ rule: `${prefix}-removed`, message: `${what} \`${key}\` was removed`, side: 'base', pointer: [...at.base, index], operation: baseName, details: { before: key } });
  }
  for (const [key, { index }] of after) {
    if (!before.has(key)) ctx.emit({ rule: `${prefix}-added`, message: `${what} \`${key}\` was added`, side: 'revision', pointer: [...at.revision, index], operation: name, details: { after: key } });
  }
  for (const [key, x] of before) {
    const y = after.get(key);
    if (!y) continue;
    for (const scheme of Object.keys(x.requirement)) {
      const scopesA = new Set((x.requirement[scheme] ?? []).map(String));
      const scopesB = new Set((y.requirement[scheme] ?? []).map(String));
      for (const scope of scopesB) {
        if (!scopesA.has(scope)) ctx.emit({ rule: `${prefix}-scope-added`, message: `${what} \`${scheme}\` now needs scope \`${scope}\``, side: 'revision', pointer: [...at.revision, y.index, scheme], operation: name, details: { after: scope }, key: scope });
      }
      for (const scope of scopesA) {
        if (!scopesB.has(scope)) ctx.emit({ rule: `${prefix}-scope-removed`, message: `${what} \`${scheme}\` no longer needs scope \`${scope}\``, side: 'base', pointer: [...at.base, x.index, scheme], operation: baseName, details: { before: scope }, key: scope });
      }
    }
  }
}

/** components.securitySchemes: removed/added schemes, type changes, OAuth URLs and scopes. */
export function diffSecuritySchemes(ctx: DiffContext): void {
  const a = (ctx.base.document.components?.securitySchemes ?? {}) as Record<string, any>;
  const b = (ctx.revision.document.components?.securitySchemes ?? {}) as Record<string, any>;
  const at = (name: string) => ['components', 'securitySchemes', name];
  for (const name of Object.keys(a)) {
    if (!(name in b)) ctx.emit({ rule: 'api-security-component-removed', message: `Security scheme \`${name}\` was removed`, side: 'base', pointer: at(name), details: { before: name } });
  }
  for (const name of Object.keys(b)) {
    if (!(name in a)) ctx.emit({ rule: 'api-security-component-added', message: `Security scheme \`${name}\` was added`, side: 'revision', pointer: at(name), details: { after: name } });
  }
  for (const name of Object.keys(a)) {
    const x = a[name] ?? {};
    const y = b[name];
    if (!y) continue;
    if (x.type !== y.type) {
      ctx.emit({ rule: 'api-security-component-type-changed', message: `Security scheme \`${name}\` type changed from ${x.type} to ${y.type}`, side: 'revision', pointer: [...at(name), 'type'], details: { before: x.type, after: y.type } });
      continue;
    }
    const flowsA = (x.flows ?? {}) as Record<string, any>;
    const flowsB = (y.flows ?? {}) as Record<string, any>;
    for (const flow of Object.keys(flowsA)) {
      const fa = flowsA[flow] ?? {};
      const fb = flowsB[flow];
      if (!fb) continue;
      const where = [...at(name), 'flows', flow];
      if (fa.authorizationUrl !== fb.authorizationUrl) ctx.emit({ rule: 'api-security-component-oauth-url-changed', message: `Security scheme \`${name}\` ${flow} authorizationUrl changed from ${fa.authorizationUrl} to ${fb.authorizationUrl}`, side: 'revision', pointer: where, details: { before: fa.authorizationUrl, after: fb.authorizationUrl } });
      if (fa.tokenUrl !== fb.tokenUrl) ctx.emit({ rule: 'api-security-component-oauth-token-url-changed', message: `Security scheme \`${name}\` ${flow} tokenUrl changed from ${fa.tokenUrl} to ${fb.tokenUrl}`, side: 'revision', pointer: where, details: { before: fa.tokenUrl, after: fb.tokenUrl } });
      const sa = (fa.scopes ?? {}) as Record<string, string>;
      const sb = (fb.scopes ?? {}) as Record<string, string>;
      for (const s of Object.keys(sa)) {
        if (!(s in sb)) ctx.emit({ rule: 'api-security-component-oauth-scope-removed', message: `Security scheme \`${name}\` ${flow} scope \`${s}\` was removed`, side: 'base', pointer: [...where, 'scopes', s], details: { before: s }, key: s });
        else if (sa[s] !== sb[s]) ctx.emit({ rule: 'api-security-component-oauth-scope-changed', message: `Security scheme \`${name}\` ${flow} scope \`${s}\` description changed`, side: 'revision', pointer: [...where, 'scopes', s], details: { before: sa[s], after: sb[s] }, key: s });
      }
      for (const s of Object.keys(sb)) {
        if (!(s in sa)) ctx.emit({ rule: 'api-security-component-oauth-scope-added', message: `Security scheme \`${name}\` ${flow} scope \`${s}\` was added`, side: 'revision', pointer: [...where, 'scopes', s], details: { after: s }, key: s });
      }
    }
  }
}
