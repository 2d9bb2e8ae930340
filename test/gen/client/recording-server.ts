/** A node:http server on 127.0.0.1 that records each raw request and answers with a handler set per test. */
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedRequest {
  method: string;
  /** The request target exactly as sent (path and query, not normalized). */
  url: string;
  headers: IncomingMessage['headers'];
  cookies: Record<string, string[]>;
  body: Buffer;
}

export interface Reply {
  status?: number;
  headers?: Record<string, string>;
  body?: unknown;
  /** Wait this long before answering (for timeout tests). */
  delayMs?: number;
}

export interface RecordingServer {
  baseUrl: string;
  requests: RecordedRequest[];
  last(): RecordedRequest;
  reply(handler: (request: RecordedRequest) => Reply): void;
  close(): Promise<void>;
}

function parseCookies(header: string | undefined): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const pair of (header ?? '').split(/;\s*/).filter(Boolean)) {
    const i = pair.indexOf('=');
    const name = i < 0 ? pair : pair.slice(0, i);
    (out[name] ??= []).push(i < 0 ? '' : pair.slice(i + 1));
  }
  return out;
}

export async function startRecordingServer(prefix = '/v1'): Promise<RecordingServer> {
  const requests: RecordedRequest[] = [];
  let handler: (request: RecordedRequest) => Reply = () => ({ status: 200, body: {} });
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const recorded: RecordedRequest = {
        method: req.method ?? '',
        url: req.url ?? '',
        headers: req.headers,
        cookies: parseCookies(req.headers.cookie),
        body: Buffer.concat(chunks),
      };
      requests.push(recorded);
      const reply = handler(recorded);
      const send = () => {
        if (res.destroyed) return;
        const headers: Record<string, string> = { ...reply.headers };
        let payload: string | undefined;
        if (reply.body !== undefined) {
          payload = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body);
          headers['content-type'] ??= 'application/json';
        }
        res.writeHead(reply.status ?? 200, headers);
        res.end(payload);
      };
      if (reply.delayMs) setTimeout(send, reply.delayMs).unref();
      else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}${prefix}`,
    requests,
    last: () => requests[requests.length - 1]!,
    reply: (h) => {
      handler = h;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
