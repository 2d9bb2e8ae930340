/**
 * The `services: grpc-js` option of the ts-proto target: generated through covenant.yaml, compiled
 * with `tsc --strict`, served by @grpc/grpc-js on 127.0.0.1 and called through the generated
 * client constructor, with a native grpc-js deadline on the wire.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOrdersSpec, covenant, FIXTURES, removeScratch, scratch, typecheck, writeTree } from './support.js';

type Harness = typeof import('./fixtures/grpc-js-harness.js');

let dir: string;
let harness: Harness;
let server: Awaited<ReturnType<Harness['startServer']>>;
let client: ReturnType<Harness['connect']>;
const BIG = 2n ** 63n - 1n; // the largest int64

beforeAll(async () => {
  dir = scratch('proto-grpc-js');
  copyOrdersSpec(dir);
  writeTree(dir, {
    'covenant.yaml': 'specs:\n  - path: specs\n    name: orders\n    targets:\n      - name: ts-proto\n        options: { services: grpc-js }\n',
  });
  const gen = covenant(dir, ['gen']);
  expect(gen.stderr).toBe('');
  expect(gen.code).toBe(0);
  copyFileSync(join(FIXTURES, 'grpc-js-harness.ts'), join(dir, 'harness.ts'));
  const tsc = typecheck(dir, { outDir: 'build' });
  expect(tsc.output).toBe('');
  expect(tsc.code).toBe(0);
  harness = (await import(pathToFileURL(join(dir, 'build', 'harness.js')).href)) as Harness;
  server = await harness.startServer();
  client = harness.connect(server.address);
}, 300_000);

afterAll(async () => {
  client?.close();
  await server?.close();
  if (dir) removeScratch(dir);
});

describe('generated grpc-js server and client for orders.v1', () => {
  it('unary calls carry the largest int64 exactly and the oneof typed', async () => {
    const created = await harness.createOrder(client, 'c-1', BIG, 1);
    expect(created.code).toBeUndefined();
    expect(created.value!.items[0]!.unitPrice!.amountMinor).toBe(BIG);
    expect(created.value!.total!.amountMinor).toBe(BIG);
    expect(created.value!.delivery).toEqual({ $case: 'pickupStoreId', value: 's-1' });
    expect(created.value!.labels).toEqual({ k: 'v' });
  });

  it('a total beyond int64 is refused on serialization, never wrapped silently', async () => {
    const overflow = await harness.createOrder(client, 'c-overflow', BIG, 2);
    expect(overflow.code).toBe(harness.status.INTERNAL);
    expect(overflow.value).toBeUndefined();
  });

  it('NOT_FOUND reaches the client as a ServiceError code', async () => {
    const outcome = await harness.getOrder(client, 'missing');
    expect(outcome).toEqual({ code: harness.status.NOT_FOUND, details: 'order missing not found' });
  });

  it('a deadline that expires ends the call with DEADLINE_EXCEEDED and cancels it on the server', async () => {
    const outcome = await harness.getOrder(client, 'slow', 150);
    expect(outcome.code).toBe(harness.status.DEADLINE_EXCEEDED);
    await expect.poll(() => server.state.slowCallCancelled, { timeout: 5000 }).toBe(true);
  });

  it('server, client and bidi streaming work through the generated client', async () => {
    const imported = await harness.importOrders(client, [
      { id: 'i-1', customerId: 'c-1', items: [], total: undefined, status: harness.OrderStatus.ORDER_STATUS_PAID, createdAt: undefined, labels: {}, note: undefined, delivery: undefined },
    ]);
    expect(imported.value).toMatchObject({ importedCount: 1, orderIds: ['i-1'] });
    expect(await harness.listOrderIds(client, 'c-1')).toEqual(['ord-1', 'i-1']);
    const events = await harness.watchOrders(client, ['i-1', 'ord-1']);
    expect(events.map((e) => [e.orderId, e.status])).toEqual([
      ['i-1', harness.OrderStatus.ORDER_STATUS_PAID],
      ['ord-1', harness.OrderStatus.ORDER_STATUS_PENDING],
    ]);
  });
});
