/**
 * The URL of a server of the spec (by index, default the first) with its `{variables}` filled from the
 * caller's values or the spec's defaults: what a generated client's `serverUrl()` returns, for `baseUrl`.
 * Only clients that call `serverUrl()` bundle this file.
 */

export interface ServerVariable {
  default: string;
  enum?: readonly string[];
}

/** A server of the spec: a plain URL, or a URL template with its variables. */
export type ClientServer = string | { url: string; variables?: Readonly<Record<string, ServerVariable>> };

/** Which server to use: its index in the spec's `servers`, or the index and values for its variables. */
export type ServerChoice = number | { index?: number; variables?: Readonly<Record<string, string | undefined>> };

/** A server's URL (no trailing slash); throws a TypeError for an index, variable or value the spec does not have. */
export function resolveServerUrl(servers: readonly ClientServer[], choice: ServerChoice = 0): string {
  const index = typeof choice === 'number' ? choice : (choice.index ?? 0);
  const server = servers[index];
  if (server === undefined) throw new TypeError(`server ${index}: the spec has ${servers.length} server(s)`);
  const { url, variables = {} } = typeof server === 'string' ? { url: server } : server;
  const values: Readonly<Record<string, string | undefined>> = (typeof choice === 'object' && choice.variables) || {};
  for (const name in values) {
    if (values[name] !== undefined && !Object.hasOwn(variables, name)) throw new TypeError(`server ${index} (${url}) has no variable {${name}}`);
  }
  return url
    .replace(/\{([^}]+)\}/g, (whole, name: string) => {
      if (!Object.hasOwn(variables, name)) return whole;
      const { default: fallback, enum: allowed } = variables[name]!;
      const value = (Object.hasOwn(values, name) && values[name]) || fallback;
      if (allowed?.length && !allowed.includes(value)) throw new TypeError(`server ${index} (${url}): {${name}} is one of ${allowed.join(', ')}, not "${value}"`);
      return value;
    })
    .replace(/\/+$/, '');
}
