/**
 * Bodies (and header values) generated from a response schema, deterministic for a seed: the
 * schema's fast-check arbitrary (src/schema-data, the generator `covenant test` uses too) is built
 * once per schema, then sampled with the request's seed. A sample is checked with the response
 * validator and the next seed tried when it fails (a `oneOf` value matching two branches, `not`),
 * so what is served is valid; after 20 failures the generator gives up (`NO_VALUE`) rather than
 * serve an invalid body. Recent results are cached: repeating a request costs no generation.
 */
import fc from 'fast-check';
import type { ServiceDefinition } from '@covenant/runtime/toolchain';
import { arbitraryFor } from '../schema-data/index.js';

/** What a generator returns when no sample it tried is valid (the schema may accept no value). */
export const NO_VALUE: unique symbol = Symbol('no valid value');
export type GenerateValue = (schema: unknown, seed: number) => unknown;
/** Undefined when the value is valid against the schema, else the first error. */
export type CheckValue = (schema: unknown, value: unknown) => string | undefined;

const CACHE_LIMIT = 2000;
const ATTEMPTS = 20;

export function bodyGenerator(definition: ServiceDefinition, check: CheckValue): GenerateValue {
  const schemas = (definition.schemas ?? {}) as Record<string, unknown>;
  // readable values (words, small numbers): a mock answer is read by people building a consumer
  const options = { direction: 'response' as const, version: definition.openapi, readable: true, resolve: (ref: string) => schemas[ref] };
  const arbitraries = new Map<unknown, fc.Arbitrary<unknown>>();
  const cache = new Map<string, unknown>();
  const ids = new Map<unknown, number>();
  return (schema, seed) => {
    let id = ids.get(schema);
    if (id === undefined) ids.set(schema, (id = ids.size));
    const key = `${id} ${seed}`;
    if (cache.has(key)) return cache.get(key);
    let arbitrary = arbitraries.get(schema);
    if (!arbitrary) arbitraries.set(schema, (arbitrary = arbitraryFor(schema, options)));
    let value: unknown = NO_VALUE;
    for (let attempt = 0; attempt < ATTEMPTS && value === NO_VALUE; attempt++) {
      const candidate = fc.sample(arbitrary, { seed: (seed + attempt) | 0, numRuns: 1 })[0];
      if (check(schema, candidate) === undefined) value = candidate;
    }
    if (cache.size >= CACHE_LIMIT) cache.clear();
    cache.set(key, value);
    return value;
  };
}
