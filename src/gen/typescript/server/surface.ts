/**
 * The typed surface of `server.ts`: a few generic types written once, which read each operation's
 * params, input (Writable view) and reply union (Readable view) out of openapi-typescript's `paths`
 * type, and one `Handlers` member per operation that names its `paths[path][method]` entry plus what
 * the type layer cannot know (operationId, security, non-JSON request media types, multipart file
 * fields, the default media type of a response with several).
 *
 * Why generic instead of one alias per operation: tsc resolves a type alias where it is declared, so a
 * thousand `…Params`/`…Input`/`…Reply` aliases were all computed on every type-check; a member typed
 * through a generic function type is computed only when code implements or reads that handler.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { deref, type Operation } from '../../../spec/openapi/operations.js';
import { bodyKind } from '@covenant/runtime/toolchain';
import { docComment, propertyKey, stringLiteral } from '../../naming.js';

/** Emitted once per server.ts (uses Readable/Writable from ./types.js and RequestInfo from the runtime). */
export const GENERIC_TYPES = `type NoParams = Record<string, never>;
type ParamGroup<P, L extends string> = L extends keyof P ? ([NonNullable<P[L]>] extends [never] ? NoParams : NonNullable<P[L]>) : NoParams;
/** Validated, coerced parameters of an operation (\`paths[path][method]\`). */
type Params<Op> = Op extends { parameters: infer P }
  ? { path: ParamGroup<P, 'path'>; query: ParamGroup<P, 'query'>; headers: ParamGroup<P, 'header'>; cookies: ParamGroup<P, 'cookie'> }
  : { path: NoParams; query: NoParams; headers: NoParams; cookies: NoParams };
type Pick1<X, K extends string> = X extends { [P in K]: infer V } ? V : never;
/** What the runtime hands over for a request media type: raw bytes, the text, a multipart form with File fields, or the Writable view. */
type RequestBody<T, M, X> = M extends Pick1<X, 'bytes'>
  ? Uint8Array
  : M extends Pick1<X, 'text'>
    ? string
    : M extends Pick1<X, 'multipart'>
      ? Omit<Writable<T>, keyof Pick1<X, 'files'>> & Pick1<X, 'files'>
      : Writable<T>;
type NoBody = { contentType: undefined; body: undefined };
type BodyVariants<B, X> = B extends { content: infer C } ? { [M in keyof C]-?: { contentType: M; body: RequestBody<C[M], M, X> } }[keyof C] : never;
type InputBody<Op, X> = Op extends { requestBody: infer B }
  ? BodyVariants<B, X>
  : Op extends { requestBody?: infer B }
    ? [NonNullable<B>] extends [never] ? NoBody : BodyVariants<NonNullable<B>, X> | NoBody
    : NoBody;
/** What a handler gets: \`A\` is the type of \`auth\` (your Auth, Auth | undefined, or undefined without security). */
type Input<Op, Id, A, X> = { operationId: Id; params: Params<Op>; auth: A; request: RequestInfo } & InputBody<Op, X>;
type Status<S> = S extends number ? S : number;
type ReplyHeaders<R> = R extends { headers: infer H } ? ({} extends H ? { headers?: H } : { headers: H }) : { headers?: undefined };
type DefaultMedia<X, S> = Pick1<X, 'defaults'> extends infer D ? (S extends keyof D ? D[S] : never) : never;
type Empty<R, S> = { status: Status<S>; body?: undefined; contentType?: undefined } & ReplyHeaders<R>;
type ReplyMember<R, S, X> = R extends { content: infer C }
  ? [keyof C] extends [never]
    ? Empty<R, S>
    : { [M in keyof C]-?: { status: Status<S>; body: Readable<C[M]> } & ([keyof C] extends [M] ? { contentType?: M } : M extends DefaultMedia<X, S> ? { contentType?: M } : { contentType: M }) & ReplyHeaders<R> }[keyof C]
  : Empty<R, S>;
type AnyReply = { status: number; body?: unknown; headers?: Record<string, unknown>; contentType?: string };
/** What a handler returns: one member per documented status and media type. */
type Reply<Op, X> = Op extends { responses: infer R }
  ? [R] extends [never] ? AnyReply : [keyof R] extends [never] ? AnyReply : { [S in keyof R]-?: ReplyMember<R[S], S, X> }[keyof R]
  : AnyReply;
/** A handler: its input and reply are computed where it is implemented or read, not where it is declared. */
type Handler<Op, Id, A, X = {}> = (input: Input<Op, Id, A, X>) => Reply<Op, X> | Promise<Reply<Op, X>>;
`;

