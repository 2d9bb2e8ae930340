/**
 * Fastify adapter: `app.register(toFastifyPlugin(server))`. Structural types only (no runtime import
 * of fastify). Inside its own encapsulated scope the plugin turns off Fastify's body parsing, routes
 * every method and path to the core, and writes the answer on the raw response.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { CovenantServer } from '../server.js';
import { serveNode } from './node.js';

export interface FastifyLikeInstance {
  readonly prefix?: string;
  removeAllContentTypeParsers(): void;
  addContentTypeParser(contentType: string, parser: (request: unknown, payload: unknown, done: (error: Error | null, body?: unknown) => void) => void): void;
  route(options: {
    method: string[];
    url: string;
    handler: (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => Promise<void>;
  }): unknown;
}

const METHODS = ['DELETE', 'GET', 'HEAD', 'PATCH', 'POST', 'PUT', 'OPTIONS', 'TRACE'];

export function toFastifyPlugin(server: CovenantServer): (instance: FastifyLikeInstance, options: unknown, done: (error?: Error) => void) => void {
  return (instance, _options, done) => {
    const prefix = instance.prefix ?? '';
    instance.removeAllContentTypeParsers();
    instance.addContentTypeParser('*', (_request, _payload, parsed) => parsed(null));
    const handler = async (request: { raw: IncomingMessage }, reply: { raw: ServerResponse; hijack(): void }) => {
      reply.hijack();
      const url = request.raw.url ?? '/';
      await serveNode(server, request.raw, reply.raw, prefix && url.startsWith(prefix) ? url.slice(prefix.length) || '/' : url);
    };
    instance.route({ method: METHODS, url: '/', handler });
    instance.route({ method: METHODS, url: '/*', handler });
    done();
  };
}
