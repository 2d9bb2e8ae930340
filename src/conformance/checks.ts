/**
 * The checks of `covenant test`, declared once: ids follow Schemathesis' check names (kebab-case, as
 * every covenant rule id is) where the meaning is the same; `--list-checks`, SARIF and docs read this table.
 */
import type { RuleDescription } from '../report/index.js';

export const CHECKS = {
  'not-a-server-error': 'The provider never answers 5xx, to valid or invalid requests.',
  'status-code-conformance': 'Every status the provider answers is documented for the operation (explicitly, as a range such as 4XX, or by `default`).',
  'content-type-conformance': 'A response with a body has a Content-Type the spec documents for that status.',
  'response-headers-conformance': 'Headers the spec marks required are present, and documented headers match their schema.',
  'response-schema-conformance': 'A JSON body matches the schema of its status and media type (the runtime\'s ajv validators, writeOnly denied).',
  'negative-data-rejection': 'A request that breaks one constraint of the spec (type, bound, pattern, format, enum, required, ...) is not answered 2xx.',
  'positive-data-acceptance': 'A request valid by the spec is not answered 4xx, other than 401/403/404/409/412/429 (credentials, missing resource, conflict, precondition, rate limit).',
  'missing-required-header': 'A request without the credentials its security requires, or without a required header, is answered 4xx.',
  'unsupported-method': 'A method the path does not document is not answered 2xx.',
  'ensure-resource-availability': 'A resource the provider just created (201 with Location or id) can be read, changed and deleted through the operations that address it.',
  'use-after-free': 'A resource deleted with a 2xx answer is no longer readable.',
  'nothing-tested': 'The run sent requests and got answers: a run that tested nothing fails instead of passing silently.',
} as const;

export type CheckId = keyof typeof CHECKS;

export const CHECK_RULES: RuleDescription[] = Object.entries(CHECKS).map(([id, description]) => ({ id, level: 'error', description }));

/** 4xx answers a valid request may get without the provider being wrong. */
export const ACCEPTABLE_CLIENT_ERRORS = new Set([401, 403, 404, 409, 412, 429]);
