/**
 * Types that tie a Pact interaction to an openapi-typescript `paths` interface: which paths and
 * methods exist, which path/query/header parameters an operation takes, which statuses it answers,
 * and the body shapes, where every value may also be a Pact matcher of the same shape.
 */
import type { MatchersV3 } from '@pact-foundation/pact';

export type Matcher<T> = MatchersV3.Matcher<T>;

/** Structural twin of pact-js's `Matcher<T>` (an interface, so that `Template` may refer to itself). */
export interface TemplateMatcher<T> {
  'pact:matcher:type': string;
  'pact:generator:type'?: string;
  value?: T | Record<string, T>;
}

/**
 * Every property path of a shape (`maker.name`; arrays are transparent: `items.id`), a few levels
 * deep. A matcher's paths must be among its place's paths: that is how an unknown field inside
 * `like({...})` is refused (a matcher's example is otherwise checked structurally, which lets
 * extra fields through).
 */
export type KeyPaths<X, Depth extends unknown[] = []> = Depth['length'] extends 6
  ? string
  : NonNullable<X> extends { 'pact:matcher:type': string }
    ? never
    : NonNullable<X> extends readonly (infer E)[]
      ? KeyPaths<E, Depth>
      : NonNullable<X> extends string | number | boolean | bigint
        ? never
        : NonNullable<X> extends object
          ? { [K in keyof NonNullable<X> & string]: K | `${K}.${KeyPaths<NonNullable<X>[K], [...Depth, unknown]>}` }[keyof NonNullable<X> & string]
          : never;

/**
 * A matcher standing for a value of shape T: its example is a `Template<T>`, and the property
 * paths of a typed matcher of covenant/pact (`' keys'`) must be paths of T. pact-js's own
 * matchers fit too (they carry no paths; their example is checked structurally).
 */
export interface ShapeMatcher<T> extends TemplateMatcher<Template<T>> {
  readonly ' keys'?: KeyPaths<T>;
}

/** What covenant's `like`, `eachLike`... return: pact-js's matcher, with the paths of its example. */
export interface TypedMatcher<V> extends TemplateMatcher<V> {
  readonly ' keys'?: KeyPaths<V>;
}

export type HttpMethod = 'get' | 'put' | 'post' | 'delete' | 'options' | 'head' | 'patch' | 'trace';

// read/write markers of openapi-typescript (`readWriteMarkers`): `{ readonly $read: T }` / `{ readonly $write: T }`
type ReadMarker = { readonly $read: any };
type WriteMarker = { readonly $write: any };

/**
 * What a server sends, as far as a consumer asserts on it: readOnly kept (unwrapped), writeOnly
 * dropped, and every property optional (a consumer states only the fields it reads; the provider
 * may send more). Unknown properties are still refused.
 */
export type ResponseShape<T> = T extends WriteMarker
  ? never
  : T extends { readonly $read: infer U }
    ? ResponseShape<U>
    : T extends readonly (infer E)[]
      ? ResponseShape<E>[]
      : T extends object
        ? { [K in keyof T as NonNullable<T[K]> extends WriteMarker ? never : K]?: ResponseShape<T[K]> }
        : T;

/** What a client sends: writeOnly kept (unwrapped), readOnly dropped. */
export type RequestShape<T> = T extends ReadMarker
  ? never
  : T extends { readonly $write: infer U }
    ? RequestShape<U>
    : T extends readonly (infer E)[]
      ? RequestShape<E>[]
      : T extends object
        ? { [K in keyof T as NonNullable<T[K]> extends ReadMarker ? never : K]: RequestShape<T[K]> }
        : T;

/**
 * A value of type T written for Pact: T itself, or at any depth a matcher whose example has the
 * shape of T (`like(user)`, `eachLike(item)`, `integer(1)` for a number, `regex(/.../, 'x')` or
 * `datetime(fmt, '...')` for a string). A matcher of another shape does not type-check.
 */
export type Template<T> =
  | ShapeMatcher<T>
  | (T extends string | number | boolean | null | undefined
      ? T
      : T extends readonly (infer E)[]
        ? Template<E>[]
        : T extends object
          ? { [K in keyof T]: Template<T[K]> }
          : T);

type Defined<T> = Exclude<T, undefined>;

/** Methods a path has in `paths` (openapi-typescript marks missing ones `?: never`). */
export type MethodsOf<P, Path extends keyof P> = {
  [M in HttpMethod & keyof P[Path]]-?: [Defined<P[Path][M]>] extends [never] ? never : M;
}[HttpMethod & keyof P[Path]];

export type OperationOf<P, Path extends keyof P, M> = M extends keyof P[Path] ? Defined<P[Path][M]> : never;

