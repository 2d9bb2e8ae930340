/**
 * `client.ts`: a thin typed layer over `@covenant/runtime/client`'s client transport. It holds the operation
 * table (method, path template, parameter styles, body media types and encodings, security, declared
 * responses), one typed function per operation, and (optionally) the response schemas for validation.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { deref, listOperations, type Operation, type Parameter } from '../../../spec/openapi/operations.js';
import { NameScope, docComment, propertyKey, stringLiteral, toIdentifier, toTypeName } from '../../naming.js';
import { isJsonMedia, responseSchemas } from './schemas.js';
import { RUNTIME_MARKER, runtimeGuard } from '../runtime-line.js';

export interface ClientEmitOptions {
  /** Embed the response schemas and import `@covenant/runtime/client/validate` (ajv) so that `validateResponses: true` works (default false). */
  validation?: boolean;
}

const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

interface Planned {
  key: string;
  typeName: string;
  operation: Operation;
  parameters: Parameter[];
}

function serverUrls(spec: OpenApiSpec): string[] {
  const servers = Array.isArray(spec.document.servers) ? spec.document.servers : [];
  return servers
    .filter((s: any) => s && typeof s.url === 'string')
    .map((s: any) =>
      String(s.url).replace(/\{([^}]+)\}/g, (whole: string, name: string) => {
        const variable = s.variables?.[name];
        return variable && variable.default !== undefined ? String(variable.default) : whole;
      }),
    );
}

/** A dictionary keyed by spec text: no prototype, so a key like `__proto__` stays an own entry. */
function dictionary<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>;
}

function securitySchemes(spec: OpenApiSpec): Record<string, unknown> {
  const out = dictionary<unknown>();
  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, unknown>;
  for (const [name, raw] of Object.entries(schemes)) {
    const s = deref<Record<string, any>>(spec.document, raw as Record<string, any>);
    if (!s || typeof s !== 'object' || typeof s.type !== 'string') continue;
    out[name] = { type: s.type, scheme: typeof s.scheme === 'string' ? s.scheme.toLowerCase() : undefined, in: s.in, name: s.name };
  }
  return out;
}

function credentialType(scheme: Record<string, any>): string {
  if (scheme.type === 'http' && scheme.scheme === 'basic') return 'BasicCredentials';
  return 'Secret';
}

function credentialDoc(name: string, scheme: Record<string, any>): string {
  if (scheme.type === 'apiKey') return `API key "${name}", sent in the ${scheme.in} as ${scheme.name}.`;
  if (scheme.type === 'http') return `HTTP ${scheme.scheme} authentication (Authorization header).`;
  return `${scheme.type} access token, sent as a bearer token.`;
}

function encodingsOf(media: Record<string, any> | undefined): Record<string, unknown> {
  const out = dictionary<unknown>();
  for (const [property, raw] of Object.entries((media?.encoding ?? {}) as Record<string, any>)) {
    if (!raw || typeof raw !== 'object') continue;
    out[property] = { contentType: raw.contentType, style: raw.style, explode: raw.explode, allowReserved: raw.allowReserved };
  }
  return out;
}

function table(spec: OpenApiSpec, planned: Planned[]): unknown {
  const operations = dictionary<unknown>();
  for (const { key, operation, parameters } of planned) {
    const body = operation.requestBody;
    operations[key] = {
      id: operation.id,
      method: operation.method.toUpperCase(),
      path: operation.path,
      parameters: parameters.map((p) => ({
        name: p.name,
        in: p.in,
        style: p.style,
        explode: p.explode,
        allowReserved: p.allowReserved || undefined,
        contentType: p.contentType,
      })),
      body: body
        ? { required: body.required, content: Object.fromEntries(Object.entries(body.content).map(([type, media]) => [type, encodingsOf(media)])) }
        : undefined,
      security: operation.security.map((requirement) => Object.keys(requirement ?? {})),
      responses: Object.fromEntries(operation.responses.map((r) => [r.status, Object.keys(r.content)])),
      responseHeaders: responseHeaders(spec, operation),
    };
  }
  return { servers: serverUrls(spec), securitySchemes: securitySchemes(spec), operations };
}

