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

/** The docs page of each target (shipped in the package under docs/). */
const TARGET_DOCS: Record<string, string> = {
  'typescript-client': 'docs/client.md',
  'typescript-server': 'docs/server.md',
  'ts-proto': 'docs/proto.md',
  'go-grpc': 'docs/go.md',
  'openapi-generator': 'docs/go.md',
};

/** `docs/client.md`: where a target's options are described (a family by its prefix). */
export function targetDocs(name: string): string {
  return TARGET_DOCS[name] ?? TARGET_DOCS[name.split(':')[0]!] ?? 'docs/config.md';
}

export function listTargetNames(): string[] {
  return [...targets.map((t) => t.name), ...families.map((f) => `${f.prefix}:<name>`)];
}

export function listTargets(): ReadonlyArray<Target<any, any>> {
  return targets;
}
