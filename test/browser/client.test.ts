/**
 * The generated users client in a real browser: headless Debian Chromium (puppeteer-core) loads a page
 * from one loopback origin whose script is the client bundled by esbuild for the browser (no externals);
 * it calls the generated users server (node adapter, `cors` open to the page's origin) on another port,
 * so every call is cross-origin (with preflights for JSON bodies and Authorization). Checked: a success
 * (201, then 200 with an exposed ETag), a 4xx problem as a result, and a network error as a thrown TypeError.
 *
 * Skips, saying why, when /usr/bin/chromium is missing (`.ci/apt` installs it); under CI a missing
 * browser fails. Needs `npm run build` (the built CLI generates the code).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { build } from 'esbuild';
import { buildUsersService, type BuiltService } from '../e2e/support.js';

const CHROMIUM = '/usr/bin/chromium';
const FIXTURES = join(__dirname, 'fixtures');
const available = existsSync(CHROMIUM);
if (!available) {
  const reason = `browser test skipped: ${CHROMIUM} is missing (run .ci/apt to install Debian's chromium)`;
  if (process.env.CI === 'true') throw new Error(`${reason} — CI must run it`);
  console.warn(reason);
}

const listen = (server: Server) => new Promise<string>((resolve) => server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`)));
const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe.skipIf(!available)('generated client in headless Chromium, cross-origin through CORS', () => {
  let service: BuiltService;
  let pageServer: Server;
  let apiServer: Server;
  let results: any;

  beforeAll(async () => {
    service = buildUsersService('browser', 'specs/users.openapi.yaml', ['typescript-client', 'typescript-server'], {
      'browser-api.ts': readFileSync(join(FIXTURES, 'browser-api.ts'), 'utf8'),
      'page.ts': readFileSync(join(FIXTURES, 'page.ts'), 'utf8'),
    });
    const bundled = await build({ entryPoints: [join(service.dir, 'page.ts')], bundle: true, platform: 'browser', format: 'esm', write: false, logLevel: 'silent' });
    const script = bundled.outputFiles[0]!.text;

    // a port that was free a moment ago and is closed now: fetch fails there with a network error
    const probe = createServer();
    const closedOrigin = await listen(probe);
    await close(probe);

    let api = '';
    pageServer = createServer((req, res) => {
      if (req.url === '/page.js') {
        res.writeHead(200, { 'content-type': 'text/javascript' }).end(script);
      } else {
        const globals = `window.API = ${JSON.stringify(api)}; window.CLOSED = ${JSON.stringify(closedOrigin)};`;
        res.writeHead(200, { 'content-type': 'text/html' }).end(`<!doctype html><title>running</title><script>${globals}</script><script type="module" src="/page.js"></script>`);
      }
    });
    const pageOrigin = await listen(pageServer);
    const { createBrowserApi } = await service.load('browser-api.js');
    const { toNodeHandler } = await import('@covenant/runtime/server');
    apiServer = createServer(toNodeHandler(createBrowserApi(pageOrigin)));
    // the spec's server is https://users.acme-demo.dev/v1: the generated server answers under /v1
    api = `${await listen(apiServer)}/v1`;
    expect(new URL(api).origin).not.toBe(pageOrigin);

    const { default: puppeteer } = await import('puppeteer-core');
    const browser = await puppeteer.launch({ executablePath: CHROMIUM, args: ['--no-sandbox', '--headless=new'], timeout: 60_000 });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(String(error)));
      await page.goto(pageOrigin, { timeout: 30_000 });
      await page.waitForFunction(() => document.title !== 'running', { timeout: 30_000 });
      const title = await page.title();
      expect(title, errors.join('\n')).toBe('done');
      results = await page.evaluate(() => (window as any).results);
    } finally {
      await browser.close();
    }
  }, 240_000);

  afterAll(async () => {
    if (apiServer) await close(apiServer);
    if (pageServer) await close(pageServer);
  });

  it('succeeds across origins: 201 with the exposed Location, then 200 with the exposed ETag', () => {
    expect(results.created).toEqual({ status: 201, location: expect.stringMatching(/^\/users\/u\d+$/) });
    expect(results.found).toEqual({ status: 200, email: 'ann@example.com', etag: '"1"' });
  });

  it('a 4xx problem is a result (ok: false) with the problem body', () => {
    expect(results.missing).toEqual({ status: 404, title: 'Not Found', type: 'application/problem+json' });
  });

  it('a network error is thrown as fetch throws it (TypeError)', () => {
    expect(results.network).toEqual({ name: 'TypeError', message: 'Failed to fetch' });
  });
});
