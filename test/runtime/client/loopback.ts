/** A node:http server on 127.0.0.1 that counts requests and answers from a script (test helper). */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply = (request: IncomingMessage & { body: string }, response: ServerResponse, index: number) => void;

export interface Loopback {
  url: string;
  /** Requests received (their method, URL, headers and body). */
  requests: Array<{ method: string; url: string; headers: IncomingMessage['headers']; body: string }>;
  reply(fn: Reply): void;
  close(): Promise<void>;
}

export async function startLoopback(): Promise<Loopback> {
  let replyFn: Reply = (_req, res) => res.writeHead(204).end();
  const requests: Loopback['requests'] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      requests.push({ method: req.method!, url: req.url!, headers: req.headers, body });
      replyFn(Object.assign(req, { body }), res, requests.length - 1);
    });
  });
  server.keepAliveTimeout = 500;
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    requests,
    reply(fn) {
      replyFn = fn;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A port nothing listens on (bound, then released). */
export async function closedPort(): Promise<string> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return `http://127.0.0.1:${port}`;
}
