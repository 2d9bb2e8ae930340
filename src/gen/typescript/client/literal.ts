/**
 * Plain data (the operation table) printed as a TypeScript expression: every string through
 * stringLiteral, every key through propertyKey, so spec text never reaches the code unescaped.
 */
import { propertyKey, stringLiteral } from '../../naming.js';

export function literal(value: unknown, indent = ''): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return stringLiteral(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return String(value);
  const inner = `${indent}  `;
  if (Array.isArray(value)) {
    if (value.length === 0) return '[]';
    const items = value.map((v) => literal(v, inner));
    const oneLine = `[${items.join(', ')}]`;
    return oneLine.length <= 100 && !oneLine.includes('\n') ? oneLine : `[\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0) return '{}';
    const items = entries.map(([k, v]) => `${propertyKey(k)}: ${literal(v, inner)}`);
    const oneLine = `{ ${items.join(', ')} }`;
    return oneLine.length <= 100 && !oneLine.includes('\n') ? oneLine : `{\n${items.map((i) => `${inner}${i},`).join('\n')}\n${indent}}`;
  }
  return 'undefined';
}