/** How the runtime reads each declared response header (its schema type), by status; undefined when none. */
function responseHeaders(spec: OpenApiSpec, operation: Operation): Record<string, unknown> | undefined {
  const out = dictionary<unknown>();
  for (const response of operation.responses) {
    const headers = dictionary<unknown>();
    for (const [name, header] of Object.entries(response.headers)) {
      if (name.toLowerCase() === 'content-type' || !header || typeof header !== 'object') continue;
      const contentType = header.content && typeof header.content === 'object' ? Object.keys(header.content)[0] : undefined;
      const schema = deref<Record<string, any>>(spec.document, (contentType ? header.content[contentType]?.schema : header.schema) ?? {});
      const typeOf = (s: Record<string, any> | undefined) => {
        const type = Array.isArray(s?.type) ? s!.type.find((t: unknown) => t !== 'null') : s?.type;
        return typeof type === 'string' && type !== 'string' ? type : undefined;
      };
      const items = schema?.type === 'array' ? typeOf(deref<Record<string, any>>(spec.document, schema.items ?? {})) : undefined;
      headers[name] = {
        type: contentType ? undefined : typeOf(schema),
        items,
        explode: header.explode === true || undefined,
        json: contentType && isJsonMedia(contentType) ? true : undefined,
      };
    }
    if (Object.keys(headers).length) out[response.status] = headers;
  }
  return Object.keys(out).length ? out : undefined;
}

/** Properties of a multipart schema that carry files (`format: binary`, or a media type without text encoding). */
function fileProperties(spec: OpenApiSpec, schema: unknown): { single: string[]; multiple: string[] } {
  const single: string[] = [];
  const multiple: string[] = [];
  const s = deref<Record<string, any>>(spec.document, schema as Record<string, any>);
  const isFile = (raw: unknown) => {
    const p = deref<Record<string, any>>(spec.document, raw as Record<string, any>);
    return !!p && typeof p === 'object' && (p.format === 'binary' || (typeof p.contentMediaType === 'string' && p.contentEncoding === undefined && !p.contentMediaType.startsWith('text/')));
  };
  for (const [name, raw] of Object.entries((s?.properties ?? {}) as Record<string, unknown>)) {
    const p = deref<Record<string, any>>(spec.document, raw as Record<string, any>);
    if (isFile(p)) single.push(name);
    else if (p && p.type === 'array' && isFile(p.items)) multiple.push(name);
  }
  return { single, multiple };
}

function keyUnion(names: string[]): string {
  return names.length ? names.map(stringLiteral).join(' | ') : 'never';
}

