/** Swagger 2.0 → OpenAPI 3.0 with swagger2openapi (the converter Redocly and others rely on). */
import { createRequire } from 'node:module';
import { UserError } from '../../errors.js';
import type { OpenApiDocument } from './load.js';

const require = createRequire(import.meta.url);

export async function convertSwagger2(document: OpenApiDocument, file: string): Promise<OpenApiDocument> {
  const converter = require('swagger2openapi') as {
    convertObj(doc: unknown, options: Record<string, unknown>): Promise<{ openapi: OpenApiDocument }>;
  };
  try {
    const result = await converter.convertObj(structuredClone(document), { patch: true, warnOnly: true, resolve: false, direct: false });
    return result.openapi;
  } catch (error) {
    throw new UserError(`cannot convert Swagger 2.0 to OpenAPI 3.0: ${(error as Error).message}`, {
      position: { file },
      hint: 'fix the Swagger 2.0 document at that place, or convert it to OpenAPI 3 by hand',
    });
  }
}

const COMPONENT_HOMES: Record<string, string> = {
  schemas: 'definitions',
  parameters: 'parameters',
  responses: 'responses',
  securitySchemes: 'securityDefinitions',
  requestBodies: 'parameters',
};

/**
 * Where a node of the converted (3.0) document was written in the Swagger 2.0 document: the same
 * path for paths, operations, responses and security; `components/schemas/X` → `definitions/X`;
 * a response's `content/<type>/schema` → its `schema`; a parameter index skips the body and form
 * parameters that became the request body. The caller locates the longest prefix that exists.
 */
export function swagger2Segments(segments: readonly (string | number)[], original: OpenApiDocument): (string | number)[] {
  const s = [...segments];
  if (s[0] === 'components' && typeof s[1] === 'string' && COMPONENT_HOMES[s[1]]) return [COMPONENT_HOMES[s[1]]!, ...s.slice(2)];
  if (s[0] === 'servers') return ['host'];
  if (s[0] !== 'paths') return s;
  const out: (string | number)[] = [];
  for (let i = 0; i < s.length; i++) {
    const segment = s[i]!;
    if (segment === 'requestBody') {
      out.push('parameters');
      break;
    }
    if (segment === 'content' && out[out.length - 2] === 'responses') {
      // responses/<code>/content/<type>/schema/... → responses/<code>/schema/...
      out.push(...s.slice(i + 2));
      break;
    }
    if (segment === 'parameters' && typeof s[i + 1] !== 'undefined') {
      out.push('parameters', originalParameterIndex(original, out, Number(s[i + 1])));
      i++;
      continue;
    }
    out.push(segment);
  }
  return out;
}

function originalParameterIndex(original: OpenApiDocument, owner: readonly (string | number)[], converted: number): number {
  let node: any = original;
  for (const segment of owner) node = node?.[segment];
  const list = Array.isArray(node?.parameters) ? (node.parameters as unknown[]) : [];
  let seen = -1;
  for (let i = 0; i < list.length; i++) {
    let p: any = list[i];
    if (p && typeof p.$ref === 'string' && p.$ref.startsWith('#/parameters/')) p = original.parameters?.[decodeURIComponent(p.$ref.slice(13))];
    if (p && (p.in === 'body' || p.in === 'formData')) continue;
    if (++seen === converted) return i;
  }
  return converted;
}
