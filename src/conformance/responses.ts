/**
 * Every answer is checked against what the spec documents for its operation: status, content type,
 * headers and the JSON body (the runtime's ajv validators, compiled once per schema and reused).
 */
import type { Operation, Response } from '../spec/openapi/operations.js';
import { validatorFor, type SchemaDataOptions, type SchemaValidator } from '../schema-data/index.js';
import type { CheckId } from './checks.js';
import type { TestResponse } from './http.js';

export interface Failure {
  check: CheckId;
  message: string;
}

const JSON_TYPE = /^application\/([\w.+-]*\+)?json$/i;

export class ResponseChecker {
  private readonly validators = new Map<string, SchemaValidator>();

  constructor(private readonly options: SchemaDataOptions) {}

  /** The documented response for a status: exact, then `4XX`, then `default`. */
  documented(operation: Operation, status: number): Response | undefined {
    const text = String(status);
    return (
      operation.responses.find((r) => r.status === text) ??
      operation.responses.find((r) => r.status.toUpperCase() === `${text[0]}XX`) ??
      operation.responses.find((r) => r.status === 'default')
    );
  }

  check(operation: Operation, response: TestResponse): Failure[] {
    const failures: Failure[] = [];
    if (response.status >= 500) failures.push({ check: 'not-a-server-error', message: `answered ${response.status}${excerpt(response)}` });
    const documented = this.documented(operation, response.status);
    if (!documented) {
      const listed = operation.responses.map((r) => r.status).join(', ');
      if (response.status < 500) failures.push({ check: 'status-code-conformance', message: `answered ${response.status}, which the spec does not document (documented: ${listed})` });
      return failures;
    }
    failures.push(...this.headers(operation, documented, response));
    const types = Object.keys(documented.content);
    if (!types.length || response.status === 204 || response.status === 304) return failures;
    const received = (response.headers.get('content-type') ?? '').split(';')[0]!.trim().toLowerCase();
    if (!received) {
      if (response.text.length) failures.push({ check: 'content-type-conformance', message: `answered ${response.status} with a body but no Content-Type (documented: ${types.join(', ')})` });
      return failures;
    }
    const media = types.find((t) => t.toLowerCase() === received) ?? types.find((t) => matchesRange(t, received));
    if (!media) {
      failures.push({ check: 'content-type-conformance', message: `answered ${response.status} as ${received}, not a documented type (${types.join(', ')})` });
      return failures;
    }
    const schema = documented.content[media]!.schema;
    if (schema && JSON_TYPE.test(received)) {
      if (response.jsonError) failures.push({ check: 'response-schema-conformance', message: `answered ${response.status} with a body that is not JSON: ${response.jsonError}` });
      else {
        const valid = this.validator(`${operation.pointer.join('/')} ${documented.status} ${media}`, schema);
        if (!valid(response.json)) failures.push({ check: 'response-schema-conformance', message: `answered ${response.status} with a body that does not match the schema: ${valid.errors().slice(0, 3).join('; ')}` });
      }
    }
    return failures;
  }

  private headers(operation: Operation, documented: Response, response: TestResponse): Failure[] {
    const failures: Failure[] = [];
    for (const [name, header] of Object.entries(documented.headers)) {
      if (name.toLowerCase() === 'content-type') continue;
      const value = response.headers.get(name);
      if (value === null) {
        if (header.required === true) failures.push({ check: 'response-headers-conformance', message: `answered ${response.status} without the required header ${name}` });
        continue;
      }
      if (!header.schema) continue;
      const valid = this.validator(`${operation.pointer.join('/')} ${documented.status} header ${name}`, header.schema, 'params');
      if (!valid(value)) failures.push({ check: 'response-headers-conformance', message: `answered ${response.status} with header ${name}: ${JSON.stringify(value)}, which does not match its schema: ${valid.errors().slice(0, 2).join('; ')}` });
    }
    return failures;
  }

  private validator(key: string, schema: unknown, kind: 'response' | 'params' = 'response'): SchemaValidator {
    let valid = this.validators.get(key);
    if (!valid) this.validators.set(key, (valid = validatorFor(schema, { ...this.options, direction: 'response', kind })));
    return valid;
  }
}

function matchesRange(documented: string, received: string): boolean {
  const [type, sub] = documented.toLowerCase().split('/');
  const [rType] = received.split('/');
  return (type === '*' && sub === '*') || (sub === '*' && type === rType);
}

function excerpt(response: TestResponse): string {
  const text = response.text.replace(/\s+/g, ' ').trim();
  return text ? `: ${text.slice(0, 120)}${text.length > 120 ? '…' : ''}` : '';
}
