/**
 * The adapters use structural types only (no runtime import of express/fastify/hono); this checks,
 * with tsc --strict, that those structural types fit the real Express 5, Fastify 5 and Hono types.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const REPO = resolve(fileURLToPath(new URL('.', import.meta.url)), '..', '..', '..');

it('toExpressMiddleware, toFastifyPlugin and toFetchHandler type-check against the real frameworks', () => {
  mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
  const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'adapter-types-'));
  writeFileSync(
    join(dir, 'check.ts'),
    [
      "import express from 'express';",
      "import Fastify from 'fastify';",
      "import { Hono } from 'hono';",
      "import { createServer, toExpressMiddleware, toFastifyPlugin, toFetchHandler, toNodeHandler } from '@covenant/runtime/server';",
      "import { createServer as createHttpServer } from 'node:http';",
      "const server = createServer({ openapi: '3.1', operations: [] }, {});",
      'express().use(toExpressMiddleware(server));',
      'await Fastify().register(toFastifyPlugin(server));',
      'const handler = toFetchHandler(server);',
      "new Hono().all('*', (c) => handler(c.req.raw));",
      'createHttpServer(toNodeHandler(server));',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'tsconfig.json'),
    JSON.stringify({
      compilerOptions: { strict: true, noEmit: true, module: 'NodeNext', moduleResolution: 'NodeNext', target: 'ES2022', lib: ['ES2022', 'DOM'], types: ['node'], skipLibCheck: true, rootDir: '.', esModuleInterop: true },
      include: ['check.ts'],
    }),
  );
  const tsc = spawnSync(process.execPath, [join(REPO, 'node_modules', '.bin', 'tsc'), '-p', join(dir, 'tsconfig.json')], { encoding: 'utf8' });
  expect(tsc.stdout + tsc.stderr).toBe('');
  expect(tsc.status).toBe(0);
});
