// Shared by the contracts benchmarks: a pact of N interactions against the demo users spec, and a
// tiny provider that answers them.
import http from 'node:http';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function userPact(count) {
  const interactions = [];
  for (let i = 0; i < count; i++) {
    const id = `u${i}`;
    interactions.push({
      description: `a request for user ${id}`,
      providerStates: [{ name: `user ${id} exists` }],
      request: { method: 'GET', path: `/users/${id}`, headers: { Authorization: 'Bearer tok' } },
      response: {
        status: 200,
        headers: { 'Content-Type': 'application/json' },
        body: { id, email: `${id}@example.com`, name: `User ${i}`, role: 'member', createdAt: '2026-01-01T00:00:00Z', labels: { team: 'core' } },
        matchingRules: { body: { '$.createdAt': { matchers: [{ match: 'type' }] } } },
      },
    });
  }
  return { consumer: { name: 'bench' }, provider: { name: 'users' }, interactions, metadata: { pactSpecification: { version: '3.0.0' } } };
}

export function writePact(dir, count) {
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'bench-users.json');
  writeFileSync(file, JSON.stringify(userPact(count), null, 2));
  return file;
}

export function startProvider() {
  const server = http.createServer((req, res) => {
    const match = /^\/users\/(u\d+)$/.exec(req.url ?? '');
    if (!match) {
      res.writeHead(req.url === '/health' ? 200 : 404);
      return res.end();
    }
    const id = match[1];
    const i = Number(id.slice(1));
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ id, email: `${id}@example.com`, name: `User ${i}`, role: 'member', createdAt: '2026-01-01T00:00:00Z', labels: { team: 'core' } }));
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${server.address().port}`, close: () => new Promise((r) => server.close(r)) })));
}

export function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}
