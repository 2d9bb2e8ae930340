/**
 * `server.ts` of the typescript-server target: per operation its params, body (Writable view),
 * result union (Readable view, one member per documented status and media type), the `Handlers`
 * map keyed by operationId, the definition literal and `createServer`.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { deref, type Operation, type Response } from '../../../spec/openapi/operations.js';
import { docComment, NameScope, propertyKey, stringLiteral, toTypeName } from '../../naming.js';
import type { ServiceDefinition } from '@covenant/runtime/toolchain';
import { bodyKind } from '@covenant/runtime/toolchain';
import { RUNTIME_MARKER, runtimeGuard } from '../runtime-line.js';

const LOCATIONS = [
  ['path', 'path'],
  ['query', 'query'],
  ['header', 'headers'],
  ['cookie', 'cookies'],
] as const;

export function printServer(spec: OpenApiSpec, operations: Operation[], definition: ServiceDefinition, standalone: boolean): string {
  const scope = new NameScope(['Handlers', 'definition', 'createServer', 'createPartialServer', 'createRuntimeServer', 'Readable', 'Writable', 'paths', 'operations', 'components', 'ServerOptions', 'CovenantServer', 'RequestInfo', 'ServiceDefinition', 'FileBody', 'functions', 'keys']);
  const parts: string[] = [];
  const members: string[] = [];
  for (const op of operations) {
    const base = toTypeName(op.id, 'Operation');
    const names = {
      op: scope.claim(`${base}Operation`),
      params: scope.claim(`${base}Params`),
      input: scope.claim(`${base}Input`),
      result: scope.claim(`${base}Reply`),
    };
    const opType = `paths[${stringLiteral(op.path)}][${stringLiteral(op.method)}]`;
    parts.push(`type ${names.op} = ${opType};\n`);
    parts.push(printParams(op, names));
    parts.push(printInput(spec, op, names));
    parts.push(printResult(op, names));
    const summary = [op.summary, `\`${op.method.toUpperCase()} ${op.path}\``].filter(Boolean).join('\n\n');
    members.push(`${docComment(summary, '  ')}  ${propertyKey(op.id)}(input: ${names.input}<Auth>): ${names.result} | Promise<${names.result}>;\n`);
  }
  const runtimeDefinition = standalone ? '{ ...definition, validators: { keys, functions } }' : 'definition';
  return [
    `import { createServer as createRuntimeServer, requireRuntime, type CovenantServer, type ${RUNTIME_MARKER}, type RequestInfo, type ServerOptions, type ServiceDefinition } from '@covenant/runtime/server';\n`,
    `import type { paths, Readable, Writable } from './types.js';\n`,
    standalone ? `import { functions, keys } from './validators.js';\n` : '',
    `\n${runtimeGuard()}\n`,
    `/** A multipart field documented as \`format: binary\` arrives as a web File. */\n`,
    `export type FileBody = File;\n\n`,
    parts.join('\n'),
    `\n/** One handler per operation, keyed by operationId. \`Auth\` is what your \`authenticate\` hook returns. */\n`,
    `export interface Handlers<Auth = unknown> {\n${members.join('')}}\n\n`,
    `/** What the runtime needs to route, parse, validate and authorize requests (generated from the spec). */\n`,
    // JSON text parsed at load: V8 parses JSON faster than an object literal, and tsc does not check
    // megabytes of schema data against ServiceDefinition (a literal dominated tsc on large specs)
    `export const definition: ServiceDefinition = JSON.parse(${stringLiteral(JSON.stringify(definition))});\n\n`,
    `/** The server: \`server.handle(request)\` (fetch), or \`toNodeHandler(server)\`, \`toExpressMiddleware(server)\`, \`toFastifyPlugin(server)\` from @covenant/runtime/server. */\n`,
    `export function createServer<Auth = unknown, ErrorBody = unknown>(handlers: Handlers<Auth>, options: ServerOptions<Auth, ErrorBody> = {}): CovenantServer {\n`,
    `  return createRuntimeServer(${runtimeDefinition}, handlers, options);\n}\n\n`,
    `/** A server while some handlers are still missing: their operations answer 501 (problem+json, or your formatError). */\n`,
    `export function createPartialServer<Auth = unknown, ErrorBody = unknown>(handlers: Partial<Handlers<Auth>>, options: ServerOptions<Auth, ErrorBody> = {}): CovenantServer {\n`,
    `  return createRuntimeServer(${runtimeDefinition}, handlers, { ...options, partial: true });\n}\n`,
  ].join('');
}

function printParams(op: Operation, names: { op: string; params: string }): string {
  const lines = LOCATIONS.map(([location, key]) => {
    const has = op.parameters.some((p) => p.in === location);
    return `  ${key}: ${has ? `NonNullable<${names.op}['parameters'][${stringLiteral(location)}]>` : 'Record<string, never>'};\n`;
  });
  return `/** Validated, coerced parameters of ${propertyKeyText(op.id)}. */\nexport interface ${names.params} {\n${lines.join('')}}\n`;
}

function propertyKeyText(id: string): string {
  return stringLiteral(id).replace(/\*\//g, '*\\/');
}

function printInput(spec: OpenApiSpec, op: Operation, names: { op: string; params: string; input: string }): string {
  const bodies: string[] = [];
  if (op.requestBody) {
    for (const type of Object.keys(op.requestBody.content)) {
      let body = `Writable<NonNullable<${names.op}['requestBody']>['content'][${stringLiteral(type)}]>`;
      const kind = bodyKind(type);
      // what the runtime hands over: raw bytes for binary media types, the text for text/*
      if (kind === 'bytes') body = 'Uint8Array';
      else if (kind === 'text') body = 'string';
      else if (kind === 'multipart') body = withFiles(spec, body, op.requestBody.content[type]?.schema);
      bodies.push(`{ contentType: ${stringLiteral(type)}; body: ${body} }`);
    }
    if (!op.requestBody.required) bodies.push('{ contentType: undefined; body: undefined }');
  } else {
    bodies.push('{ contentType: undefined; body: undefined }');
  }
  const secured = op.security.length > 0;
  const optional = op.security.some((alternative) => Object.keys(alternative).length === 0);
  const auth = !secured ? 'undefined' : optional ? 'Auth | undefined' : 'Auth';
  return (
    `export type ${names.input}<Auth = unknown> = {\n` +
    `  operationId: ${stringLiteral(op.id)};\n` +
    `  params: ${names.params};\n` +
    `  auth: ${auth};\n` +
    `  request: RequestInfo;\n` +
    `} & (${bodies.join(' | ')});\n`
  );
}

/** Top-level binary fields of a multipart schema become File (openapi-typescript types them as string). */
function withFiles(spec: OpenApiSpec, body: string, schema: unknown): string {
  const s = deref<Record<string, any>>(spec.document, schema as Record<string, any>);
  if (!s || typeof s !== 'object' || !s.properties) return body;
  const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
  const files: string[] = [];
  for (const [name, raw] of Object.entries(s.properties as Record<string, unknown>)) {
    const p = deref<Record<string, any>>(spec.document, raw as Record<string, any>);
    if (!p || typeof p !== 'object') continue;
    const isBinary = (x: Record<string, any> | undefined) => !!x && x.type === 'string' && (x.format === 'binary' || x.contentMediaType !== undefined);
    const item = p.type === 'array' ? deref<Record<string, any>>(spec.document, p.items) : undefined;
    if (isBinary(p)) files.push(`${propertyKey(name)}${required.has(name) ? '' : '?'}: FileBody`);
    else if (isBinary(item)) files.push(`${propertyKey(name)}${required.has(name) ? '' : '?'}: FileBody[]`);
  }
  if (files.length === 0) return body;
  const keys = Object.keys(s.properties).filter((name) => files.some((f) => f.startsWith(`${propertyKey(name)}:`) || f.startsWith(`${propertyKey(name)}?:`)));
  return `Omit<${body}, ${keys.map(stringLiteral).join(' | ')}> & { ${files.join('; ')} }`;
}

function statusType(status: string): string {
  return /^[1-5][0-9][0-9]$/.test(status) ? status : 'number';
}

function statusIndex(status: string): string {
  return /^[1-5][0-9][0-9]$/.test(status) ? status : stringLiteral(status);
}

function printResult(op: Operation, names: { op: string; result: string }): string {
  const members: string[] = [];
  for (const response of op.responses) {
    const at = `${names.op}['responses'][${statusIndex(response.status)}]`;
    const headers = `${headersRequired(response) ? 'headers' : 'headers?'}: ${at}['headers']`;
    const types = Object.keys(response.content);
    if (types.length === 0) {
      members.push(`{ status: ${statusType(response.status)}; body?: undefined; ${headers}; contentType?: undefined }`);
      continue;
    }
    types.forEach((type, i) => {
      const body = `Readable<NonNullable<${at}['content']>[${stringLiteral(type)}]>`;
      members.push(`{ status: ${statusType(response.status)}; contentType${i === 0 ? '?' : ''}: ${stringLiteral(type)}; body: ${body}; ${headers} }`);
    });
  }
  if (members.length === 0) members.push('{ status: number; body?: unknown; headers?: Record<string, unknown>; contentType?: string }');
  return `export type ${names.result} =\n${members.map((m) => `  | ${m}`).join('\n')};\n`;
}

function headersRequired(response: Response): boolean {
  return Object.values(response.headers).some((h) => h && h.required === true);
}
