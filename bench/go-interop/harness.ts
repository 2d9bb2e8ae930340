/**
 * Compiled by run.mjs next to the code `covenant gen` wrote (ts-proto + go-grpc from specs/orders):
 * the generated nice-grpc client, and a TypeScript orders server (the peer of the Go server).
 */
import { createChannel, createClient, createServer, ServerError, Status } from 'nice-grpc';
import { OrderServiceDefinition, OrderStatus, type Order, type OrderServiceClient, type OrderServiceImplementation } from './generated/ts/orders/v1/orders.js';

export function connect(address: string): { client: OrderServiceClient; close(): void } {
  const channel = createChannel(address);
  return { client: createClient(OrderServiceDefinition, channel), close: () => channel.close() };
}

/** The same behaviour as test/interop/fixtures/orders-server.go for the calls the benchmark makes. */
export async function startTypeScriptServer(): Promise<{ address: string; close(): Promise<void> }> {
  const orders = new Map<string, Order>();
  let next = 0;
  const createdAt = new Date('2026-11-24T10:00:00.123Z');
  const implementation: OrderServiceImplementation = {
    async createOrder(request) {
      next++;
      const order: Order = {
        id: `ts-${next}`,
        customerId: request.customerId,
        items: request.items,
        total: { currency: 'EUR', amountMinor: request.items.reduce((sum, i) => sum + (i.unitPrice?.amountMinor ?? 0n) * BigInt(i.quantity), 0n) },
        status: OrderStatus.ORDER_STATUS_PENDING,
        createdAt,
        labels: request.labels,
        note: request.note,
        delivery: request.delivery?.$case === 'shipping' ? { $case: 'shipping', value: request.delivery.value } : request.delivery?.$case === 'pickupStoreId' ? { $case: 'pickupStoreId', value: request.delivery.value } : undefined,
      };
      orders.set(order.id, order);
      return { order };
    },
    async getOrder(request) {
      const order = orders.get(request.id);
      if (!order) throw new ServerError(Status.NOT_FOUND, `order ${request.id} not found`);
      return { order };
    },
    async *listOrders(request) {
      for (const order of orders.values()) if (order.customerId === request.customerId) yield { order };
    },
    async importOrders() {
      throw new ServerError(Status.UNIMPLEMENTED, 'not measured');
    },
    // eslint-disable-next-line require-yield
    async *watchOrders() {
      throw new ServerError(Status.UNIMPLEMENTED, 'not measured');
    },
  };
  const server = createServer();
  server.add(OrderServiceDefinition, implementation);
  const port = await server.listen('127.0.0.1:0');
  return { address: `127.0.0.1:${port}`, close: () => server.shutdown() };
}
