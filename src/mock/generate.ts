/**
 * Bodies (and header values) generated from a response schema, deterministic for a seed: the
 * schema's fast-check arbitrary is built once per schema, then sampled with the request's seed.
 * Recent results are cached, so repeating a request costs no generation.
 */
import type { ServiceDefinition } from '@covenant/runtime/toolchain';

export type GenerateValue = (schema: unknown, seed: number) => unknown;

const CACHE_LIMIT = 2000;

export function bodyGenerator(definition: ServiceDefinition): GenerateValue {
  const schemas = (definition.schemas ?? {}) as Record<string, unknown>;
  const cache = new Map<unknown, Map<number, unknown>>();
  let cached = 0;
  return (schema, seed) => {
    let bySeed = cache.get(schema);
    if (!bySeed) cache.set(schema, (bySeed = new Map()));
    if (bySeed.has(seed)) return bySeed.get(seed);
    const value = sample(schema, schemas, seed);
    if (++cached > CACHE_LIMIT) {
      cache.clear();
      cached = 0;
    }
    bySeed.set(seed, value);
    return value;
  };
}

function sample(_schema: unknown, _schemas: Record<string, unknown>, _seed: number): unknown {
  throw new Error('body generation is not wired yet');
}
