/**
 * A request of `covenant test` as data (so fast-check can shrink it and a failure can print it),
 * its wire form, the `curl` line that replays it, and sending it to the ONE base URL of the run.
 */
export interface TestRequest {
  method: string;
  /** Path after the base URL, already serialized (`/users/u1`). */
  path: string;
  /** Serialized query pairs, in order. */
  query: Array<[string, string]>;
  headers: Record<string, string>;
  body?: { contentType: string; text: string | Uint8Array };
}

export interface TestResponse {
  status: number;
  headers: Headers;
  text: string;
  /** Parsed JSON when the body is JSON, else undefined. */
  json?: unknown;
  jsonError?: string;
}

export function urlOf(baseUrl: string, request: TestRequest): string {
  const base = baseUrl.replace(/\/+$/, '');
  const query = request.query.map(([k, v]) => `${k}=${v}`).join('&');
  return `${base}${request.path}${query ? `?${query}` : ''}`;
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

export function curlLine(baseUrl: string, request: TestRequest): string {
  const parts = ['curl', '-sS', '-X', request.method.toUpperCase(), quote(urlOf(baseUrl, request))];
  for (const [name, value] of Object.entries(request.headers)) parts.push('-H', quote(`${name}: ${value}`));
  if (request.body) {
    parts.push('-H', quote(`Content-Type: ${request.body.contentType}`));
    const text = typeof request.body.text === 'string' ? request.body.text : Buffer.from(request.body.text).toString('latin1');
    parts.push('--data-binary', quote(text));
  }
  return parts.join(' ');
}

export async function send(baseUrl: string, request: TestRequest, timeoutMs: number): Promise<TestResponse> {
  const url = urlOf(baseUrl, request);
  if (!url.startsWith(baseUrl.replace(/\/+$/, ''))) throw new Error(`refusing to contact ${url}: outside the base URL`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(request.headers)) headers.set(name, value);
  if (request.body) headers.set('content-type', request.body.contentType);
  const response = await fetch(url, {
    method: request.method.toUpperCase(),
    headers,
    body: request.body ? (request.body.text as BodyInit) : undefined,
    redirect: 'manual',
    signal: AbortSignal.timeout(timeoutMs),
  });
  const text = await response.text();
  const out: TestResponse = { status: response.status, headers: response.headers, text };
  const type = response.headers.get('content-type') ?? '';
  if (text && /[/+]json\b/i.test(type)) {
    try {
      out.json = JSON.parse(text);
    } catch (error) {
      out.jsonError = (error as Error).message;
    }
  }
  return out;
}
