/**
 * The server definition literal: each operation's routing, parameters, bodies, responses and
 * security, plus every schema their `$ref`s reach, stripped of annotations the runtime never reads.
 * Emitted as JSON text inside a string literal (naming.ts's stringLiteral: spec text never pasted raw).
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { getAt } from '../../../spec/openapi/load.js';
import type { Operation } from '../../../spec/openapi/operations.js';
import { pointerToSegments } from '../../../spec/source.js';
import type { OperationDefinition, ServiceDefinition } from '@covenant/runtime/toolchain';
import { collectRefs, judgeDiscriminator, mapSchema } from '@covenant/runtime/toolchain';

const ANNOTATIONS = ['description', 'example', 'examples', 'title', 'externalDocs', 'xml', '$comment', 'deprecated'];

function clean(schema: unknown): unknown {
  return mapSchema(schema, (s) => {
    for (const key of ANNOTATIONS) delete s[key];
    for (const key of Object.keys(s)) if (key.startsWith('x-')) delete s[key];
    return s;
  });
}

export function buildDefinition(spec: OpenApiSpec, operations: Operation[]): ServiceDefinition {
  const defs: OperationDefinition[] = [];
  const roots: unknown[] = [];
  const keep = (schema: unknown) => {
    const cleaned = clean(schema ?? {});
    roots.push(cleaned);
    return cleaned;
  };
  for (const op of operations) {
    const def: OperationDefinition = { id: op.id, method: op.method, path: op.path };
    if (op.parameters.length > 0) {
      def.parameters = op.parameters.map((p) => ({
        name: p.name,
        in: p.in,
        required: p.required,
        style: p.style,
        explode: p.explode,
        schema: keep(p.schema),
        ...(p.contentType ? { contentType: p.contentType } : {}),
      }));
    }
    if (op.requestBody) {
      const content: NonNullable<OperationDefinition['requestBody']>['content'] = {};
      for (const [type, media] of Object.entries(op.requestBody.content)) {
        const encoding: Record<string, { contentType?: string }> = {};
        for (const [field, e] of Object.entries((media.encoding ?? {}) as Record<string, any>)) {
          if (e && typeof e.contentType === 'string') encoding[field] = { contentType: e.contentType };
        }
        content[type] = {
          ...(media.schema ? { schema: keep(media.schema) } : {}),
          ...(Object.keys(encoding).length > 0 ? { encoding } : {}),
        };
      }
      def.requestBody = { required: op.requestBody.required, content };
    }
    def.responses = {};
    for (const response of op.responses) {
      const content: Record<string, { schema?: unknown }> = {};
      for (const [type, media] of Object.entries(response.content)) content[type] = media?.schema ? { schema: keep(media.schema) } : {};
      def.responses[response.status] = { content };
    }
    if (op.security.length > 0) def.security = op.security;
    defs.push(def);
  }
  // every schema a $ref reaches, transitively, and the variants of allOf-form discriminators
  const schemas: Record<string, unknown> = {};
  const pending = [...roots];
  const context = discriminatorContext(spec);
  while (pending.length > 0) {
    for (const ref of collectRefs(pending.pop())) {
      if (schemas[ref] !== undefined || !ref.startsWith('#')) continue;
      const target = getAt(spec.document, pointerToSegments(ref)) as Record<string, any> | undefined;
      schemas[ref] = clean(target ?? {});
      pending.push(schemas[ref]);
      if (target && typeof target === 'object' && target.discriminator !== undefined && !target.oneOf && !target.anyOf) {
        const verdict = judgeDiscriminator(target, ref, context);
        if (verdict.kind === 'allOf') for (const v of verdict.variants) pending.push({ $ref: v.ref });
      }
    }
  }
  const sorted: Record<string, unknown> = {};
  for (const ref of Object.keys(schemas).sort()) sorted[ref] = schemas[ref];
  const securitySchemes: NonNullable<ServiceDefinition['securitySchemes']> = {};
  for (const [name, raw] of Object.entries((spec.document.components?.securitySchemes ?? {}) as Record<string, any>)) {
    const scheme = raw?.$ref ? getAt(spec.document, pointerToSegments(raw.$ref)) as Record<string, any> : raw;
    if (!scheme || typeof scheme !== 'object') continue;
    securitySchemes[name] = {
      type: String(scheme.type),
      ...(typeof scheme.scheme === 'string' ? { scheme: scheme.scheme } : {}),
      ...(typeof scheme.name === 'string' ? { name: scheme.name } : {}),
      ...(typeof scheme.in === 'string' ? { in: scheme.in } : {}),
    };
  }
  const servers = serverUrls(spec.document.servers);
  return { openapi: spec.version, ...(servers ? { servers } : {}), operations: defs, schemas: sorted, securitySchemes };
}

/** Discriminator decisions over the whole document (extending schemas may be used by no operation). */
export function discriminatorContext(spec: OpenApiSpec) {
  const names = Object.keys((spec.document.components?.schemas ?? {}) as Record<string, unknown>);
  const refs = names.map((name) => `#/components/schemas/${name.replace(/~/g, '~0').replace(/\//g, '~1')}`);
  return {
    resolve: (ref: string) => (ref.startsWith('#') ? (getAt(spec.document, pointerToSegments(ref)) as Record<string, any> | undefined) : undefined),
    refs: () => refs,
  };
}

/** The top-level `servers` (URL and variables' default/enum): the runtime serves under their paths. */
function serverUrls(raw: unknown): ServiceDefinition['servers'] {
  if (!Array.isArray(raw) || raw.length === 0) return undefined;
  const out: NonNullable<ServiceDefinition['servers']> = [];
  for (const server of raw as Array<Record<string, any>>) {
    if (!server || typeof server.url !== 'string') continue;
    const variables: Record<string, { default: string; enum?: string[] }> = {};
    for (const [name, v] of Object.entries((server.variables ?? {}) as Record<string, any>)) {
      if (!v || typeof v !== 'object') continue;
      variables[name] = { default: String(v.default ?? ''), ...(Array.isArray(v.enum) ? { enum: v.enum.map(String) } : {}) };
    }
    out.push({ url: server.url, ...(Object.keys(variables).length > 0 ? { variables } : {}) });
  }
  return out.length > 0 ? out : undefined;
}
