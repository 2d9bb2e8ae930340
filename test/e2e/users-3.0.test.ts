/**
 * The OpenAPI 3.0 twin of the demo spec (`nullable` instead of type arrays): generated, compiled with
 * tsc --strict against the same real handlers, served through the node adapter; 3.0 `nullable` must
 * reach ajv as a type array.
 */
import { createServer as createHttpServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { toNodeHandler } from '@covenant/runtime/server';
import { buildUsersService } from './support.js';

let http: Server;
let base: string;
const auth = { authorization: 'Bearer tok-alice', 'content-type': 'application/json' };

beforeAll(async () => {
  const service = buildUsersService('e2e-users-30', 'test/fixtures/users.openapi-3.0.yaml', ['typescript-server']);
  const { createUsersApp } = await service.load('users-app.js');
  http = createHttpServer(toNodeHandler(createUsersApp().server));
  await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}/v1`;
});

afterAll(async () => {
  if (http) await new Promise((resolve) => http.close(resolve));
});

describe('users service from the OpenAPI 3.0 twin', () => {
  it('nullable: null accepted, a wrong type still rejected; readOnly/writeOnly as in 3.1', async () => {
    const created = await fetch(`${base}/users`, { method: 'POST', headers: auth, body: JSON.stringify({ email: 'c@example.com', name: 'C', role: 'viewer', password: 'long-password-3', nickname: null }) });
    expect(created.status).toBe(201);
    const user = await created.json();
    expect(user.nickname).toBeNull();
    expect(user).not.toHaveProperty('password');
    const patched = await fetch(`${base}/users/${user.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ nickname: null }) });
    expect(patched.status).toBe(200);
    const wrong = await fetch(`${base}/users/${user.id}`, { method: 'PATCH', headers: auth, body: JSON.stringify({ nickname: 5 }) });
    expect(wrong.status).toBe(400);
    expect((await wrong.json()).errors.map((e: any) => e.pointer)).toEqual(['/body/nickname']);
    const readOnly = await fetch(`${base}/users`, { method: 'POST', headers: auth, body: JSON.stringify({ id: 'mine', email: 'd@example.com', name: 'D', role: 'viewer', password: 'long-password-4' }) });
    expect((await readOnly.json()).errors).toEqual([expect.objectContaining({ pointer: '/body/id', message: 'is read-only and must not be sent' })]);
    const page = await fetch(`${base}/users?limit=1`, { headers: auth });
    expect((await page.json()).nextCursor).toBeNull();
  });
});
