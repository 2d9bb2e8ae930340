/** fetch adapter: `(Request) => Promise<Response>` for Hono (`app.all('*', (c) => handler(c.req.raw))`), Bun, Deno and workers. */
import type { CovenantServer } from '../server.js';

export function toFetchHandler(server: CovenantServer): (request: Request) => Promise<Response> {
  return (request) => server.handle(request);
}
