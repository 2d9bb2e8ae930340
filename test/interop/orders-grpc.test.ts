/**
 * Go ↔ TypeScript over gRPC, from the same proto: `covenant gen` on specs/orders with two targets —
 * `go-grpc` (Go server stubs) and `ts-proto` (TypeScript client) — then a Go server written against
 * the generated Go code (fixtures/orders-server.go), built with Debian's Go in GOPATH mode offline,
 * started on 127.0.0.1, and called by the generated TypeScript client: unary, server-, client- and
 * bidirectional streaming, a NOT_FOUND status, and int64 values above 2^53 crossing both ways.
 * Then the other way round: a Go client on the go-grpc code calls a TypeScript server on the ts-proto code.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, cpSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { compileTypeScript, covenant, goBuild, goToolchain, REPO, removeScratch, scratch, startServer, writeTree, type RunningServer } from './support.js';

type Client = typeof import('./fixtures/orders-client.js');

const go = goToolchain();
if (!go.available) console.warn(go.reason);

const BIG = 2n ** 53n + 1n; // not representable as a JS number

describe.skipIf(!go.available)('Go gRPC server (go-grpc) ↔ TypeScript client (ts-proto), orders.v1', () => {
  let dir: string;
  let server: RunningServer | undefined;
  let harness: Client;
  let connection: ReturnType<Client['connect']>;

  beforeAll(async () => {
    dir = scratch('interop-grpc');
    cpSync(join(REPO, 'specs', 'orders'), join(dir, 'specs', 'orders'), { recursive: true });
    writeTree(dir, {
      'covenant.yaml': [
        'specs:',
        '  - path: specs',
        '    name: orders',
        '    kind: proto',
        '    targets:',
        '      - name: ts-proto',
        '        output: generated/ts',
        '      - name: go-grpc',
        '        output: go/src/example.com/interop/gen',
        '        options: { goPackagePrefix: example.com/interop/gen }',
        '',
      ].join('\n'),
    });
    const gen = covenant(dir, ['gen']);
    expect(gen.stderr).toBe('');
    expect(gen.code).toBe(0);

    mkdirSync(join(dir, 'go', 'src', 'example.com', 'interop', 'server'), { recursive: true });
    copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'orders-server.go'), join(dir, 'go', 'src', 'example.com', 'interop', 'server', 'main.go'));
    const build = goBuild(join(dir, 'go'), 'example.com/interop/server', join(dir, 'orders-server'));
    expect(build.output).toBe('');
    expect(build.code).toBe(0);
    mkdirSync(join(dir, 'go', 'src', 'example.com', 'interop', 'client'), { recursive: true });
    copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'orders-client.go'), join(dir, 'go', 'src', 'example.com', 'interop', 'client', 'main.go'));
    const buildClient = goBuild(join(dir, 'go'), 'example.com/interop/client', join(dir, 'orders-client'));
    expect(buildClient.output).toBe('');
    expect(buildClient.code).toBe(0);

    copyFileSync(join(REPO, 'test', 'interop', 'fixtures', 'orders-client.ts'), join(dir, 'client.ts'));
    const tsc = compileTypeScript(dir, 'build');
    expect(tsc.output).toBe('');
    expect(tsc.code).toBe(0);
    harness = (await import(pathToFileURL(join(dir, 'build', 'client.js')).href)) as Client;

    server = await startServer(join(dir, 'orders-server'), ['-addr', '127.0.0.1:0']);
    expect(server.address).toMatch(/^127\.0\.0\.1:\d+$/);
    connection = harness.connect(server.address);
  }, 600_000);

  afterAll(async () => {
    connection?.close();
    await server?.stop();
    removeScratch(dir);
  });

  it('unary CreateOrder: int64 above 2^53, oneof, map, wrapper, enum and Timestamp cross both ways', async () => {
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
    expect(order!.id).toBe('go-1');
    // computed in Go with int64: exact only if neither side went through a float
    expect(order!.total).toEqual({ currency: 'EUR', amountMinor: BIG + 21n });
    expect(order!.items[0]!.unitPrice!.amountMinor).toBe(BIG);
    expect(order!.status).toBe(harness.OrderStatus.ORDER_STATUS_PENDING);
    expect(order!.createdAt).toEqual(new Date('2026-11-24T10:00:00.123Z'));
    expect(order!.labels).toEqual({ channel: 'web', 'ünï-cödé': 'ok' });
    expect(order!.note).toBe(''); // an empty StringValue is present, not absent
    expect(order!.delivery).toEqual({ $case: 'shipping', value: { line1: 'Main St 1', city: 'Berlin', postalCode: '10115', countryCode: 'DE' } });
  });

  it('unary GetOrder reads back what Go stored; an absent wrapper stays absent', async () => {
    const created = await connection.client.createOrder({ customerId: 'c-1', items: [], delivery: { $case: 'pickupStoreId', value: 'store-9' } });
    const { order } = await connection.client.getOrder({ id: created.order!.id });
    expect(order!.id).toBe('go-2');
    expect(order!.delivery).toEqual({ $case: 'pickupStoreId', value: 'store-9' });
    expect(order!.note).toBeUndefined();
  });

  it("Go's codes.NotFound reaches the TypeScript client as NOT_FOUND with its message", async () => {
    expect(await harness.statusOf(connection.client.getOrder({ id: 'nope' }))).toEqual({ code: harness.Status.NOT_FOUND, details: 'order nope not found' });
  });

  it('server streaming ListOrders: the Go server streams the matching orders in order', async () => {
    const ids: string[] = [];
    for await (const response of connection.client.listOrders({ customerId: 'c-1' })) ids.push(response.order!.id);
    expect(ids).toEqual(['go-1', 'go-2']);
    const shipped: string[] = [];
    for await (const response of connection.client.listOrders({ customerId: 'c-1', status: harness.OrderStatus.ORDER_STATUS_SHIPPED })) shipped.push(response.order!.id);
    expect(shipped).toEqual([]);
  });

  it('client streaming ImportOrders: Go receives every message and sums int64 totals exactly', async () => {
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

  it('bidirectional WatchOrders: Go answers each subscription before the next is sent', async () => {
    const events = await harness.watchInLockstep(connection.client, ['go-1', 'imp-3']);
    expect(events.map((e) => [e.orderId, e.status])).toEqual([
      ['go-1', harness.OrderStatus.ORDER_STATUS_PENDING],
      ['imp-3', harness.OrderStatus.ORDER_STATUS_PAID],
    ]);
    expect(events[0]!.changedAt).toEqual(new Date('2026-11-24T10:00:00.123Z'));
  });

  it('an error Go returns in the middle of a bidi stream ends the TypeScript stream with that status', async () => {
    const outcome = await harness.statusOf(harness.watchInLockstep(connection.client, ['go-1', 'missing']));
    expect(outcome).toEqual({ code: harness.Status.NOT_FOUND, details: 'order missing not found' });
  });

  it('the other way round: the Go client (go-grpc) calls the TypeScript server (ts-proto) — every RPC kind', async () => {
    const tsServer = await harness.startTypeScriptServer();
    try {
      // the Go client blocks on its calls: run it as a child process without blocking this event loop
      const call = await new Promise<{ code: number | null; stdout: string; stderr: string }>((resolvePromise) => {
        const child = spawn(join(dir, 'orders-client'), [tsServer.address]);
        let stdout = '';
        let stderr = '';
        child.stdout.on('data', (b: Buffer) => (stdout += b.toString('utf8')));
        child.stderr.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
        child.on('close', (code) => resolvePromise({ code, stdout, stderr }));
      });
      expect(call.stderr).toBe('');
      expect(call.code).toBe(0);
      const lines = call.stdout.trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines).toEqual([
        {
          call: 'createOrder',
          id: 'ts-1',
          // int64 summed in TypeScript as bigint, read back exactly in Go
          total: String(BIG + 21n),
          status: 'ORDER_STATUS_PENDING',
          createdAt: '2026-11-24T10:00:00.123Z',
          labels: { channel: 'go', 'ünï-cödé': 'ok' },
          notePresent: true,
          pickup: 'store-9',
        },
        { call: 'getOrder missing', code: 'NotFound', message: 'order nope not found' },
        { call: 'importOrders', count: 3, ids: ['go-imp-1', 'go-imp-2', 'go-imp-3'], total: String(BIG * 6n) },
        { call: 'listOrders', ids: ['ts-1', 'go-imp-1', 'go-imp-2', 'go-imp-3'] },
        { call: 'watchOrders', events: ['ts-1 ORDER_STATUS_PENDING', 'go-imp-2 ORDER_STATUS_PAID'] },
      ]);
    } finally {
      await tsServer.close();
    }
  });
});
