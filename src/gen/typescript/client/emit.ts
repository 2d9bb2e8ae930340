/**
 * `client.ts`: a thin typed layer over `@covenant/runtime/client`'s client transport. It holds the operation
 * table (method, path template, parameter styles, body media types and encodings, security, declared
 * responses), one typed function per operation, and (optionally) the response schemas for validation.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { deref, listOperations, type Operation, type Parameter } from '../../../spec/openapi/operations.js';
import { NameScope, docComment, propertyKey, stringLiteral, toIdentifier } from '../../naming.js';
import { isJsonMedia, responseSchemas } from './schemas.js';
import { GENERIC_TYPES, clientMember, serverChoiceType } from './surface.js';
import { RUNTIME_MARKER, runtimeGuard } from '../runtime-line.js';

export interface ClientEmitOptions {
  /** Embed the response schemas and import `@covenant/runtime/client/validate` (ajv) so that `validateResponses: true` works (default false). */
  validation?: boolean;
}

const IGNORED_HEADERS = new Set(['accept', 'content-type', 'authorization']);

interface Planned {
  key: string;
  operation: Operation;
  parameters: Parameter[];
}

/** The spec's servers as URL templates with their variables (default, enum), for `serverUrl()`. */
function serverTemplates(spec: OpenApiSpec): unknown[] {
  const list = Array.isArray(spec.document.servers) ? spec.document.servers : [];
  return list
    .filter((s: any) => s && typeof s.url === 'string')
    .map((s: any) => {
      const variables = dictionary<unknown>();
      for (const [name, v] of Object.entries((s.variables ?? {}) as Record<string, any>)) {
        if (!v || typeof v !== 'object' || v.default === undefined) continue;
        variables[name] = { default: String(v.default), enum: Array.isArray(v.enum) && v.enum.length ? v.enum.map(String) : undefined };
      }
      return Object.keys(variables).length ? { url: String(s.url), variables } : String(s.url);
    });
}

/** The servers' URLs with their variables at their defaults (the runtime's default base URL is the first). */
function serverUrls(spec: OpenApiSpec): string[] {
  return serverTemplates(spec).map((server) => {
    if (typeof server === 'string') return server;
    const { url, variables } = server as { url: string; variables: Record<string, { default: string }> };
    return url.replace(/\{([^}]+)\}/g, (whole, name: string) => variables[name]?.default ?? whole);
  });
}

