/**
 * Deprecation, sunset and stability: `deprecated`, `x-sunset` (a date) and `x-stability-level`
 * (draft < alpha < beta < stable). Draft and alpha APIs may change freely; removing a stable one needs a
 * deprecation first, and with a policy (deprecation days) a sunset far enough away.
 */
import type { DiffContext } from './context.js';
import type { Segments } from './normalize.js';

export const STABILITY_LEVELS = ['draft', 'alpha', 'beta', 'stable'] as const;
export type Stability = (typeof STABILITY_LEVELS)[number];

export function stabilityOf(value: unknown): { level?: Stability; invalid: boolean } {
  if (value === undefined) return { invalid: false };
  if (typeof value === 'string' && (STABILITY_LEVELS as readonly string[]).includes(value)) return { level: value as Stability, invalid: false };
  return { invalid: true };
}

/** Draft and alpha APIs carry no compatibility promise. */
export function isUnstable(value: unknown): boolean {
  const { level } = stabilityOf(value);
  return level === 'draft' || level === 'alpha';
}

export function stabilityRank(level: Stability | undefined): number {
  return STABILITY_LEVELS.indexOf(level ?? 'stable');
}

/** Epoch day of an `x-sunset` value (RFC 3339 date or date-time), 'invalid', or undefined when absent. */
export function sunsetDay(value: unknown): number | 'invalid' | undefined {
  if (value === undefined || value === null) return undefined;
  const text = value instanceof Date ? value.toISOString() : String(value);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return 'invalid';
  const time = Date.parse(text.slice(0, 10) + 'T00:00:00Z');
  return Number.isNaN(time) ? 'invalid' : Math.floor(time / 86_400_000);
}

export function formatDay(day: number): string {
  return new Date(day * 86_400_000).toISOString().slice(0, 10);
}

/** Days a deprecation must run before removal under the configured policy (0 = no policy). */
export function deprecationDays(ctx: DiffContext, stability: unknown): number {
  const { level } = stabilityOf(stability);
  if (level === 'draft' || level === 'alpha') return 0;
  if (level === 'beta') return ctx.options.deprecationDaysBeta ?? 0;
  return ctx.options.deprecationDaysStable ?? 0;
}

/** The lifecycle of one element that exists in both specs (operation, parameter). */
export interface LifecycleSubject {
  label: string;
  operation?: string;
  base: { deprecated: boolean; sunset: unknown; stability: unknown };
  revision: { deprecated: boolean; sunset: unknown; stability: unknown; pointer: Segments };
  ids: {
    deprecated: string;
    deprecatedWithSunset?: string;
    reactivated: string;
    sunsetMissing?: string;
    sunsetParse?: string;
    sunsetTooSmall?: string;
    sunsetDeleted?: string;
    sunsetChangedTooSmall?: string;
    stabilityDecreased?: string;
    stabilityIncreased?: string;
    invalidStability?: string;
    /** A deprecated element's x-sunset changed and one of the two is not a date. */
    sunsetChangedParse?: string;
  };
}

export function checkLifecycle(ctx: DiffContext, s: LifecycleSubject): void {
  const { base, revision, ids, label, operation } = s;
  const emit = (rule: string | undefined, message: string, details?: Record<string, unknown>) => {
    if (rule && ctx.has(rule)) ctx.emit({ rule, message, side: 'revision', pointer: s.revision.pointer, operation, details });
  };
  const revStability = stabilityOf(revision.stability);
  if (revStability.invalid) {
    emit(ids.invalidStability, `${label} has an invalid x-stability-level ${JSON.stringify(revision.stability)} (expected draft, alpha, beta or stable)`);
    return;
  }
  const baseStability = stabilityOf(base.stability);
  if (baseStability.invalid) {
    emit(ids.invalidStability, `${label} had an invalid x-stability-level ${JSON.stringify(base.stability)} in the base (expected draft, alpha, beta or stable): its stability change cannot be judged`);
    return;
  }
  if (!baseStability.invalid && base.stability !== undefined && revision.stability !== undefined) {
    const before = stabilityRank(baseStability.level);
    const after = stabilityRank(revStability.level);
    if (after < before) {
      emit(ids.stabilityDecreased, `${label} stability decreased from ${baseStability.level} to ${revStability.level}`, {
        before: baseStability.level,
        after: revStability.level,
      });
    } else if (after > before) {
      emit(ids.stabilityIncreased, `${label} stability increased from ${baseStability.level} to ${revStability.level}`, {
        before: baseStability.level,
        after: revStability.level,
      });
    }
  }
  const days = deprecationDays(ctx, revision.stability);
  if (!base.deprecated && revision.deprecated) {
    const sunset = sunsetDay(revision.sunset);
    if (sunset === undefined) {
      if (days > 0 && ids.sunsetMissing) emit(ids.sunsetMissing, `${label} was deprecated without an x-sunset date (the policy asks for at least ${days} days' notice)`);
      else emit(ids.deprecated, `${label} was deprecated`);
    } else if (sunset === 'invalid') {
      emit(ids.sunsetParse, `${label} was deprecated with an x-sunset that is not a date: ${JSON.stringify(revision.sunset)}`);
    } else if (sunset - ctx.today < days) {
      emit(ids.sunsetTooSmall, `${label} was deprecated with sunset ${formatDay(sunset)}, sooner than the ${days} days the policy asks for`, {
        after: formatDay(sunset),
      });
    } else {
      emit(ids.deprecatedWithSunset ?? ids.deprecated, `${label} was deprecated with sunset ${formatDay(sunset)}`);
    }
  } else if (base.deprecated && !revision.deprecated) {
    emit(ids.reactivated, `${label} is no longer deprecated`);
  } else if (base.deprecated && revision.deprecated) {
    const before = sunsetDay(base.sunset);
    const after = sunsetDay(revision.sunset);
    if ((before === 'invalid' || after === 'invalid') && JSON.stringify(base.sunset) !== JSON.stringify(revision.sunset)) {
      emit(ids.sunsetChangedParse, `${label} x-sunset changed from ${JSON.stringify(base.sunset)} to ${JSON.stringify(revision.sunset)}, and ${before === 'invalid' ? 'the old one' : 'the new one'} is not a date`);
    } else if (typeof before === 'number' && after === undefined) {
      emit(ids.sunsetDeleted, `${label} lost its x-sunset date ${formatDay(before)}`);
    } else if (typeof before === 'number' && typeof after === 'number' && after < before && after - ctx.today < days) {
      emit(ids.sunsetChangedTooSmall, `${label} sunset moved from ${formatDay(before)} to ${formatDay(after)}, sooner than the ${days} days the policy asks for`, {
        before: formatDay(before),
        after: formatDay(after),
      });
    }
  }
}

/**
 * Removal of something that existed in the base: without deprecation it breaks; deprecated with a sunset
 * still in the future it breaks too; deprecated and past its sunset (or with no sunset) it is fine.
 */
export function removalVerdict(
  ctx: DiffContext,
  base: { deprecated: boolean; sunset: unknown },
): { kind: 'without-deprecation' } | { kind: 'with-deprecation' } | { kind: 'before-sunset'; sunset: string } | { kind: 'sunset-parse' } {
  if (!base.deprecated) return { kind: 'without-deprecation' };
  const sunset = sunsetDay(base.sunset);
  if (sunset === undefined) return { kind: 'with-deprecation' };
  if (sunset === 'invalid') return { kind: 'sunset-parse' };
  if (ctx.today < sunset) return { kind: 'before-sunset', sunset: formatDay(sunset) };
  return { kind: 'with-deprecation' };
}
