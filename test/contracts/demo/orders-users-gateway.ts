// The "orders" service's view of the users API, through the GENERATED users client.
// Compiled with the generated code by test/contracts/demo.test.ts (tsc --strict, NodeNext).
import { createClient, type Client } from './generated/users/client.js';

export interface Customer {
  id: string;
  name: string;
  email: string;
}

export class UsersGateway {
  readonly #users: Client;

  constructor(baseUrl: string, token: string) {
    this.#users = createClient({ baseUrl, auth: { bearerAuth: token } });
  }

  /** The customer behind an order, or undefined when the user is gone. */
  async customer(userId: string): Promise<Customer | undefined> {
    const result = await this.#users.getUser({ path: { userId } });
    if (result.ok) return { id: result.data.id, name: result.data.nickname ?? result.data.name, email: result.data.email };
    if (result.status === 404) return undefined;
    throw new Error(`users answered ${result.status}`);
  }

  /** Sign up a guest who places a first order; returns the new user id. */
  async register(email: string, name: string): Promise<string> {
    const result = await this.#users.createUser({ body: { email, name, role: 'member', password: 'correct horse battery' } });
    if (result.ok) return result.data.id;
    throw new Error(`users answered ${result.status}`);
  }

  /** Administrators to notify about a large order. */
  async admins(): Promise<string[]> {
    const result = await this.#users.listUsers({ query: { role: ['admin'], limit: 10 } });
    if (result.ok) return result.data.items.map((u) => u.email);
    throw new Error(`users answered ${result.status}`);
  }
}
