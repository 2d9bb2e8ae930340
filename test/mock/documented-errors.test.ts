/**
 * The mock answers the runtime's own refusals (a missing credential, an invalid parameter) in the
 * shape the operation documents for that status, so a consumer built against the mock sees what the
 * real provider will send; undocumented statuses keep problem+json.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { buildMockService } from '../../src/mock/service.js';
import { loadOpenApi } from '../../src/spec/openapi/load.js';

const SPEC = `openapi: 3.0.3
info: { title: Docs, version: '1' }
components:
  securitySchemes:
    token: { type: http, scheme: bearer }
  schemas:
    Error:
      type: object
      required: [error]
      properties: { error: { type: string, minLength: 1 } }
security: [{ token: [] }]
paths:
  /items/{id}:
    get:
      operationId: getItem
      parameters:
        - { name: id, in: path, required: true, schema: { type: integer } }
      responses:
        '200':
          description: ok
          content: { application/json: { schema: { type: object, properties: { id: { type: integer } } } } }
        '400':
          description: bad id
          content: { application/json: { schema: { $ref: '#/components/schemas/Error' }, example: { error: id must be a number } } }
        '401':
          description: no token
          content: { application/json: { schema: { $ref: '#/components/schemas/Error' } } }
`;

const dir = mkdtempSync(join(tmpdir(), 'covenant-mock-errors-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function service() {
  const file = join(dir, 'docs.yaml');
  writeFileSync(file, SPEC);
  return buildMockService(await loadOpenApi(file));
}

describe('covenant mock: refusals in the documented shape', () => {
  it('a missing credential is the documented 401 body (generated from its schema), not problem+json', async () => {
    const { server } = await service();
    const res = await server.handle(new Request('http://mock/items/1'));
    expect(res.status).toBe(401);
    expect(res.headers.get('content-type')).toMatch(/^application\/json/);
    const body = (await res.json()) as { error: unknown };
    expect(typeof body.error).toBe('string');
    expect((body.error as string).length).toBeGreaterThan(0);
  });

  it('an invalid parameter is the documented 400 example', async () => {
    const { server } = await service();
    const res = await server.handle(new Request('http://mock/items/abc', { headers: { authorization: 'Bearer x' } }));
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: 'id must be a number' });
  });

  it('a status the operation does not document keeps problem+json (405 on an undocumented method)', async () => {
    const { server } = await service();
    const res = await server.handle(new Request('http://mock/items/1', { method: 'DELETE', headers: { authorization: 'Bearer x' } }));
    expect(res.status).toBe(405);
    expect(res.headers.get('content-type')).toMatch(/^application\/problem\+json/);
  });
});