function groupType(spec: OpenApiSpec, op: string, location: string, parameters: Parameter[], ignored: string[], uses: Set<string>): string {
  let base = `NonNullable<${op}["parameters"][${stringLiteral(location)}]>`;
  // Accept, Content-Type and Authorization header parameters are ignored (OpenAPI): do not offer them
  if (ignored.length) base = `Omit<${base}, ${keyUnion(ignored)}>`;
  const content = parameters.filter((p) => p.contentType !== undefined);
  if (!content.length) return base;
  // openapi-typescript types `content` parameters as string; the client takes the value and encodes it
  const overrides = content.map((p) => {
    const ref = typeof p.schema?.$ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(p.schema.$ref) : null;
    const name = ref ? ref[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    if (name !== undefined) uses.add('components');
    const type = name !== undefined ? `Writable<components["schemas"][${stringLiteral(name)}]>` : 'unknown';
    return `${propertyKey(p.name)}${p.required ? '' : '?'}: ${type}`;
  });
  return `Omit<${base}, ${keyUnion(content.map((p) => p.name))}> & { ${overrides.join('; ')} }`;
}

function requestType(spec: OpenApiSpec, plan: Planned, opType: string, uses: Set<string>): { text: string; optional: boolean } {
  const members: string[] = [];
  let optional = true;
  for (const location of ['path', 'query', 'header', 'cookie'] as const) {
    const parameters = plan.parameters.filter((p) => p.in === location);
    if (!parameters.length) continue;
    const required = parameters.some((p) => p.required);
    if (required) optional = false;
    const ignored = location === 'header' ? plan.operation.parameters.filter((p) => p.in === 'header' && !plan.parameters.includes(p)).map((p) => p.name) : [];
    members.push(`  ${location}${required ? '' : '?'}: ${groupType(spec, opType, location, parameters, ignored, uses)};\n`);
  }
  const body = plan.operation.requestBody;
  const variants: string[] = [];
  if (body && Object.keys(body.content).length) {
    if (body.required) optional = false;
    Object.entries(body.content).forEach(([mediaType, media], i) => {
      const type = mediaType.split(';')[0]!.trim().toLowerCase();
      const raw = `NonNullable<${opType}["requestBody"]>["content"][${stringLiteral(mediaType)}]`;
      let bodyType: string;
      if (isJsonMedia(type) || type === 'application/x-www-form-urlencoded') bodyType = `Writable<${raw}>`;
      else if (type === 'multipart/form-data') {
        const files = fileProperties(spec, media?.schema);
        bodyType = `WithFiles<Writable<${raw}>, ${keyUnion(files.single)}, ${keyUnion(files.multiple)}>`;
        uses.add('WithFiles');
      } else if (type.startsWith('text/')) bodyType = 'string';
      else {
        bodyType = 'BinaryBody';
        uses.add('BinaryBody');
      }
      variants.push(`{ contentType${i === 0 ? '?' : ''}: ${stringLiteral(mediaType)}; body${body.required ? '' : '?'}: ${bodyType} }`);
    });
  }
  const object = members.length ? `{\n${members.join('')}}` : '{}';
  const text = variants.length ? (members.length ? `${object} & (${variants.join(' | ')})` : variants.join(' | ')) : object;
  return { text, optional };
}

function resultType(plan: Planned, opType: string): string {
  const responses = plan.operation.responses;
  const hasSuccess = responses.some((r) => /^2/.test(r.status));
  const variants: string[] = [];
  for (const r of responses) {
    const key = /^\d{3}$/.test(r.status) ? r.status : stringLiteral(r.status);
    const status = /^\d{3}$/.test(r.status) ? r.status : 'number';
    const media = Object.keys(r.content);
    const data = media.length
      ? [
          ...new Set(
            media.map((m) => {
              const type = m.split(';')[0]!.trim().toLowerCase();
              if (isJsonMedia(type)) return `Readable<${opType}["responses"][${key}]["content"][${stringLiteral(m)}]>`;
              return type.startsWith('text/') ? 'string' : 'Blob';
            }),
          ),
        ].join(' | ')
      : 'undefined';
    const success = /^2/.test(r.status) || (r.status === 'default' && !hasSuccess);
    const headers = Object.keys(r.headers).some((h) => h.toLowerCase() !== 'content-type') ? `, ${opType}["responses"][${key}]["headers"]` : '';
    if (r.status === 'default' && !hasSuccess) variants.push(`ApiSuccess<number, ${data}${headers}>`);
    if (success && r.status !== 'default') variants.push(`ApiSuccess<${status}, ${data}${headers}>`);
    else variants.push(`ApiFailure<${status}, ${data}${headers}>`);
  }
  return variants.length ? variants.map((v) => `\n  | ${v}`).join('') : 'ApiResult';
}

function methodDoc(operation: Operation): string {
  const lines = [operation.summary, operation.description && operation.description !== operation.summary ? operation.description : undefined]
    .filter((t): t is string => !!t && !!t.trim())
    .map((t) => t.trim());
  lines.push(`\`${operation.method.toUpperCase()} ${operation.path}\`${operation.hasOperationId ? '' : ` (no operationId; named ${operation.id})`}`);
  if (operation.deprecated) lines.push('@deprecated');
  return docComment(lines.join('\n\n'), '  ');
}

export function emitClient(spec: OpenApiSpec, options: ClientEmitOptions, header: string): string {
  const operations = listOperations(spec);
  // derived names are `<Base>Operation|Request|Result`; their endings differ, so distinct bases never collide
  const types = new NameScope(['Api']);
  const functions = new NameScope(['createClient']);
  const planned: Planned[] = operations.map((operation) => ({
    key: functions.claim(toIdentifier(operation.id, 'operation')),
    typeName: types.claim(toTypeName(operation.id, 'Operation')),
    operation,
    parameters: operation.parameters.filter((p) => !(p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase()))),
  }));

  const uses = new Set<string>();
  const blocks: string[] = [];
  const methods: string[] = [];
  for (const plan of planned) {
    const opType = `${plan.typeName}Operation`;
    const request = requestType(spec, plan, opType, uses);
    blocks.push(
      `export type ${opType} = paths[${stringLiteral(plan.operation.path)}][${stringLiteral(plan.operation.method)}];\n` +
        `export type ${plan.typeName}Request = ${request.text};\n` +
        `export type ${plan.typeName}Result =${resultType(plan, opType)};\n`,
    );
    const parameter = `request${request.optional ? '?' : ''}: ${plan.typeName}Request`;
    methods.push(`${methodDoc(plan.operation)}  ${plan.key}(${parameter}, options?: CallOptions): Promise<${plan.typeName}Result>;\n`);
  }

  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, any>;
  const credentials = Object.entries(schemes)
    .map(([name, raw]) => [name, deref<Record<string, any>>(spec.document, raw as Record<string, any>)] as const)
    .filter(([, s]) => s && typeof s === 'object' && s.type !== 'mutualTLS')
    .map(([name, s]) => `${docComment(credentialDoc(name, { ...s, scheme: String(s.scheme ?? '').toLowerCase() }), '  ')}  ${propertyKey(name)}?: ${credentialType({ ...s, scheme: String(s.scheme ?? '').toLowerCase() })};\n`);

  const validation = options.validation === true;
  const runtimeTypes = ['ApiFailure', 'ApiSuccess', 'ApiResult', 'BasicCredentials', 'CallOptions', 'ClientApi', 'ClientOptions', RUNTIME_MARKER, 'Secret'];
  if (validation) runtimeTypes.push('ClientSchemas');
  for (const extra of ['BinaryBody', 'WithFiles']) if (uses.has(extra)) runtimeTypes.push(extra);
  runtimeTypes.sort();
  const typeImports = ['Readable', 'Writable', 'paths', ...(uses.has('components') ? ['components'] : [])];

  const title = String((spec.document.info as any)?.title ?? spec.name);
  let out = header;
  out += `/* eslint-disable */\n`;
  out += docComment(`Typed client for ${title}: one function per operation, results discriminated by status.\nSee covenant's docs/client.md.`);
  out += `import { createClientCall, requireRuntime, ${runtimeTypes.map((t) => `type ${t}`).join(', ')} } from '@covenant/runtime/client';\n`;
  if (validation) out += `import { checkResponseBody } from '@covenant/runtime/client/validate';\n`;
  out += `import type { ${typeImports.join(', ')} } from './types.js';\n\n`;
  out += `${runtimeGuard()}\n`;
  out += `export { RequestTimeoutError, ResponseValidationError, UnexpectedStatusError } from '@covenant/runtime/client';\n`;
  out += `export type { CallOptions, ClientOptions } from '@covenant/runtime/client';\n\n`;
  out += `/** Credentials by security scheme; each is used only by the operations that require it. */\n`;
  out += `export interface Credentials {\n${credentials.join('')}}\n\n`;
  out += blocks.join('\n');
  out += `\nexport interface Client {\n${methods.join('')}}\n\n`;
  if (validation) {
    const json = JSON.stringify(responseSchemas(spec, planned.map(({ key, operation }) => ({ key, operation }))));
    out += `let schemas: ClientSchemas | undefined;\n`;
    out += `const SCHEMAS = ${stringLiteral(json)};\n\n`;
  }
  out += `/** The operation table the runtime works from. */\n`;
  // JSON text parsed at load: faster to parse than an object literal, and tsc does not check a
  // table of a thousand operations against ClientApi (the typed surface is the Client interface)
  const operationTable = stringLiteral(JSON.stringify(table(spec, planned)));
  const schemasLine = validation ? `\n  schemas: () => (schemas ??= JSON.parse(SCHEMAS) as ClientSchemas),\n  checkResponse: checkResponseBody,\n` : '';
  out += `export const api: ClientApi = {\n  ...(JSON.parse(${operationTable}) as Omit<ClientApi, 'schemas' | 'checkResponse'>),${schemasLine}};\n\n`;
  out += docComment(`A client. \`options.baseUrl\` defaults to the spec's first server (${serverUrls(spec)[0] ?? 'none'}).`);
  out += `export function createClient(options: ClientOptions<Credentials> = {}): Client {\n`;
  out += `  const call = createClientCall(api, options);\n`;
  // one function per table key, typed once through Client: a cast per method made tsc compare every
  // result union with the runtime's ApiResult (a third of the client's type-check time on big specs)
  out += `  return Object.fromEntries(Object.keys(api.operations).map((key) => [key, (request?: object, callOptions?: CallOptions) => call(key, request, callOptions)])) as unknown as Client;\n}\n`;
  return out;
}
