/**
 * pact-js's matchers, typed: `like(value)` carries the property paths of its example, so where it
 * is used (a body of an operation) a field the operation does not have is a compile error, as in a
 * plain literal; a value of the wrong type is one too. Same for the array matchers.
 * Everything else is pact-js's `MatchersV3` unchanged (the run-time values are pact-js's own).
 */
import { MatchersV3 } from '@pact-foundation/pact';
import type { TypedMatcher } from './types.js';

/** Any value of the example's shape (pact `type` matcher). */
export function like<T>(value: T): TypedMatcher<T> {
  return MatchersV3.like(value) as unknown as TypedMatcher<T>;
}

/** An array whose every item has the shape of `template`, at least `min` long (default 1). */
export function eachLike<T>(template: T, min = 1): TypedMatcher<T[]> {
  return MatchersV3.eachLike(template, min) as unknown as TypedMatcher<T[]>;
}

export function atLeastOneLike<T>(template: T, count = 1): TypedMatcher<T[]> {
  return MatchersV3.atLeastOneLike(template, count) as unknown as TypedMatcher<T[]>;
}

export function atLeastLike<T>(template: T, min: number, count?: number): TypedMatcher<T[]> {
  return MatchersV3.atLeastLike(template, min, count) as unknown as TypedMatcher<T[]>;
}

export function atMostLike<T>(template: T, max: number, count?: number): TypedMatcher<T[]> {
  return MatchersV3.atMostLike(template, max, count) as unknown as TypedMatcher<T[]>;
}

export function constrainedArrayLike<T>(template: T, min: number, max: number, count?: number): TypedMatcher<T[]> {
  return MatchersV3.constrainedArrayLike(template, min, max, count) as unknown as TypedMatcher<T[]>;
}

/** `Matchers` of covenant/pact: pact-js's MatchersV3 with the shape-taking matchers typed by position. */
export const Matchers = { ...MatchersV3, like, eachLike, atLeastOneLike, atLeastLike, atMostLike, constrainedArrayLike };
