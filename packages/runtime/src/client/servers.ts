/**
 * The base URL of a client: `baseUrl` if given, else a server of the spec (by index, default the
 * first) with its `{variables}` filled from the caller's values or the spec's defaults.
 */

export interface ServerVariable {
  default: string;
  enum?: readonly string[];
}

/** A server of the spec: a plain URL, or a URL template with its variables. */
export type ClientServer = string | { url: string; variables?: Readonly<Record<string, ServerVariable>> };

/** Which server to use: its index in the spec's `servers`, or the index and values for its variables. */
export type ServerChoice = number | { index?: number; variables?: Readonly<Record<string, string | undefined>> };

/** The base URL (no trailing slash) for the client's options. */
export function resolveBaseUrl(servers: readonly ClientServer[], baseUrl: string | undefined, choice: ServerChoice | undefined): string {
  if (baseUrl !== undefined) return baseUrl.replace(/\/+$/, '');
  const index = typeof choice === 'number' ? choice : (choice?.index ?? 0);
  const server = servers[index];
  if (server === undefined) {
    if (choice === undefined) return '';
    throw new TypeError(`server ${index}: the spec has ${servers.length} server${servers.length === 1 ? '' : 's'} (indexes 0-${servers.length - 1})`);
  }
  const values = typeof choice === 'object' ? (choice.variables ?? {}) : {};
  if (typeof server === 'string') {
    const extra = Object.keys(values).filter((name) => values[name] !== undefined);
    if (extra.length) throw new TypeError(`server ${index} (${server}) has no variables; got ${extra.join(', ')}`);
    return server.replace(/\/+$/, '');
  }
  const variables = server.variables ?? {};
  for (const name of Object.keys(values)) {
    if (values[name] !== undefined && !Object.hasOwn(variables, name)) {
      throw new TypeError(`server ${index} (${server.url}) has no variable "${name}" (it has: ${Object.keys(variables).join(', ') || 'none'})`);
    }
  }
  const url = server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => {
    const variable = Object.hasOwn(variables, name) ? variables[name] : undefined;
    if (!variable) return whole;
    const given = Object.hasOwn(values, name) ? values[name] : undefined;
    const value = given ?? variable.default;
    if (variable.enum && variable.enum.length && !variable.enum.includes(value)) {
      throw new TypeError(`server ${index} (${server.url}): "${value}" is not a value of {${name}} (one of ${variable.enum.join(', ')})`);
    }
    return value;
  });
  return url.replace(/\/+$/, '');
}

/** The URL a server stands for with its defaults (for messages). */
export function defaultServerUrl(server: ClientServer | undefined): string {
  if (server === undefined) return '';
  if (typeof server === 'string') return server;
  return server.url.replace(/\{([^}]+)\}/g, (whole, name: string) => server.variables?.[name]?.default ?? whole);
}
