/**
 * Spec rules that make a document unusable for generated code: each would otherwise generate a
 * client that requests `/a/{id}` literally, a handler that gets `{}`, or a server that fails only
 * when it starts. Declared once here; `covenant gen` refuses the first one at its position (exit 2)
 * and `covenant lint` reports every one as a finding.
 */
import type { Finding } from '../../findings.js';
import type { OpenApiSpec } from './load.js';
import { deref, HTTP_METHODS } from './operations.js';

type Segments = (string | number)[];

interface Problem {
  at: Segments;
  message: string;
}

export interface SpecRule {
  id: string;
  description: string;
  /** What to do about it (the hint of the gen error). */
  fix: string;
  /** Redocly rules that report the same problem at the same place (lint keeps ours only). */
  replaces: string[];
  check(spec: OpenApiSpec): Problem[];
}

interface OperationAt {
  path: string;
  method: string;
  operation: Record<string, any>;
  item: Record<string, any>;
  at: Segments;
}

function operationsOf(spec: OpenApiSpec): OperationAt[] {
  const out: OperationAt[] = [];
  const paths = (spec.document.paths ?? {}) as Record<string, unknown>;
  for (const path of Object.keys(paths)) {
    const item = deref<Record<string, any>>(spec.document, paths[path] as Record<string, any>);
    if (!item || typeof item !== 'object') continue;
    for (const method of HTTP_METHODS) {
      const operation = item[method];
      if (operation && typeof operation === 'object') out.push({ path, method, operation, item, at: ['paths', path, method] });
    }
  }
  return out;
}

/** `{a}` names of a path template, per segment; with the template's own problems. */
export function parsePathTemplate(path: string): { names: string[]; problems: string[] } {
  const names: string[] = [];
  const problems: string[] = [];
  const query = path.indexOf('?');
  if (query >= 0) problems.push(`has a query string ("${path.slice(query)}"): query parameters are declared with \`in: query\`, not written in the path`);
  for (const segment of (query >= 0 ? path.slice(0, query) : path).split('/')) {
    let at = 0;
    let previousEnd = -1;
    let previousName = '';
    for (;;) {
      const open = segment.indexOf('{', at);
      const close = segment.indexOf('}', at);
      if (open < 0) {
        if (close >= 0) problems.push(`"}" without "{" in segment "${segment}"`);
        break;
      }
      if (close >= 0 && close < open) {
        problems.push(`"}" without "{" in segment "${segment}"`);
        break;
      }
      const end = segment.indexOf('}', open);
      if (end < 0) {
        problems.push(`unclosed "{" in segment "${segment}"`);
        break;
      }
      const name = segment.slice(open + 1, end);
      if (name === '' || name.includes('{')) problems.push(`parameter name "${name}" in segment "${segment}" is not a name`);
      else if (names.includes(name)) problems.push(`parameter {${name}} appears twice`);
      if (previousEnd >= 0 && open === previousEnd) {
        problems.push(`parameters {${previousName}} and {${name}} touch in segment "${segment}": nothing tells where one ends`);
      }
      names.push(name);
      previousName = name;
      previousEnd = end + 1;
      at = end + 1;
    }
  }
  return { names, problems };
}

const STATUS = /^([1-5][0-9][0-9]|[1-5]XX|default)$/;

