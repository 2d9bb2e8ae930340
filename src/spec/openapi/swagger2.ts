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
