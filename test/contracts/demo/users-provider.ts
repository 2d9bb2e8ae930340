// The users provider for the contract demo: the GENERATED users server with handlers written here,
// on node:http (toNodeHandler). `node users-provider.js <port>` serves it; `BROKEN=1` is a
// deliberately broken release (it stops sending `email`). Provider states arrive on
// POST /__pact/state from the states module (the verifier runs in another process).
import { createServer as createHttpServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { toNodeHandler } from '@covenant/runtime/server';
import { createServer, type Handlers } from './generated/users/server.js';

interface StoredUser {
  id: string;
  email: string;
  name: string;
  role: 'admin' | 'member' | 'viewer';
  createdAt: string;
}

const problem = (status: number, title: string) => ({ type: 'about:blank', title, status });
const notHere = () => ({ status: 401 as const, body: problem(401, 'Not part of the demo') });

export function createUsersProvider(options: { broken?: boolean } = {}) {
  const users = new Map<string, StoredUser>();
  let next = 2;
  const show = (u: StoredUser) => {
    const copy: Partial<StoredUser> = { ...u };
    if (options.broken) delete copy.email; // the breaking change the pact catches
    return copy as StoredUser;
  };
  const handlers: Handlers<{ name: string }> = {
    getHealth: () => ({ status: 200, body: { status: 'ok' } }),
    createSession: notHere,
    listUsers: ({ params }) => {
      const roles = params.query.role;
      const items = [...users.values()].filter((u) => !roles || roles.includes(u.role)).slice(0, params.query.limit ?? 20);
      return { status: 200, body: { items: items.map(show), nextCursor: null } };
    },
    createUser: ({ body }) => {
      const user: StoredUser = { id: `u${next++}`, email: body.email, name: body.name, role: body.role, createdAt: '2026-11-24T12:00:00Z' };
      users.set(user.id, user);
      return { status: 201, headers: { Location: `/users/${user.id}` }, body: show(user) };
    },
    getUser: ({ params }) => {
      const user = users.get(params.path.userId);
      return user ? { status: 200, body: show(user) } : { status: 404, body: problem(404, 'Not Found') };
    },
    deleteUser: notHere,
    updateUser: notHere,
    uploadAvatar: notHere,
    getUsersBatch: notHere,
    findUsersByAttributes: notHere,
    findNearbyUsers: notHere,
    listTeamMembers: notHere,
    getSignupReport: notHere,
    getRetentionReport: notHere,
  };
  const server = createServer(handlers, {
    // the pacts address paths relative to the provider's base URL, which is this server's root
    basePath: '/',
    validateResponses: !options.broken,
    onError: () => {},
    authenticate: ({ credentials }) => (credentials[0]?.token === 'tok-verify' ? { name: 'verifier' } : false),
  });
  const states: Record<string, () => void> = {
    'user u1 exists': () => void users.set('u1', { id: 'u1', email: 'ada@example.com', name: 'Ada Lovelace', role: 'member', createdAt: '2026-01-01T10:00:00Z' }),
    'user u404 does not exist': () => void users.delete('u404'),
    'no user has the email grace@example.com': () => {
      for (const [id, u] of users) if (u.email === 'grace@example.com') users.delete(id);
      next = 2;
    },
    'an administrator exists': () => void users.set('u9', { id: 'u9', email: 'root@example.com', name: 'Root', role: 'admin', createdAt: '2026-01-01T10:00:00Z' }),
  };
  const handle = toNodeHandler(server);
  const node = (req: IncomingMessage, res: ServerResponse) => {
    if (req.method === 'POST' && req.url === '/__pact/state') {
      let text = '';
      req.on('data', (c) => (text += c));
      req.on('end', () => {
        const { state, action } = JSON.parse(text) as { state: string; action: 'setup' | 'teardown' };
        const known = states[state] as (() => void) | undefined;
        if (known && action === 'setup') known();
        if (action === 'teardown' && state === 'user u1 exists') users.clear();
        res.writeHead(known ? 204 : 400).end();
      });
      return;
    }
    handle(req, res);
  };
  return { node, users };
}

if (process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href) {
  const port = Number(process.argv[2] ?? 0);
  const { node } = createUsersProvider({ broken: process.env.BROKEN === '1' });
  const http = createHttpServer(node).listen(port, '127.0.0.1', () => {
    process.stdout.write(`users provider on ${JSON.stringify(http.address())}\n`);
  });
}
