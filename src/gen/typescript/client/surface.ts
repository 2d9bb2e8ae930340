/**
 * The typed surface of `client.ts`: a few generic types written once, which read each operation's
 * request and result out of openapi-typescript's `paths` type, and one `Client` member per operation
 * that names its `paths[path][method]` entry (plus what the type layer cannot know: `content`
 * parameters, multipart file fields, the default request media type).
 *
 * Why generic instead of one alias per operation: tsc resolves a type alias where it is declared, so a
 * thousand `…Request`/`…Result` aliases were all computed on every type-check; a member typed through a
 * generic function type is computed only when code calls that method.
 */
import type { OpenApiSpec } from '../../../spec/openapi/load.js';
import { deref, type Operation, type Parameter } from '../../../spec/openapi/operations.js';
import { docComment, propertyKey, stringLiteral } from '../../naming.js';

/** Emitted once per client.ts (uses Readable/Writable from ./types.js and the runtime's result types). */
export const GENERIC_TYPES = `/** A media type's essence (lower case, without parameters). */
type Essence<M> = M extends \`\${infer E};\${string}\` ? Lowercase<E> : Lowercase<M & string>;
type IsJson<M> = Essence<M> extends 'application/json' | \`\${string}+json\` ? true : false;
type IsText<M> = Essence<M> extends \`text/\${string}\` ? true : false;

/** A response body: JSON as the schema's readable view, text as a string, any other media type as a Blob. */
type ResponseData<C> = [C] extends [never] ? undefined : { [M in keyof C]-?: IsJson<M> extends true ? Readable<C[M]> : IsText<M> extends true ? string : Blob }[keyof C];
type IsSuccess<S> = \`\${S & (string | number)}\` extends \`2\${string}\` ? true : false;
type StatusCode<S> = S extends number ? S : number;
type ResponseHeaders<R> = R extends { headers: infer H } ? NonNullable<H> : Record<string, unknown>;
type ResponseBody<R> = R extends { content: infer C } ? ResponseData<C> : undefined;
type ResponseMember<R, S, AnySuccess> = S extends 'default'
  ? AnySuccess extends true
    ? ApiFailure<number, ResponseBody<R>, ResponseHeaders<R>>
    : ApiSuccess<number, ResponseBody<R>, ResponseHeaders<R>> | ApiFailure<number, ResponseBody<R>, ResponseHeaders<R>>
  : IsSuccess<S> extends true
    ? ApiSuccess<StatusCode<S>, ResponseBody<R>, ResponseHeaders<R>>
    : ApiFailure<StatusCode<S>, ResponseBody<R>, ResponseHeaders<R>>;
type Results<R> = [keyof R] extends [never] ? ApiResult : { [S in keyof R]-?: ResponseMember<R[S], S, true extends { [K in keyof R]-?: IsSuccess<K> }[keyof R] ? true : false> }[keyof R];
/** The result of an operation: one member per documented status, discriminated by \`ok\` and \`status\`. */
export type OperationResult<Op> = Op extends { responses: infer R } ? Results<R> : ApiResult;

type Location = 'path' | 'query' | 'header' | 'cookie';
/** Accept, Content-Type and Authorization header parameters are ignored (OpenAPI): not offered. */
type Offered<G> = { [K in keyof G as Lowercase<K & string> extends 'accept' | 'content-type' | 'authorization' ? never : K]: G[K] };
type Group<P, L extends keyof P, O> = [NonNullable<P[L]>] extends [never] ? never : L extends keyof O ? Omit<Offered<NonNullable<P[L]>>, keyof O[L]> & O[L] : Offered<NonNullable<P[L]>>;
type Present<G> = [G] extends [never] ? false : [keyof G] extends [never] ? false : true;
type ParameterGroups<P, O> = {
  [L in keyof P & Location as Present<Group<P, L, O>> extends true ? ({} extends Group<P, L, O> ? never : L) : never]-?: Group<P, L, O>;
} & {
  [L in keyof P & Location as Present<Group<P, L, O>> extends true ? ({} extends Group<P, L, O> ? L : never) : never]+?: Group<P, L, O>;
};
type BodyType<T, M, Files> = IsJson<M> extends true
  ? Writable<T>
  : Essence<M> extends 'application/x-www-form-urlencoded'
    ? Writable<T>
    : Essence<M> extends 'multipart/form-data'
      ? [Files] extends [[infer Single extends PropertyKey, infer Multiple extends PropertyKey]] ? WithFiles<Writable<T>, Single, Multiple> : Writable<T>
      : IsText<M> extends true ? string : BinaryBody;
type BodyVariants<B, Required, Default, Files> = B extends { content: infer C }
  ? [keyof C] extends [never]
    ? {}
    : { [M in keyof C]-?: (M extends Default ? { contentType?: M } : { contentType: M }) & (Required extends true ? { body: BodyType<C[M], M, Files> } : { body?: BodyType<C[M], M, Files> }) }[keyof C]
  : {};
type Body<Op, X> = Op extends { requestBody: infer B }
  ? BodyVariants<B, true, X extends { contentType: infer D } ? D : string, X extends { files: infer F } ? F : never>
  : Op extends { requestBody?: infer B }
    ? [NonNullable<B>] extends [never] ? {} : BodyVariants<NonNullable<B>, false, X extends { contentType: infer D } ? D : string, X extends { files: infer F } ? F : never>
    : {};
/**
 * The request of an operation: its parameter groups (a group is required when one of its parameters is)
 * and its body with the media type to send it as. \`X\` carries what the type layer cannot know.
 */
export type OperationRequest<Op, X = {}> = (Op extends { parameters: infer P } ? ParameterGroups<P, X extends { parameters: infer O } ? O : {}> : {}) & Body<Op, X>;
type Arguments<R> = {} extends R ? [request?: R, options?: CallOptions] : [request: R, options?: CallOptions];
/** A client method: computed when it is used, not where it is declared. */
type Method<Op, X = {}> = (...args: Arguments<OperationRequest<Op, X>>) => Promise<OperationResult<Op>>;
`;