/** Names the generated file declares besides the per-operation handler keys. */
export const PUBLIC_NAMES = `/** An operationId of this API (a key of Handlers). */
export type OperationName = keyof Handlers & string;
// deferred conditionals, not Parameters<>/ReturnType<>: their constraints made tsc resolve every handler;
// K extends keyof Handlers, not OperationName: relating two 1,000-member key unions cost tsc 10-20 ms each
/** What the handler of an operation gets: \`InputOf<'getUser', Principal>\`. */
export type InputOf<K extends keyof Handlers, Auth = unknown> = Handlers<Auth>[K] extends (input: infer I) => unknown ? I : never;
/** The validated, coerced parameters of an operation: \`ParamsOf<'getUser'>\`. */
export type ParamsOf<K extends keyof Handlers> = InputOf<K> extends { params: infer P } ? P : never;
/** What the handler of an operation returns (without the Promise): \`ReplyOf<'getUser'>\`. */
export type ReplyOf<K extends keyof Handlers> = Handlers[K] extends (input: never) => infer R ? Exclude<R, Promise<unknown>> : never;
`;

const isBinary = (x: Record<string, any> | undefined) => !!x && x.type === 'string' && (x.format === 'binary' || x.contentMediaType !== undefined);

/** `id: Handler<paths[path][method], 'id', auth, extras>` for the Handlers interface, with the operation's doc comment. */
export function handlerMember(spec: OpenApiSpec, op: Operation): string {
  const opType = `paths[${stringLiteral(op.path)}][${stringLiteral(op.method)}]`;
  const secured = op.security.length > 0;
  const optional = op.security.some((alternative) => Object.keys(alternative).length === 0);
  const auth = !secured ? 'undefined' : optional ? 'Auth | undefined' : 'Auth';
  const extras: string[] = [];
  const byKind = new Map<string, string[]>();
  for (const type of Object.keys(op.requestBody?.content ?? {})) {
    const kind = bodyKind(type);
    if (kind === 'bytes' || kind === 'text') byKind.set(kind, [...(byKind.get(kind) ?? []), stringLiteral(type)]);
    else if (kind === 'multipart') {
      const files = fileFields(spec, op.requestBody!.content[type]?.schema);
      if (files.length && !byKind.has('multipart')) {
        byKind.set('multipart', [...(byKind.get('multipart') ?? []), stringLiteral(type)]);
        extras.push(`files: { ${files.join('; ')} }`);
      }
    }
  }
  for (const [kind, types] of byKind) extras.unshift(`${kind}: ${types.join(' | ')}`);
  const defaults = op.responses
    .filter((r) => Object.keys(r.content).length > 1)
    .map((r) => `${/^[1-5][0-9][0-9]$/.test(r.status) ? r.status : stringLiteral(r.status)}: ${stringLiteral(Object.keys(r.content)[0]!)}`);
  if (defaults.length) extras.push(`defaults: { ${defaults.join('; ')} }`);
  const args = [opType, stringLiteral(op.id), auth, ...(extras.length ? [`{ ${extras.join('; ')} }`] : [])];
  const summary = [op.summary, `\`${op.method.toUpperCase()} ${op.path}\``].filter(Boolean).join('\n\n');
  return `${docComment(summary, '  ')}  ${propertyKey(op.id)}: Handler<${args.join(', ')}>;\n`;
}

/** Top-level binary fields of a multipart schema become File (openapi-typescript types them as string). */
function fileFields(spec: OpenApiSpec, schema: unknown): string[] {
  const s = deref<Record<string, any>>(spec.document, schema as Record<string, any>);
  if (!s || typeof s !== 'object' || !s.properties) return [];
  const required = new Set<string>(Array.isArray(s.required) ? s.required : []);
  const files: string[] = [];
  for (const [name, raw] of Object.entries(s.properties as Record<string, unknown>)) {
    const p = deref<Record<string, any>>(spec.document, raw as Record<string, any>);
    if (!p || typeof p !== 'object') continue;
    const item = p.type === 'array' ? deref<Record<string, any>>(spec.document, p.items) : undefined;
    if (isBinary(p)) files.push(`${propertyKey(name)}${required.has(name) ? '' : '?'}: FileBody`);
    else if (isBinary(item)) files.push(`${propertyKey(name)}${required.has(name) ? '' : '?'}: FileBody[]`);
  }
  return files;
}
