/** The per-request view of an Incoming: lazy query and cookie parsing, and the handler's `request`. */
import type { RequestInfo } from './api.js';
import type { Incoming } from './exchange.js';
import { parseCookies, parseQuery } from './params.js';
import type { CredentialSources } from './security.js';

/** Per-request view used for credentials and as the handler's `request`; parses query and cookies lazily. */
export class RequestState implements CredentialSources, RequestInfo {
  private parsedQuery: Map<string, string[]> | undefined;
  private parsedCookies: Map<string, string> | undefined;
  constructor(
    private readonly incoming: Incoming,
    private readonly queryString: string,
  ) {}
  get method(): string {
    return this.incoming.method;
  }
  get target(): string {
    return this.incoming.target;
  }
  header(name: string): string | undefined {
    return this.incoming.header(name.toLowerCase());
  }
  queries(): Map<string, string[]> {
    return (this.parsedQuery ??= parseQuery(this.queryString));
  }
  cookies(): Map<string, string> {
    return (this.parsedCookies ??= parseCookies(this.incoming.header('cookie')));
  }
  query(name: string): string | undefined {
    const values = this.queries().get(name);
    return values ? decodeURIComponentSafe(values[0]!) : undefined;
  }
  cookie(name: string): string | undefined {
    return this.cookies().get(name);
  }
}

export function pathOf(target: string): string {
  const q = target.indexOf('?');
  return q < 0 ? target : target.slice(0, q);
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text.replace(/\+/g, ' '));
  } catch {
    return text;
  }
}
