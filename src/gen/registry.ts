/** Every generation target by name (DESIGN §3). Adding a target = one folder + one line here. */
import { UserError } from '../errors.js';
import type { Target } from './target.js';

const targets: Target<any, any>[] = [];

/** Targets whose name has a parameter: `openapi-generator:<generator>`. */
const families: Array<{ prefix: string; make(parameter: string): Target<any, any> }> = [];

export function registerTarget(target: Target<any, any>): void {
  targets.push(target);
}

export function registerTargetFamily(prefix: string, make: (parameter: string) => Target<any, any>): void {
  families.push({ prefix, make });
}

export function findTarget(name: string): Target<any, any> {
  const exact = targets.find((t) => t.name === name);
  if (exact) return exact;
  const family = families.find((f) => name.startsWith(`${f.prefix}:`));
  if (family) return family.make(name.slice(family.prefix.length + 1));
  throw new UserError(`unknown target "${name}"`, { hint: `known targets: ${listTargetNames().join(', ')}` });
}

export function listTargetNames(): string[] {
  return [...targets.map((t) => t.name), ...families.map((f) => `${f.prefix}:<name>`)];
}

export function listTargets(): ReadonlyArray<Target<any, any>> {
  return targets;
}