/** `name: Method<paths[path][method], extras>` for the Client interface, with the operation's doc comment. */
export function clientMember(spec: OpenApiSpec, key: string, operation: Operation, offered: Parameter[], uses: Set<string>): string {
  const op = `paths[${stringLiteral(operation.path)}][${stringLiteral(operation.method)}]`;
  const extras: string[] = [];
  const overrides = contentParameters(offered, uses);
  if (overrides) extras.push(`parameters: ${overrides}`);
  const body = operation.requestBody;
  const mediaTypes = body ? Object.keys(body.content) : [];
  if (mediaTypes.length > 1) extras.push(`contentType: ${stringLiteral(mediaTypes[0]!)}`);
  const multipart = mediaTypes.find((m) => m.split(';')[0]!.trim().toLowerCase() === 'multipart/form-data');
  if (multipart) {
    const files = fileProperties(spec, body!.content[multipart]?.schema);
    if (files.single.length || files.multiple.length) extras.push(`files: [${keyUnion(files.single)}, ${keyUnion(files.multiple)}]`);
  }
  const type = extras.length ? `Method<${op}, { ${extras.join('; ')} }>` : `Method<${op}>`;
  return `${methodDoc(operation)}  ${propertyKey(key)}: ${type};\n`;
}

function keyUnion(names: string[]): string {
  return names.length ? names.map(stringLiteral).join(' | ') : 'never';
}

/** openapi-typescript types `content` parameters as string; the client takes the schema's value and encodes it. */
function contentParameters(offered: Parameter[], uses: Set<string>): string | undefined {
  const groups = new Map<string, string[]>();
  for (const p of offered.filter((p) => p.contentType !== undefined)) {
    const ref = typeof p.schema?.$ref === 'string' ? /^#\/components\/schemas\/([^/]+)$/.exec(p.schema.$ref) : null;
    const name = ref ? ref[1]!.replace(/~1/g, '/').replace(/~0/g, '~') : undefined;
    if (name !== undefined) uses.add('components');
    const type = name !== undefined ? `Writable<components["schemas"][${stringLiteral(name)}]>` : 'unknown';
    groups.set(p.in, [...(groups.get(p.in) ?? []), `${propertyKey(p.name)}${p.required ? '' : '?'}: ${type}`]);
  }
  if (!groups.size) return undefined;
  return `{ ${[...groups].map(([location, members]) => `${location}: { ${members.join('; ')} }`).join('; ')} }`;
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

function methodDoc(operation: Operation): string {
  const lines = [operation.summary, operation.description && operation.description !== operation.summary ? operation.description : undefined]
    .filter((t): t is string => !!t && !!t.trim())
    .map((t) => t.trim());
  lines.push(`\`${operation.method.toUpperCase()} ${operation.path}\`${operation.hasOperationId ? '' : ` (no operationId; named ${operation.id})`}`);
  if (operation.deprecated) lines.push('@deprecated');
  return docComment(lines.join('\n\n'), '  ');
}

/**
 * `ServerChoice`: which server of the spec `serverUrl()` may pick, by index, with each server's
 * variables typed (enums as their values) and optional (the spec's defaults apply).
 */
export function serverChoiceType(spec: OpenApiSpec): string {
  const servers = (Array.isArray(spec.document.servers) ? spec.document.servers : []).filter((s: any) => s && typeof s.url === 'string');
  if (!servers.length) return 'never';
  const members: string[] = [];
  servers.forEach((server: any, index: number) => {
    const variables = Object.entries((server.variables ?? {}) as Record<string, any>).filter(([, v]) => v && typeof v === 'object' && v.default !== undefined);
    members.push(String(index));
    const fields = variables.map(([name, v]) => {
      const values = Array.isArray(v.enum) && v.enum.length ? v.enum.map((e: unknown) => stringLiteral(String(e))).join(' | ') : 'string';
      return `${docComment(typeof v.description === 'string' ? v.description : undefined, '    ')}    ${propertyKey(name)}?: ${values};\n`;
    });
    const vars = fields.length ? `; variables?: {\n${fields.join('')}  }` : '';
    members.push(`{ index${index === 0 ? '?' : ''}: ${index}${vars} }`);
  });
  return members.map((m) => `\n  | ${m}`).join('');
}
