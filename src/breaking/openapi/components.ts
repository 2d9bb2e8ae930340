/** Document-level elements: webhooks (3.1) and named component schemas. */
import type { DiffContext } from './context.js';

export function diffComponents(ctx: DiffContext): void {
  const hooksA = (ctx.base.document.webhooks ?? {}) as Record<string, unknown>;
  const hooksB = (ctx.revision.document.webhooks ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(hooksA)) {
    if (!(name in hooksB)) ctx.emit({ rule: 'webhook-removed', message: `Webhook \`${name}\` was removed`, side: 'base', pointer: ['webhooks', name], details: { before: name } });
  }
  for (const name of Object.keys(hooksB)) {
    if (!(name in hooksA)) ctx.emit({ rule: 'webhook-added', message: `Webhook \`${name}\` was added`, side: 'revision', pointer: ['webhooks', name], details: { after: name } });
  }
  const schemasA = (ctx.base.document.components?.schemas ?? {}) as Record<string, unknown>;
  const schemasB = (ctx.revision.document.components?.schemas ?? {}) as Record<string, unknown>;
  for (const name of Object.keys(schemasA)) {
    if (!(name in schemasB)) ctx.emit({ rule: 'api-schema-removed', message: `Component schema \`${name}\` was removed`, side: 'base', pointer: ['components', 'schemas', name], details: { before: name } });
  }
}