type ParametersOf<Op> = Op extends { parameters: infer Params } ? Params : {};
type ParamGroup<Op, In extends string> = In extends keyof ParametersOf<Op> ? Defined<ParametersOf<Op>[In]> : never;

type PathValue = string | number | Matcher<string>;
type QueryValue<T> = NonNullable<T> extends readonly unknown[] ? string | Matcher<string> | Array<string | Matcher<string>> : string | number | boolean | Matcher<string>;

/** `{ userId: 'u1' }` for `/users/{userId}`; nothing when the path has no parameters. */
export type PathParams<Op> = [ParamGroup<Op, 'path'>] extends [never]
  ? { params?: undefined }
  : {} extends ParamGroup<Op, 'path'>
    ? { params?: { [K in keyof ParamGroup<Op, 'path'>]?: PathValue } }
    : { params: { [K in keyof ParamGroup<Op, 'path'>]-?: PathValue } };

export type QueryParams<Op> = [ParamGroup<Op, 'query'>] extends [never]
  ? { query?: undefined }
  : { query?: { [K in keyof ParamGroup<Op, 'query'>]?: QueryValue<ParamGroup<Op, 'query'>[K]> } };

type Headers = Record<string, string | Matcher<string>>;
export type HeaderParams<Op> = [ParamGroup<Op, 'header'>] extends [never]
  ? { headers?: Headers }
  : { headers?: { [K in keyof ParamGroup<Op, 'header'>]?: string | Matcher<string> } & Headers };

type RequestContent<Op> = Op extends { requestBody?: infer B } ? ([Defined<B>] extends [never] ? never : Defined<B> extends { content: infer C } ? C : never) : never;

/** Request body: typed by the content type chosen (default: the first JSON one, else the first). */
export type RequestBodyPart<Op> = [RequestContent<Op>] extends [never]
  ? { body?: undefined; contentType?: string }
  : {
      [CT in keyof RequestContent<Op> & string]: {
        contentType?: CT;
        body?: Template<RequestShape<RequestContent<Op>[CT]>>;
      };
    }[keyof RequestContent<Op> & string];

type Responses<Op> = Op extends { responses: infer R } ? R : {};

/** Statuses the operation documents; `default` or `4XX`-style ranges open it to any number. */
export type StatusOf<Op> =
  | Extract<keyof Responses<Op>, number>
  | ('default' extends keyof Responses<Op> ? number : never)
  | (`${1 | 2 | 3 | 4 | 5}XX` & keyof Responses<Op> extends never ? never : number);

type ResponseFor<Op, S> = S extends keyof Responses<Op> ? Responses<Op>[S] : 'default' extends keyof Responses<Op> ? Responses<Op>['default'] : never;
type ResponseContent<Op, S> = [ResponseFor<Op, S>] extends [never] ? never : ResponseFor<Op, S> extends { content: infer C } ? ([C] extends [never] ? never : C) : never;

export type ResponseBodyPart<Op, S> = [ResponseContent<Op, S>] extends [never]
  ? { body?: undefined; contentType?: string }
  : {
      [CT in keyof ResponseContent<Op, S> & string]: {
        contentType?: CT;
        body?: Template<ResponseShape<ResponseContent<Op, S>[CT]>>;
      };
    }[keyof ResponseContent<Op, S> & string];

export type ProviderState = string | { description: string; parameters?: Record<string, unknown> };

/** The parts of an interaction that depend on the operation (any operation type of openapi-typescript). */
export type InteractionFor<Op, S> = {
  /** `uponReceiving`: what the consumer asks, in its words. */
  description: string;
  /** Provider states (`given`). */
  states?: ProviderState[];
  response: { status: S; headers?: Headers } & ResponseBodyPart<Op, S>;
} & RequestPart<Op>;

/** One interaction, constrained by the operation at `path` + `method`. */
export type TypedInteraction<P, Path extends keyof P & string, M, S> = { path: Path; method: M } & InteractionFor<OperationOf<P, Path, M>, S>;

/** One interaction, named by operationId (`operations` of openapi-typescript). */
export type OperationInteraction<O, Id extends keyof O, S> = { operation: Id } & InteractionFor<O[Id], S>;

/** The part of a generated client's `api` table that locates an operation. */
export interface OperationTable {
  operations: Record<string, { method: string; path: string }>;
}

type RequestFields<Op> = PathParams<Op> & QueryParams<Op> & HeaderParams<Op> & RequestBodyPart<Op>;

/** `request` may be left out only when nothing in it is required (no path parameters). */
type RequestPart<Op> = [ParamGroup<Op, 'path'>] extends [never] ? { request?: RequestFields<Op> } : {} extends ParamGroup<Op, 'path'> ? { request?: RequestFields<Op> } : { request: RequestFields<Op> };
