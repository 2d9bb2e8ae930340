// The orders → users consumer contract test: typed interactions (covenant/pact) against the users
// spec's types, the generated client talking to Pact's mock server, then the written pact checked
// against the users OpenAPI. Compiled with tsc --strict by demo.test.ts, which calls writeOrdersPact().
import { PactV3, Matchers, typedInteraction, typedOperation, assertPactMatchesSpec, pactFilePath } from 'covenant/pact';
import type { operations, paths } from './generated/users/types.js';
import { api } from './generated/users/client.js';
import { UsersGateway } from './orders-users-gateway.js';

const { like, eachLike, regex, datetime, integer } = Matchers;
const users = typedInteraction<paths>();
const usersById = typedOperation<operations>(api);
const bearer = regex('^Bearer .+$', 'Bearer tok-consumer');

const user = {
  id: 'u1',
  email: 'ada@example.com',
  name: 'Ada Lovelace',
  role: 'member' as const,
  createdAt: datetime("yyyy-MM-dd'T'HH:mm:ss'Z'", '2026-01-01T10:00:00Z'),
};

export const interactions = [
  users({
    description: 'a request for user u1',
    states: ['user u1 exists'],
    path: '/users/{userId}',
    method: 'get',
    request: { params: { userId: 'u1' }, headers: { Authorization: bearer } },
    response: { status: 200, body: like(user) },
  }),
  usersById({
    description: 'a request for a user that does not exist',
    states: ['user u404 does not exist'],
    operation: 'getUser',
    request: { params: { userId: 'u404' }, headers: { Authorization: bearer } },
    response: { status: 404, contentType: 'application/problem+json', body: like({ title: 'Not Found', status: integer(404) }) },
  }),
  users({
    description: 'a guest signs up with a first order',
    states: ['no user has the email grace@example.com'],
    path: '/users',
    method: 'post',
    request: {
      headers: { Authorization: bearer },
      body: { email: 'grace@example.com', name: 'Grace Hopper', role: 'member', password: 'correct horse battery' },
    },
    response: { status: 201, body: like({ ...user, id: 'u2', email: 'grace@example.com', name: 'Grace Hopper' }) },
  }),
  users({
    description: 'a request for the administrators',
    states: ['user u1 exists', 'an administrator exists'],
    path: '/users',
    method: 'get',
    request: { query: { role: ['admin'], limit: '10' }, headers: { Authorization: bearer } },
    response: { status: 200, body: { items: eachLike({ ...user, id: 'u9', role: 'admin' as const }), nextCursor: null } },
  }),
];

export async function writeOrdersPact(pactDir: string, specFile: string): Promise<string> {
  const pact = new PactV3({ consumer: 'orders', provider: 'users', dir: pactDir, logLevel: 'error' });
  for (const interaction of interactions) pact.addInteraction(interaction);
  await pact.executeTest(async (mock) => {
    const gateway = new UsersGateway(mock.url, 'tok-consumer');
    const ada = await gateway.customer('u1');
    if (ada?.email !== 'ada@example.com') throw new Error(`unexpected customer ${JSON.stringify(ada)}`);
    if ((await gateway.customer('u404')) !== undefined) throw new Error('a missing user must be undefined');
    if ((await gateway.register('grace@example.com', 'Grace Hopper')) !== 'u2') throw new Error('unexpected new id');
    const admins = await gateway.admins();
    if (admins.length !== 1) throw new Error(`unexpected admins ${JSON.stringify(admins)}`);
  });
  const file = pactFilePath(pactDir, 'orders', 'users');
  await assertPactMatchesSpec(file, specFile);
  return file;
}

// What the types refuse: each call below must be a compile error (otherwise tsc reports the
// expect-error directive as unused, and the demo test fails).
export function refusedByTheTypes(): void {
  // @ts-expect-error no such path
  users({ description: 'x', path: '/userz/{userId}', method: 'get', request: { params: { userId: 'u1' } }, response: { status: 200 } });
  // @ts-expect-error /users/{userId} has no POST
  users({ description: 'x', path: '/users/{userId}', method: 'post', request: { params: { userId: 'u1' } }, response: { status: 200 } });
  // @ts-expect-error the path parameter is required
  users({ description: 'x', path: '/users/{userId}', method: 'get', response: { status: 200 } });
  // @ts-expect-error wrong path parameter name
  users({ description: 'x', path: '/users/{userId}', method: 'get', request: { params: { id: 'u1' } }, response: { status: 200 } });
  // @ts-expect-error createSession documents no 200 and no default
  users({ description: 'x', path: '/sessions', method: 'post', request: { body: { username: 'a', password: 'b' } }, response: { status: 200 } });
  // @ts-expect-error name is a string: an integer matcher does not fit
  users({ description: 'x', path: '/users/{userId}', method: 'get', request: { params: { userId: 'u1' } }, response: { status: 200, body: like({ ...user, name: integer(1) }) } });
  // @ts-expect-error role is an enum
  users({ description: 'x', path: '/users/{userId}', method: 'get', request: { params: { userId: 'u1' } }, response: { status: 200, body: { ...user, role: 'owner' } } });
  // @ts-expect-error unknown property in the response body
  users({ description: 'x', path: '/users/{userId}', method: 'get', request: { params: { userId: 'u1' } }, response: { status: 200, body: { ...user, age: 3 } } });
  // @ts-expect-error id is readOnly: a client does not send it
  users({ description: 'x', path: '/users', method: 'post', request: { body: { id: 'u1', email: 'a@b.c', name: 'A', role: 'member', password: 'p' } }, response: { status: 201 } });
  // @ts-expect-error password is writeOnly: a server never returns it
  users({ description: 'x', path: '/users/{userId}', method: 'get', request: { params: { userId: 'u1' } }, response: { status: 200, body: { ...user, password: 'p' } } });
  // @ts-expect-error unknown query parameter
  users({ description: 'x', path: '/users', method: 'get', request: { query: { rol: 'admin' } }, response: { status: 200 } });
  // @ts-expect-error no such operationId
  usersById({ description: 'x', operation: 'getUsr', request: { params: { userId: 'u1' } }, response: { status: 200 } });
  // @ts-expect-error getUser's body is a User, not a page
  usersById({ description: 'x', operation: 'getUser', request: { params: { userId: 'u1' } }, response: { status: 200, body: { items: [] } } });
  // @ts-expect-error items is an array: eachLike of a number does not fit
  users({ description: 'x', path: '/users', method: 'get', response: { status: 200, body: { items: eachLike(1), nextCursor: null } } });
}