/** The style a parameter has when the spec names none (OpenAPI 3.x). */
function defaultStyle(location: string): string {
  return location === 'query' || location === 'cookie' ? 'form' : 'simple';
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
      // the runtime falls back to the key (most operationIds are already identifiers)
      id: operation.id === key ? undefined : operation.id,
      method: operation.method.toUpperCase(),
      path: operation.path,
      // style and explode only when they differ from their defaults for the location (the runtime applies those)
      parameters: parameters.map((p) => ({
        name: p.name,
        in: p.in,
        style: p.style === defaultStyle(p.in) ? undefined : p.style,
        explode: p.explode === ((p.style ?? defaultStyle(p.in)) === 'form') ? undefined : p.explode,
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

export function emitClient(spec: OpenApiSpec, options: ClientEmitOptions, header: string): string {
  const operations = listOperations(spec);
  const functions = new NameScope(['createClient']);
  const planned: Planned[] = operations.map((operation) => ({
    key: functions.claim(toIdentifier(operation.id, 'operation')),
    operation,
    parameters: operation.parameters.filter((p) => !(p.in === 'header' && IGNORED_HEADERS.has(p.name.toLowerCase()))),
  }));

  const uses = new Set<string>();
  const members = planned.map((plan) => clientMember(spec, plan.key, plan.operation, plan.parameters, uses));

  const schemes = (spec.document.components?.securitySchemes ?? {}) as Record<string, any>;
  const credentials = Object.entries(schemes)
    .map(([name, raw]) => [name, deref<Record<string, any>>(spec.document, raw as Record<string, any>)] as const)
    .filter(([, s]) => s && typeof s === 'object' && s.type !== 'mutualTLS')
    .map(([name, s]) => `${docComment(credentialDoc(name, { ...s, scheme: String(s.scheme ?? '').toLowerCase() }), '  ')}  ${propertyKey(name)}?: ${credentialType({ ...s, scheme: String(s.scheme ?? '').toLowerCase() })};\n`);

  const validation = options.validation === true;
  const runtimeTypes = ['ApiFailure', 'ApiSuccess', 'ApiResult', 'BasicCredentials', 'BinaryBody', 'CallOptions', 'ClientApi', 'ClientOptions', 'ClientServer', RUNTIME_MARKER, 'Secret', 'WithFiles'];
  if (validation) runtimeTypes.push('ClientSchemas');
  runtimeTypes.sort();
  const typeImports = ['Readable', 'Writable', 'paths', ...(uses.has('components') ? ['components'] : [])];

  const title = String((spec.document.info as any)?.title ?? spec.name);
  let out = header;
  out += `/* eslint-disable */\n`;
  out += docComment(`Typed client for ${title}: one function per operation, results discriminated by status.\nSee covenant's docs/client.md.`);
  out += `import { createClientCall, requireRuntime, resolveServerUrl, ${runtimeTypes.map((t) => `type ${t}`).join(', ')} } from '@covenant/runtime/client';\n`;
  if (validation) out += `import { validateResponse } from '@covenant/runtime/client/validate';\n`;
  out += `import type { ${typeImports.join(', ')} } from './types.js';\n\n`;
  out += `${runtimeGuard()}\n`;
  out += `export { RequestTimeoutError, ResponseParseError, ResponseValidationError, UnexpectedStatusError, retry } from '@covenant/runtime/client';\n`;
  out += `export type { CallOptions, ClientHooks, ClientOptions, HookContext, RetryOptions } from '@covenant/runtime/client';\n\n`;
  out += `/** Credentials by security scheme; each is used only by the operations that require it. */\n`;
  out += `export interface Credentials {\n${credentials.join('')}}\n\n`;
  out += GENERIC_TYPES;
  out += `\n/** One method per operation; a method's request and result types are computed where it is used. */\n`;
  out += `export interface Client {\n${members.join('')}}\n\n`;
  out += `/** The name of a client method (what hooks are told as \`operation\`). */\n`;
  out += `export type OperationName = keyof Client & string;\n`;
  // deferred conditionals, not Parameters<>/ReturnType<>: their constraints made tsc resolve every method
  out += `/** The request a client method takes: \`RequestOf<'getUser'>\`. */\n`;
  out += `export type RequestOf<K extends OperationName> = Client[K] extends (...args: infer A) => unknown ? NonNullable<A[0]> : never;\n`;
  out += `/** The result a client method resolves to: \`ResultOf<'getUser'>\`. */\n`;
  out += `export type ResultOf<K extends OperationName> = Client[K] extends (...args: never) => Promise<infer R> ? R : never;\n`;
  out += `/** A server of the spec for \`serverUrl()\`: by index, with values for its variables. */\n`;
  out += `export type ServerChoice = ${serverChoiceType(spec)};\n`;
  out += `/** Options of createClient, typed for this API. */\n`;
  out += `export type Options = ClientOptions<Credentials, OperationName>;\n\n`;
  if (validation) {
    const json = JSON.stringify(responseSchemas(spec, planned.map(({ key, operation }) => ({ key, operation }))));
    out += `let schemas: ClientSchemas | undefined;\n`;
    out += `const SCHEMAS = ${stringLiteral(json)};\n\n`;
  }
  out += `/** The operation table the runtime works from. */\n`;
  // JSON text parsed at load: faster to parse than an object literal, and tsc does not check a
  // table of a thousand operations against ClientApi (the typed surface is the Client interface)
  const operationTable = stringLiteral(JSON.stringify(table(spec, planned)));
  const schemasLine = validation ? `\n  schemas: () => (schemas ??= JSON.parse(SCHEMAS) as ClientSchemas),\n  checkResponse: validateResponse,\n` : '';
  out += `export const api: ClientApi = {\n  ...(JSON.parse(${operationTable}) as Omit<ClientApi, 'schemas' | 'checkResponse'>),${schemasLine}};\n\n`;
  // the templates are a string constant read only inside serverUrl: a bundle without serverUrl drops both
  out += `const SERVERS = ${stringLiteral(JSON.stringify(serverTemplates(spec)))};\n\n`;
  out += docComment(`The URL of a server of the spec, for \`baseUrl\`: \`serverUrl()\` (the first, its variables at their defaults), \`serverUrl(1)\`, or \`serverUrl({ index, variables })\`. Throws a TypeError for a server, variable or value the spec does not have.`);
  out += `export function serverUrl(choice?: ServerChoice): string {\n  return resolveServerUrl(JSON.parse(SERVERS) as ClientServer[], choice);\n}\n\n`;
  out += docComment(`A client. \`options.baseUrl\` defaults to the spec's first server (${serverUrls(spec)[0] ?? 'none'}); see serverUrl() for the others.`);
  out += `export function createClient(options: Options = {}): Client {\n`;
  out += `  const call = createClientCall(api, options);\n`;
  // one function per table key, typed once through Client: a cast per method made tsc compare every
  // result union with the runtime's ApiResult (a third of the client's type-check time on big specs)
  out += `  return Object.fromEntries(Object.keys(api.operations).map((key) => [key, (request?: object, callOptions?: CallOptions) => call(key, request, callOptions)])) as unknown as Client;\n}\n`;
  return out;
}
