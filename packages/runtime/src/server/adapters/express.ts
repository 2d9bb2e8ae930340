/**
 * Express adapter: `app.use(toExpressMiddleware(server))`. Structural types only, so covenant does
 * not need express installed. Mount it before body parsers (it reads the raw body itself). Requests
 * whose path no operation has fall through to `next()`; paths are relative to the mount point,
 * which takes the place of the spec's base path (`app.use('/v1', toExpressMiddleware(server))`).
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CovenantServer } from '../server.js';
import { serveNode } from './node.js';

export type ExpressLikeMiddleware = (request: IncomingMessage, response: ServerResponse, next: (error?: unknown) => void) => void;

export function toExpressMiddleware(server: CovenantServer, options: { fallthrough?: boolean } = {}): ExpressLikeMiddleware {
  const fallthrough = options.fallthrough ?? true;
  return (request, response, next) => {
    const target = request.url ?? '/';
    if (fallthrough && !server.hasRoute(target, true)) {
      next();
      return;
    }
    serveNode(server, request, response, target).catch(next);
  };
}
