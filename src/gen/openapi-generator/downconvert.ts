/**
 * OpenAPI 3.1 → 3.0 for generators that read 3.0 only (OpenAPI Generator before 7 reads 3.0; 7.x
 * reads 3.1 in beta). The simple, common 3.1 forms are rewritten to their 3.0 meaning; a schema
 * keyword with no 3.0 form is refused with its position, never dropped silently.
 *
 *   type: [T, "null"]            → type: T, nullable: true
 *   anyOf/oneOf with {type: null} → the other branches, nullable: true
 *   const: v                     → enum: [v]
 *   examples: [a, …] (schema)    → example: a
 *   exclusiveMinimum: n          → minimum: n, exclusiveMinimum: true (same for maximum)
 *   contentEncoding: base64      → format: byte;  contentMediaType (string) → format: binary
 *   $ref with sibling keywords   → allOf: [{$ref}] plus the siblings
 *   webhooks, jsonSchemaDialect, info.summary, license.identifier, $schema/$id/$comment: dropped
 */
import { UserError } from '../../errors.js';
import type { OpenApiSpec } from '../../spec/openapi/load.js';

type Json = Record<string, any>;
type Path = Array<string | number>;

/** Keywords of JSON Schema 2020-12 with no OpenAPI 3.0 form. */
const NO_30_FORM = [
  'prefixItems',
  'if',
  'then',
  'else',
  'dependentSchemas',
  'dependentRequired',
  'patternProperties',
  'unevaluatedProperties',
  'unevaluatedItems',
  'propertyNames',
  'contains',
  'minContains',
  'maxContains',
  '$defs',
  '$dynamicRef',
  '$dynamicAnchor',
];

const DROPPED_SCHEMA_KEYS = ['$schema', '$id', '$comment', '$anchor'];

/** A 3.0.3 copy of a 3.1 spec's bundled document (the spec itself is not touched). */
export function downConvert31(spec: OpenApiSpec): Json {
  const doc = structuredClone(spec.document) as Json;
  const refuse = (path: Path, keyword: string, why: string): never => {
    throw new UserError(`${keyword} ${why}; OpenAPI Generator before 7 reads OpenAPI 3.0 only`, {
      position: spec.locate([...path, keyword]),
      hint: 'write the schema in a form 3.0 can express, or use generator version 7.x with the option `openapi31: keep`',
    });
  };

  const schema = (node: unknown, path: Path): unknown => {
    if (!isObject(node)) return node;
    if (typeof node.$ref === 'string') {
      const siblings = Object.keys(node).filter((k) => k !== '$ref' && k !== 'description' && k !== 'summary');
      if (siblings.length === 0) return node;
      const { $ref, ...rest } = node;
      return schema({ allOf: [{ $ref }], ...rest }, path);
    }
    for (const keyword of NO_30_FORM) if (keyword in node) refuse(path, keyword, 'has no OpenAPI 3.0 form');
    for (const key of DROPPED_SCHEMA_KEYS) delete node[key];
    if (Array.isArray(node.type)) {
      const types = node.type as unknown[];
      const others = types.filter((t) => t !== 'null');
      if (others.length > 1) refuse(path, 'type', `lists several types (${others.join(', ')}) where 3.0 allows one`);
      if (others.length === 0) refuse(path, 'type', 'is only "null"');
      node.type = others[0];
      if (others.length < types.length) node.nullable = true;
    } else if (node.type === 'null') {
      refuse(path, 'type', 'is "null" outside anyOf/oneOf');
    }
    for (const combiner of ['anyOf', 'oneOf'] as const) {
      if (!Array.isArray(node[combiner])) continue;
      const branches = node[combiner] as unknown[];
      const kept = branches.filter((b) => !(isObject(b) && b.type === 'null' && Object.keys(b).every((k) => k === 'type' || k === 'description')));
      if (kept.length < branches.length) {
        node.nullable = true;
        if (kept.length === 0) refuse(path, combiner, 'allows only null');
        node[combiner] = kept;
      }
    }
    if ('const' in node) {
      node.enum = [node.const];
      delete node.const;
    }
    if (Array.isArray(node.examples)) {
      if (node.examples.length > 0 && node.example === undefined) node.example = node.examples[0];
      delete node.examples;
    }
    for (const [exclusive, bound] of [
      ['exclusiveMinimum', 'minimum'],
      ['exclusiveMaximum', 'maximum'],
    ] as const) {
      const value = node[exclusive];
      if (typeof value !== 'number') continue;
      const other = node[bound];
      const stricter = typeof other !== 'number' || (bound === 'minimum' ? value >= other : value <= other);
      if (stricter) {
        node[bound] = value;
        node[exclusive] = true;
      } else delete node[exclusive];
    }
    if (node.type === 'string' && node.format === undefined) {
      if (node.contentEncoding === 'base64') node.format = 'byte';
      else if (typeof node.contentMediaType === 'string') node.format = 'binary';
    }
    delete node.contentEncoding;
    delete node.contentMediaType;
    if (isObject(node.properties)) for (const name of Object.keys(node.properties)) node.properties[name] = schema(node.properties[name], [...path, 'properties', name]);
    for (const key of ['items', 'additionalProperties', 'not'] as const) if (isObject(node[key])) node[key] = schema(node[key], [...path, key]);
    for (const key of ['allOf', 'anyOf', 'oneOf'] as const) {
      if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map((s, i) => schema(s, [...path, key, i]));
    }
    return node;
  };

  /** Everything that is not a schema: recurse, and convert every `schema` value met on the way. */
  const walk = (node: unknown, path: Path): void => {
    if (Array.isArray(node)) {
      node.forEach((item, i) => walk(item, [...path, i]));
      return;
    }
    if (!isObject(node)) return;
    for (const key of Object.keys(node)) {
      if (key.startsWith('x-') || key === 'example' || key === 'examples') continue;
      if (key === 'schema') node[key] = schema(node[key], [...path, key]);
      else walk(node[key], [...path, key]);
    }
  };

  doc.openapi = '3.0.3';
  delete doc.webhooks;
  delete doc.jsonSchemaDialect;
  if (isObject(doc.info)) {
    delete doc.info.summary;
    if (isObject(doc.info.license)) delete doc.info.license.identifier;
  }
  if (!isObject(doc.paths)) doc.paths = {};
  if (isObject(doc.components)) {
    delete doc.components.pathItems;
    const schemas = doc.components.schemas;
    if (isObject(schemas)) for (const name of Object.keys(schemas)) schemas[name] = schema(schemas[name], ['components', 'schemas', name]);
    for (const key of Object.keys(doc.components)) if (key !== 'schemas' && key !== 'examples') walk(doc.components[key], ['components', key]);
  }
  walk(doc.paths, ['paths']);
  return doc;
}

function isObject(value: unknown): value is Json {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