export const SPEC_RULES: SpecRule[] = [
  {
    id: 'path-template-valid',
    description: 'a path template has balanced braces, named parameters, each once, and literal text between two parameters of one segment',
    fix: 'balance the braces, name each parameter once, and put literal text between two parameters (`{x}.{y}`); a query string belongs in `in: query` parameters',
    replaces: [],
    check(spec) {
      return Object.keys((spec.document.paths ?? {}) as object).flatMap((path) =>
        parsePathTemplate(path).problems.map((problem) => ({ at: ['paths', path], message: `path ${path}: ${problem}` })),
      );
    },
  },
  {
    id: 'path-parameters-defined',
    description: 'every {parameter} of a path template is declared `in: path` by the operation or its path item',
    fix: 'declare it under `parameters` with `in: path, required: true`, or remove it from the path',
    replaces: ['path-parameters-defined'],
    check(spec) {
      const problems: Problem[] = [];
      for (const op of operationsOf(spec)) {
        const declared = new Set<string>();
        for (const list of [op.item.parameters, op.operation.parameters]) {
          for (const raw of Array.isArray(list) ? list : []) {
            const p = deref<Record<string, any>>(spec.document, raw);
            if (p && p.in === 'path' && typeof p.name === 'string') declared.add(p.name);
          }
        }
        const inTemplate = new Set(parsePathTemplate(op.path).names);
        // a declared path parameter the template lacks is most often the same one, misspelt
        const strays = [...declared].filter((d) => !inTemplate.has(d));
        const also = strays.length > 0 ? ` (it declares ${strays.map((d) => `{${d}}`).join(', ')}, which the path does not have)` : '';
        for (const name of inTemplate) {
          if (name && !declared.has(name)) {
            problems.push({ at: op.at, message: `${op.method.toUpperCase()} ${op.path} does not declare its path parameter {${name}}${also}` });
          }
        }
      }
      return problems;
    },
  },
  {
    id: 'path-template-unique',
    description: 'two paths that differ only in parameter names are the same path (OpenAPI: they must not both exist with one method)',
    fix: 'merge the two path items into one',
    replaces: ['no-identical-paths'],
    check(spec) {
      const seen = new Map<string, string>();
      const problems: Problem[] = [];
      for (const op of operationsOf(spec)) {
        const key = `${op.method} ${op.path.replace(/\{[^}]*\}/g, '{}')}`;
        const before = seen.get(key);
        if (before !== undefined && before !== op.path) {
          problems.push({ at: op.at, message: `${op.method.toUpperCase()} ${op.path} is the same route as ${op.method.toUpperCase()} ${before}` });
        } else seen.set(key, op.path);
      }
      return problems;
    },
  },
  {
    id: 'response-status-code',
    description: 'a response key is an HTTP status code (100-599), a range such as 4XX, or default',
    fix: "use a status code such as '200', a range such as '4XX', or 'default'",
    replaces: ['struct'],
    check(spec) {
      const problems: Problem[] = [];
      for (const op of operationsOf(spec)) {
        const responses = op.operation.responses;
        if (!responses || typeof responses !== 'object') continue;
        for (const status of Object.keys(responses)) {
          if (!STATUS.test(status)) {
            problems.push({ at: [...op.at, 'responses', status], message: `${op.method.toUpperCase()} ${op.path}: response "${status}" is not a status code` });
          }
        }
      }
      return problems;
    },
  },
  {
    id: 'security-scheme-defined',
    description: 'a security requirement names a scheme declared under components.securitySchemes',
    fix: 'declare the scheme under components.securitySchemes, or fix the name',
    replaces: ['security-defined'],
    check(spec) {
      const schemes = new Set(Object.keys((spec.document.components?.securitySchemes ?? {}) as object));
      const problems: Problem[] = [];
      const visit = (requirements: unknown, at: Segments, where: string) => {
        if (!Array.isArray(requirements)) return;
        requirements.forEach((requirement, i) => {
          if (!requirement || typeof requirement !== 'object') return;
          for (const name of Object.keys(requirement)) {
            if (!schemes.has(name)) problems.push({ at: [...at, 'security', i, name], message: `${where} requires security scheme "${name}", which is not declared` });
          }
        });
      };
      visit(spec.document.security, [], 'the document');
      for (const op of operationsOf(spec)) visit(op.operation.security, op.at, `${op.method.toUpperCase()} ${op.path}`);
      return problems;
    },
  },
  {
    id: 'operation-operationId-unique',
    description: 'no two operations share an operationId (it names the client function and the handler)',
    fix: 'give each operation its own operationId',
    replaces: ['operation-operationId-unique'],
    check(spec) {
      const seen = new Map<string, string>();
      const problems: Problem[] = [];
      for (const op of operationsOf(spec)) {
        const id = op.operation.operationId;
        if (typeof id !== 'string') continue;
        const before = seen.get(id);
        const here = `${op.method.toUpperCase()} ${op.path}`;
        if (before) problems.push({ at: [...op.at, 'operationId'], message: `operationId "${id}" of ${here} is already used by ${before}` });
        else seen.set(id, here);
      }
      return problems;
    },
  },
];

/** Every spec-rule finding of a loaded spec, in the order of the table, each at its position. */
export function checkSpecRules(spec: OpenApiSpec): Finding[] {
  return SPEC_RULES.flatMap((rule) =>
    rule.check(spec).map((problem) => ({
      rule: rule.id,
      level: 'error' as const,
      message: problem.message,
      location: spec.locate(problem.at),
      spec: spec.name,
      details: { fix: rule.fix },
    })),
  );
}
