/** node:http adapter: `http.createServer(toNodeHandler(server))`. No web Request is built per call. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { Readable } from 'node:stream';
import { BodyTooLarge, concatChunks, type BodySource, type Incoming, type Outgoing } from '../exchange.js';
import type { CovenantServer } from '../server.js';

const READER = Symbol('covenant.bodyReader');

interface Reader {
  chunks: Buffer[];
  total: number;
  limit: number;
  resolve(bytes: Uint8Array): void;
  reject(error: Error): void;
}

type ReadableRequest = IncomingMessage & { [READER]?: Reader };

// shared listeners (no closures per request): the reader state hangs off the request
function onData(this: ReadableRequest, chunk: Buffer): void {
  const reader = this[READER]!;
  reader.total += chunk.length;
  if (reader.total > reader.limit) {
    stopReading(this);
    this.resume();
    reader.reject(new BodyTooLarge(reader.limit));
    return;
  }
  reader.chunks.push(chunk);
}

function onEnd(this: ReadableRequest): void {
  const reader = this[READER]!;
  stopReading(this);
  reader.resolve(concatChunks(reader.chunks, reader.total));
}

function onError(this: ReadableRequest, error: Error): void {
  const reader = this[READER]!;
  stopReading(this);
  reader.reject(error);
}

function stopReading(request: ReadableRequest): void {
  request.off('data', onData);
  request.off('end', onEnd);
  request.off('error', onError);
}

class NodeBody implements BodySource {
  readonly length: number | undefined;
  constructor(private readonly request: IncomingMessage) {
    const declared = request.headers['content-length'];
    this.length = declared === undefined ? undefined : Number(declared);
  }
  bytes(limit: number): Promise<Uint8Array> {
    const request = this.request as ReadableRequest;
    if (request.readableEnded) {
      // e.g. express.json() ran first: waiting for 'end' would hang the request
      return Promise.reject(new Error('the request body was already read by another middleware: mount covenant before body parsers'));
    }
    return new Promise((resolve, reject) => {
      request[READER] = { chunks: [], total: 0, limit, resolve, reject };
      request.on('data', onData);
      request.on('end', onEnd);
      request.on('error', onError);
    });
  }
}

export class NodeIncoming implements Incoming {
  readonly method: string;
  readonly target: string;
  readonly body: BodySource | undefined;
  readonly mounted: boolean;
  /** `target`: the path relative to a mount point (Express, Fastify); the spec's base path is then not applied. */
  constructor(private readonly request: IncomingMessage, target?: string) {
    this.method = request.method ?? 'GET';
    this.target = target ?? request.url ?? '/';
    this.mounted = target !== undefined;
    const headers = request.headers;
    const length = headers['content-length'];
    this.body = headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0') ? new NodeBody(request) : undefined;
  }
  header(name: string): string | undefined {
    const value = this.request.headers[name];
    return typeof value === 'string' ? value : Array.isArray(value) ? value.join(', ') : undefined;
  }
}

/**
 * Write an Outgoing to a node response. Throws synchronously when node refuses it before anything
 * is sent (a header value with CR/LF); `failed` is told about errors after that (a body stream or
 * Blob that breaks).
 */
export function writeNodeResponse(response: ServerResponse, out: Outgoing, failed: (error: unknown) => void = (error) => response.destroy(error as Error)): void {
  const body = out.body;
  if (typeof body === 'string') {
    out.headers['content-length'] = String(Buffer.byteLength(body));
    response.writeHead(out.status, out.headers);
    response.end(body);
  } else if (body === null || body instanceof Uint8Array) {
    if (body !== null || (out.status !== 204 && out.status !== 304)) out.headers['content-length'] = String(body?.length ?? 0);
    response.writeHead(out.status, out.headers);
    response.end(body ?? undefined);
  } else if (body instanceof Blob) {
    body.arrayBuffer().then((buffer) => {
      response.writeHead(out.status, out.headers);
      response.end(Buffer.from(buffer));
    }).catch(failed);
  } else {
    response.writeHead(out.status, out.headers);
    const stream = Readable.fromWeb(body as never);
    stream.on('error', (error) => {
      failed(error);
      if (!response.destroyed) response.destroy(error);
    });
    stream.pipe(response);
  }
}

/**
 * Serve node's `(req, res)`. `target` overrides req.url: a path relative to a mount point (no base
 * path applied). Never rejects: an answer node refuses to write is reported to onError and replaced
 * by a 500; a failure once the answer is under way is reported and ends the connection.
 */
export async function serveNode(server: CovenantServer, request: IncomingMessage, response: ServerResponse, target?: string): Promise<void> {
  const incoming = new NodeIncoming(request, target);
  let failed = false;
  const fail = async (error: unknown) => {
    if (failed) return;
    failed = true;
    const answer = await server.internalError(incoming, error);
    if (response.headersSent || response.destroyed) {
      if (!response.destroyed) response.destroy();
      return;
    }
    for (const name of response.getHeaderNames()) response.removeHeader(name);
    writeNodeResponse(response, answer);
  };
  try {
    writeNodeResponse(response, await server.dispatch(incoming), (error) => void fail(error).catch(() => response.destroy()));
  } catch (error) {
    try {
      await fail(error);
    } catch {
      // the 500 itself could not be written: never leave the connection hanging
      if (!response.headersSent) response.writeHead(500);
      response.end();
    }
  }
}

/** A `(req, res)` listener for `http.createServer` / `https.createServer`. */
export function toNodeHandler(server: CovenantServer): (request: IncomingMessage, response: ServerResponse) => void {
  return (request, response) => void serveNode(server, request, response);
}
