/**
 * `covenant gen` on the orders demo (default ts-proto options: nice-grpc), compiled with
 * `tsc --strict` (NodeNext), then a real gRPC server on 127.0.0.1 implemented against the generated
 * types and the generated client calling every RPC: unary, server-, client- and bidi-streaming,
 * an expiring deadline, a typed NOT_FOUND, and int64 values above 2^53.
 */
import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { copyOrdersSpec, covenant, FIXTURES, removeScratch, scratch, typecheck } from './support.js';

type Harness = typeof import('./fixtures/nice-grpc-harness.js');

let dir: string;
let harness: Harness;
let server: Awaited<ReturnType<Harness['startServer']>>;
let connection: ReturnType<Harness['connect']>;

const BIG = 2n ** 53n + 1n; // 9007199254740993: not representable as a JS number

beforeAll(async () => {
  dir = scratch('proto-e2e');
  copyOrdersSpec(dir);
  const gen = covenant(dir, ['gen']);
  expect(gen.stderr).toBe('');
  expect(gen.code).toBe(0);
  copyFileSync(join(FIXTURES, 'nice-grpc-harness.ts'), join(dir, 'harness.ts'));
  const tsc = typecheck(dir, { outDir: 'build' });
  expect(tsc.output).toBe('');
  expect(tsc.code).toBe(0);
  harness = (await import(pathToFileURL(join(dir, 'build', 'harness.js')).href)) as Harness;
  server = await harness.startServer();
  connection = harness.connect(server.address);
}, 300_000);

afterAll(async () => {
  connection?.close();
  await server?.close();
  if (dir) removeScratch(dir);
});

describe('generated nice-grpc server and client for orders.v1', () => {
  it('unary CreateOrder carries oneof, map, wrapper, enum, Timestamp and int64 above 2^53 exactly', async () => {
    const { order } = await connection.client.createOrder({
      customerId: 'c-1',
      items: [
        { sku: 'big', quantity: 1, unitPrice: { currency: 'EUR', amountMinor: BIG } },
        { sku: 'small', quantity: 3, unitPrice: { currency: 'EUR', amountMinor: 7n } },
      ],
      labels: { channel: 'web', 'ünï-cödé': 'ok' },
      note: '',
      delivery: { $case: 'shipping', value: { line1: 'Main St 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' } },
    });
    expect(order).toBeDefined();
    expect(order!.id).toBe('ord-1');
    expect(order!.total).toEqual({ currency: 'EUR', amountMinor: BIG + 21n });
    expect(order!.items[0]!.unitPrice!.amountMinor).toBe(BIG);
    expect(typeof order!.total!.amountMinor).toBe('bigint');
    expect(order!.status).toBe(harness.OrderStatus.ORDER_STATUS_PENDING);
    expect(order!.createdAt).toEqual(new Date('2026-11-24T10:00:00.123Z'));
    expect(order!.labels).toEqual({ channel: 'web', 'ünï-cödé': 'ok' });
    // StringValue: an empty note is present, not absent
    expect(order!.note).toBe('');
    expect(order!.delivery).toEqual({ $case: 'shipping', value: { line1: 'Main St 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' } });
  });

  it('unary GetOrder returns the stored order, and an absent wrapper stays undefined', async () => {
    const created = await connection.client.createOrder({ customerId: 'c-1', items: [], delivery: { $case: 'pickupStoreId', value: 'store-9' } });
    const { order } = await connection.client.getOrder({ id: created.order!.id });
    expect(order!.delivery).toEqual({ $case: 'pickupStoreId', value: 'store-9' });
    expect(order!.note).toBeUndefined();
  });

  it('a NOT_FOUND status surfaces as a typed ClientError', async () => {
    const outcome = await harness.statusOf(connection.client.getOrder({ id: 'nope' }));
    expect(outcome).toEqual({ code: harness.Status.NOT_FOUND, details: 'order nope not found', isClientError: true });
  });

  it('server streaming ListOrders yields every matching order in order', async () => {
    const ids: string[] = [];
    for await (const response of connection.client.listOrders({ customerId: 'c-1' })) ids.push(response.order!.id);
    expect(ids).toEqual(['ord-1', 'ord-2']);
    const none: string[] = [];
    for await (const response of connection.client.listOrders({ customerId: 'c-1', status: harness.OrderStatus.ORDER_STATUS_SHIPPED })) none.push(response.order!.id);
    expect(none).toEqual([]);
  });

  it('client streaming ImportOrders receives every message and sums int64 totals exactly', async () => {
    async function* orders() {
      for (let i = 0; i < 5; i++) {
        yield { order: { id: `imp-${i}`, customerId: 'c-2', total: { currency: 'EUR', amountMinor: BIG * BigInt(i + 1) }, status: harness.OrderStatus.ORDER_STATUS_PAID } };
      }
    }
    const summary = await connection.client.importOrders(orders());
    expect(summary.importedCount).toBe(5);
    expect(summary.orderIds).toEqual(['imp-0', 'imp-1', 'imp-2', 'imp-3', 'imp-4']);
    expect(summary.total).toEqual({ currency: 'EUR', amountMinor: BIG * 15n });
    const { order } = await connection.client.getOrder({ id: 'imp-4' });
    expect(order!.total!.amountMinor).toBe(BIG * 5n);
    expect(order!.status).toBe(harness.OrderStatus.ORDER_STATUS_PAID);
  });

  it('bidirectional WatchOrders answers each request before the next is sent', async () => {
    const events = await harness.watchInLockstep(connection.client, ['ord-1', 'imp-3']);
    expect(events.map((e) => [e.orderId, e.status])).toEqual([
      ['ord-1', harness.OrderStatus.ORDER_STATUS_PENDING],
      ['imp-3', harness.OrderStatus.ORDER_STATUS_PAID],
    ]);
    expect(events[0]!.changedAt).toEqual(new Date('2026-11-24T10:00:00.123Z'));
  });

  it('an error in the middle of a bidi stream reaches the client as its status', async () => {
    const outcome = await harness.statusOf(harness.watchInLockstep(connection.client, ['ord-1', 'missing']));
    expect(outcome.code).toBe(harness.Status.NOT_FOUND);
  });

  it('a deadline that expires ends the call with DEADLINE_EXCEEDED and the server sees the abort', async () => {
    const outcome = await harness.statusOf(connection.client.getOrder({ id: 'slow' }, { deadline: 150 }));
    expect(outcome.code).toBe(harness.Status.DEADLINE_EXCEEDED);
    await expect.poll(() => server.state.slowCallAborted, { timeout: 5000 }).toBe(true);
  });
});
