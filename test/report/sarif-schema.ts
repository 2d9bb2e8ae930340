/**
 * The official SARIF 2.1.0 JSON Schema (OASIS, final "rtm.5" text), as shipped in
 * @microsoft/jest-sarif. It is written in draft-04; ajv 8 reads draft-07, and the two differ
 * here only in the `id`/`$id` keyword and `$schema`, which are rewritten before compiling.
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { Ajv, type ValidateFunction } from 'ajv';
import addFormatsModule from 'ajv-formats';

const require = createRequire(import.meta.url);
const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv;

let validate: ValidateFunction | undefined;

export function sarifSchema(): Record<string, unknown> {
  const file = join(dirname(require.resolve('@microsoft/jest-sarif/package.json')), 'lib', 'schemas', 'sarif-2.1.0-rtm.5.json');
  const schema = JSON.parse(readFileSync(file, 'utf8')) as Record<string, unknown>;
  if (typeof schema.id !== 'string' || !String(schema.title).includes('2.1.0')) throw new Error('unexpected SARIF schema file');
  const { id, $schema: _draft04, ...rest } = schema;
  return { $schema: 'http://json-schema.org/draft-07/schema#', $id: id, ...rest };
}

/** [] when `log` is a valid SARIF 2.1.0 log, else ajv's errors as `path message` lines. */
export function validateSarif(log: unknown): string[] {
  if (!validate) {
    // the schema's `language` pattern has a stray `]`, legal only without the u flag
    const ajv = new Ajv({ allErrors: true, strict: false, unicodeRegExp: false });
    addFormats(ajv);
    validate = ajv.compile(sarifSchema());
  }
  return validate(log) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}
