/**
 * What a generated server hands the runtime: the operations of one spec, reduced to what routing,
 * parsing, validation and security need. Emitted by the `typescript-server` target as a literal.
 */

export type ParameterLocation = 'path' | 'query' | 'header' | 'cookie';

export interface ParameterDefinition {
  name: string;
  in: ParameterLocation;
  required?: boolean;
  /** Serialization style; defaults per location (form for query/cookie, simple for path/header). */
  style?: string;
  explode?: boolean;
  schema?: unknown;
  /** Set when the parameter is described by `content` (its value is a serialized document, e.g. JSON). */
  contentType?: string;
}

export interface MediaDefinition {
  schema?: unknown;
  encoding?: Record<string, { contentType?: string }>;
}

export interface ResponseDefinition {
  content?: Record<string, MediaDefinition>;
}

export interface OperationDefinition {
  /** operationId (or covenant's fallback name): the key of its handler. */
  id: string;
  method: string;
  /** Path template as written in the spec (`/users/{userId}`). */
  path: string;
  parameters?: ParameterDefinition[];
  requestBody?: { required?: boolean; content: Record<string, MediaDefinition> };
  /** By status: `200`, `4XX`, `default`. */
  responses?: Record<string, ResponseDefinition>;
  /** Alternatives; each maps scheme name → scopes. Empty or absent = no credentials needed. */
  security?: Array<Record<string, string[]>>;
}

export interface SecuritySchemeDefinition {
  type: string;
  scheme?: string;
  name?: string;
  in?: string;
}

/** An entry of the spec's `servers` (only what the base path needs). */
export interface ServerUrlDefinition {
  url: string;
  variables?: Record<string, { default: string; enum?: string[] }>;
}

export interface ServiceDefinition {
  openapi: '3.0' | '3.1';
  /** The spec's top-level `servers`: their URL paths are the base paths the API is served under. */
  servers?: ServerUrlDefinition[];
  operations: OperationDefinition[];
  /** Every schema a `$ref` of the operations reaches, by the `$ref` string (`#/components/schemas/User`). */
  schemas?: Record<string, unknown>;
  securitySchemes?: Record<string, SecuritySchemeDefinition>;
  /**
   * Validators generated ahead of time (ajv standalone code, `validators.ts`): `functions.v<i>` is
   * the validator of entry i of `validatorPlan(definition)`, whose keys `keys` lists. When absent, or
   * when the keys differ from this runtime's plan, the validators are compiled at startup instead.
   */
  validators?: { keys: readonly string[]; functions: Record<string, unknown> };
}
