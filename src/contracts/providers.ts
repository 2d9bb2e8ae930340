/**
 * Which pact provider names a spec serves, and which spec serves a pact provider: one table for
 * every command (`contracts`, `verify`, `breaking --pacts` in each of its forms).
 *
 * A pact provider P is served by spec S when `contracts.providers` maps P to S; else when S's
 * `provider:` (covenant.yaml `specs[]`) is P; else when S's name is P. Names compare
 * case-insensitively (pact names are free text).
 */
import type { LoadedConfig } from '../config/load.js';
import type { ContractsConfig } from './config.js';
import { sameName } from './pacts.js';

export interface ProviderSpec {
  name: string;
  /** `specs[].provider` of the config (default: the spec name). */
  provider?: string;
}

function mapping(config: LoadedConfig): Array<[pactName: string, specName: string]> {
  return Object.entries((config.config.contracts as ContractsConfig | undefined)?.providers ?? {});
}

/** The spec serving a pact provider name, if any. */
export function specForProvider<S extends ProviderSpec>(provider: string, specs: readonly S[], config: LoadedConfig): S | undefined {
  const mapped = mapping(config).find(([pactName]) => sameName(pactName, provider));
  if (mapped) return specs.find((s) => s.name === mapped[1]);
  return specs.find((s) => s.provider !== undefined && sameName(s.provider, provider)) ?? specs.find((s) => sameName(s.name, provider));
}

/** Every pact provider name the spec serves (the inverse of `specForProvider`). */
export function providersOfSpec(spec: ProviderSpec, config: LoadedConfig): string[] {
  const table = mapping(config);
  const names = table.filter(([, specName]) => specName === spec.name).map(([pactName]) => pactName);
  // its own provider/name count unless the config maps that name to another spec
  for (const own of [spec.provider ?? spec.name, spec.name]) {
    const elsewhere = table.some(([pactName, specName]) => sameName(pactName, own) && specName !== spec.name);
    if (!elsewhere && !names.some((n) => sameName(n, own))) names.push(own);
  }
  return names;
}
