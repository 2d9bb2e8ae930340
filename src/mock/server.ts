/**
 * The mock's HTTP side: node:http on host:port, the spec mounted at the request's path served by
 * the runtime's node adapter (CORS included), one log line per request, and each spec reloaded
 * when one of its files changes (a bad edit is reported; the last good version keeps serving).
 */
import { createServer as createHttpServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { watch, type FSWatcher } from 'node:fs';
import { basename, dirname, resolve } from 'node:path';
import { NodeIncoming, writeNodeResponse } from '@covenant/runtime/server';
import { UserError, isUserError, formatPosition } from '../errors.js';
import { loadOpenApi } from '../spec/openapi/load.js';
import { findMount, mountBase, type Mount } from './mounts.js';
import { buildMockService, type MockService } from './service.js';

export interface MockServerOptions {
  /** OpenAPI files with their names, in mount order. */
  specs: Array<{ name: string; path: string }>;
  cwd: string;
  port: number;
  host: string;
  cors: boolean;
  watch: boolean;
  seed?: number;
  /** One line per request (absent = quiet). */
  logRequest?: (line: string) => void;
  /** Startup, reload and warning lines. */
  info: (line: string) => void;
  warn: (line: string) => void;
}

export interface RunningMock {
  url: string;
  port: number;
  mounts: readonly Mount[];
  close(): Promise<void>;
}

export async function startMockServer(options: MockServerOptions): Promise<RunningMock> {
  const mounts: Mount[] = [];
  for (const entry of options.specs) {
    const service = await loadService(entry, options);
    mounts.push({ name: entry.name, base: mountBase(entry.name, options.specs.length), service });
  }
  const http = createHttpServer((request, response) => void serve(mounts, options, request, response));
  http.keepAliveTimeout = 65_000;
  const port = await listen(http, options.port, options.host);
  const host = options.host.includes(':') ? `[${options.host}]` : options.host;
  const url = `http://${host}:${port}`;
  const watchers = options.watch ? watchSpecs(mounts, options) : [];
  return {
    url,
    port,
    mounts,
    close: () =>
      new Promise((done) => {
        for (const w of watchers) w.close();
        http.close(() => done());
        http.closeAllConnections();
      }),
  };
}

async function loadService(entry: { name: string; path: string }, options: MockServerOptions): Promise<MockService> {
  const spec = await loadOpenApi(entry.path, { name: entry.name, cwd: options.cwd });
  let service: MockService;
  try {
    service = buildMockService(spec, { seed: options.seed, cors: options.cors, onError: options.warn });
  } catch (error) {
    if (isUserError(error)) throw error;
    throw new UserError(`cannot mock this spec: ${(error as Error).message.split('\n')[0]}`, { position: { file: spec.file } });
  }
  for (const problem of service.invalidExamples) {
    const where = formatPosition(spec.locate(problem.pointer));
    options.warn(`covenant: ${where}: example does not match its schema: ${problem.message} (not served; covenant generates a body instead)`);
  }
  return service;
}

async function serve(mounts: Mount[], options: MockServerOptions, request: IncomingMessage, response: ServerResponse): Promise<void> {
  const started = options.logRequest ? performance.now() : 0;
  const target = request.url ?? '/';
  try {
    const found = findMount(mounts, target);
    if (found) writeNodeResponse(response, await found.mount.service.server.dispatch(new NodeIncoming(request, found.target)));
    else notMounted(mounts, target, response);
  } catch (error) {
    if (!response.headersSent) response.writeHead(500);
    response.end();
    options.warn(`covenant: ${request.method} ${target}: ${(error as Error).message}`);
  }
  if (options.logRequest) options.logRequest(`${request.method} ${target} -> ${response.statusCode} (${(performance.now() - started).toFixed(1)} ms)`);
}

function notMounted(mounts: Mount[], target: string, response: ServerResponse): void {
  const body = JSON.stringify({
    type: 'about:blank',
    title: 'Not Found',
    status: 404,
    detail: `no spec is mounted at ${target.split('?')[0]} (mounted: ${mounts.map((m) => `${m.base}/`).join(', ')})`,
  });
  response.writeHead(404, { 'content-type': 'application/problem+json', 'content-length': Buffer.byteLength(body) });
  response.end(body);
}

function listen(http: Server, port: number, host: string): Promise<number> {
  return new Promise((done, fail) => {
    http.once('error', (error: NodeJS.ErrnoException) => {
      const where = `${host}:${port}`;
      if (error.code === 'EADDRINUSE') fail(new UserError(`cannot listen on ${where}: the port is in use`, { hint: 'stop the other server or choose another --port' }));
      else if (error.code === 'EACCES') fail(new UserError(`cannot listen on ${where}: permission denied`, { hint: 'choose a port above 1023' }));
      else if (error.code === 'EADDRNOTAVAIL' || error.code === 'ENOTFOUND') fail(new UserError(`cannot listen on ${where}: no such address on this machine`, { hint: 'use --host 127.0.0.1 or 0.0.0.0' }));
      else fail(new UserError(`cannot listen on ${where} (${error.code ?? error.message})`));
    });
    http.listen(port, host, () => {
      const address = http.address();
      done(typeof address === 'object' && address ? address.port : port);
    });
  });
}

/** Watch the folders of every spec file; a change reloads the specs that read that file. */
function watchSpecs(mounts: Mount[], options: MockServerOptions): FSWatcher[] {
  const filesOf = (m: Mount) => new Set(m.service.spec.files.map((f) => resolve(options.cwd, f)));
  const watched = new Map<Mount, Set<string>>(mounts.map((m) => [m, filesOf(m)]));
  const pending = new Map<Mount, NodeJS.Timeout>();
  const reload = async (mount: Mount) => {
    try {
      const entry = { name: mount.name, path: resolve(options.cwd, mount.service.spec.files[0]!) };
      mount.service = await loadService(entry, options);
      watched.set(mount, filesOf(mount));
      options.info(`${mount.name}: reloaded ${mount.service.spec.file} (${mount.service.operations} operations)`);
    } catch (error) {
      const line = isUserError(error) ? error.toLine() : (error as Error).message.split('\n')[0];
      options.warn(`covenant: ${line} (still serving the last good version of ${mount.name})`);
    }
  };
  const folders = new Set<string>();
  for (const files of watched.values()) for (const f of files) folders.add(dirname(f));
  const watchers: FSWatcher[] = [];
  for (const folder of folders) {
    try {
      const watcher = watch(folder, (_event, name) => {
        if (!name) return;
        const changed = resolve(folder, basename(String(name)));
        for (const [mount, files] of watched) {
          if (!files.has(changed)) continue;
          clearTimeout(pending.get(mount));
          pending.set(mount, setTimeout(() => void reload(mount), 100));
        }
      });
      watcher.on('error', () => {});
      watcher.unref();
      watchers.push(watcher);
    } catch {
      options.warn(`covenant: ${folder}: cannot watch this folder (changes there will not reload)`);
    }
  }
  return watchers;
}
