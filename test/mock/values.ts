/** Checks an answer against the spec with the runtime's own response validators (ajv, formats included). */
import { Validators } from '@covenant/runtime/toolchain';
import { buildDefinition } from '../../src/gen/typescript/server/definition.js';
import { loadOpenApi } from '../../src/spec/openapi/load.js';
import { listOperations } from '../../src/spec/openapi/operations.js';

export type ResponseCheck = (operationId: string, status: string, type: string, body: unknown) => string[];

export async function responseChecker(file: string): Promise<ResponseCheck> {
  const spec = await loadOpenApi(file);
  const definition = buildDefinition(spec, listOperations(spec));
  const validators = new Validators(definition);
  return (operationId, status, type, body) => {
    const op = definition.operations.find((o) => o.id === operationId);
    const media = op?.responses?.[status]?.content?.[type];
    if (!media) return [`${operationId} documents no ${status} ${type}`];
    const validate = validators.compile('response', media.schema ?? {});
    return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message}`);
  };
}
