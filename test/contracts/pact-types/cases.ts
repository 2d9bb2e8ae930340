// Compiled by pact-types.test.ts with tsc --strict: the plain lines must compile, and every line
// after a @ts-expect-error must be an error (tsc fails on an unused @ts-expect-error).
import { PactV4, Matchers, typedInteraction, typedInteractionV4 } from 'covenant/pact';
import type { paths } from './paths.js';

const { like, eachLike, atLeastOneLike, integer, regex } = Matchers;
const products = typedInteraction<paths>();
const v4 = typedInteractionV4<paths>(new PactV4({ consumer: 'shop', provider: 'products' }));
const product = { id: 'p1', name: 'Lamp', price: 12.5 };

// ---- positive: these compile
products({ description: 'a product', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like(product) } });
products({ description: 'literal', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: { id: 'p1', price: integer(3) } } });
products({ description: 'nested', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like({ id: 'p1', maker: like({ name: 'ACME' }), tags: eachLike('red') }) } });
products({ description: 'list', path: '/products', method: 'get', response: { status: 200, body: like({ items: eachLike({ id: regex('^p\\d+$', 'p1'), name: 'Lamp' }) }) } });
products({ description: 'list 2', path: '/products', method: 'get', response: { status: 200, body: { items: atLeastOneLike(product, 2) } } });
products({ description: 'create', path: '/products', method: 'post', request: { body: like({ name: 'Lamp', price: 1 }) }, response: { status: 201, body: like(product) } });
products({ description: 'typed explicitly', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like<{ id: string }>({ id: 'p1' }) } });
v4({ description: 'v4 form', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like(product) } });

// ---- negative: unknown or mistyped fields inside matchers, as in plain literals
// @ts-expect-error unknown field in a plain literal (always refused)
products({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: { id: 'p1', colour: 'red' } } });
// @ts-expect-error unknown field inside like()
products({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like({ id: 'p1', colour: 'red' }) } });
// @ts-expect-error mistyped field inside like(): price is a number
products({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like({ id: 'p1', price: 'cheap' }) } });
// @ts-expect-error unknown field inside eachLike()
products({ description: 'x', path: '/products', method: 'get', response: { status: 200, body: { items: eachLike({ id: 'p1', colour: 'red' }) } } });
// @ts-expect-error mistyped field inside eachLike() inside like()
products({ description: 'x', path: '/products', method: 'get', response: { status: 200, body: like({ items: eachLike({ id: 7 }) }) } });
// @ts-expect-error unknown field inside a nested like()
products({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like({ maker: like({ name: 'ACME', city: 'Oslo' }) }) } });
// @ts-expect-error unknown field inside atLeastOneLike()
products({ description: 'x', path: '/products', method: 'get', response: { status: 200, body: { items: atLeastOneLike({ id: 'p1', colour: 'red' }) } } });
// @ts-expect-error unknown field in a request body inside like()
products({ description: 'x', path: '/products', method: 'post', request: { body: like({ name: 'Lamp', price: 1, discount: 2 }) }, response: { status: 201 } });
// @ts-expect-error a matcher of another shape: eachLike where an object goes
products({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: eachLike(product) } });
// @ts-expect-error the V4 form refuses the same
v4({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 200, body: like({ id: 'p1', colour: 'red' }) } });
// @ts-expect-error a status the operation does not document
v4({ description: 'x', path: '/products/{id}', method: 'get', request: { params: { id: 'p1' } }, response: { status: 500 } });
