/**
 * Gen-time warnings for discriminators the server runtime cannot enforce: one line each, at the
 * `discriminator` in the spec (`file:line:col`), saying why (the same decision the runtime makes,
 * `judgeDiscriminator`). Validation still runs the rest of the schema (its oneOf/anyOf).
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { judgeDiscriminator } from '@covenant/runtime/toolchain';
import { discriminatorContext } from './definition.js';

/** Keys whose values are data, not schemas. */
const DATA_KEYS = new Set(['example', 'examples', 'default', 'enum', 'const']);

export function discriminatorWarnings(spec: OpenApiSpec): string[] {
  const context = discriminatorContext(spec);
  const found: Array<{ segments: (string | number)[]; schema: Record<string, any> }> = [];
  const walk = (value: unknown, segments: (string | number)[], depth: number) => {
    if (!value || typeof value !== 'object' || depth > 200) return;
    if (Array.isArray(value)) {
      value.forEach((item, i) => walk(item, [...segments, i], depth + 1));
      return;
    }
    const record = value as Record<string, any>;
    if (record.discriminator && typeof record.discriminator === 'object' && !Array.isArray(record.discriminator) && segments.at(-1) !== 'properties') found.push({ segments, schema: record });
    for (const [key, child] of Object.entries(record)) {
      if (DATA_KEYS.has(key) || key.startsWith('x-')) continue;
      walk(child, [...segments, key], depth + 1);
    }
  };
  walk(spec.document, [], 0);
  const warnings: string[] = [];
  for (const { segments, schema } of found) {
    const own = segments.length === 3 && segments[0] === 'components' && segments[1] === 'schemas' ? `#/components/schemas/${String(segments[2]).replace(/~/g, '~0').replace(/\//g, '~1')}` : undefined;
    const verdict = judgeDiscriminator(schema, own, context);
    if (verdict.kind !== 'dropped') continue;
    const at = spec.locate([...segments, 'discriminator']);
    const where = `${at.file}${at.line !== undefined ? `:${at.line}${at.column !== undefined ? `:${at.column}` : ''}` : ''}`;
    const tag = typeof schema.discriminator.propertyName === 'string' ? ` "${schema.discriminator.propertyName}"` : '';
    warnings.push(`${where}: discriminator${tag} is not enforced by the server: ${verdict.reason} (the rest of the schema still validates)`);
  }
  return warnings;
}
