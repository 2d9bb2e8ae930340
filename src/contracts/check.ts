/**
 * `covenant contracts`: every interaction of every pact whose provider maps to a spec is checked
 * against that spec (compare.ts). A pact provider maps to a spec through `contracts.providers`
 * in covenant.yaml, else the spec's `provider:` (default: the spec name).
 */
import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import type { Finding } from '../findings.js';
import { UserError } from '../errors.js';
import { discoverSpecs, type SpecEntry } from '../spec/discover.js';
import { loadOpenApi, type OpenApiSpec } from '../spec/openapi/load.js';
import { DEFAULT_PACTS_DIR, type ContractsConfig } from './config.js';
import { readPactsDir, type PactFile } from './pacts.js';
import { providersOfSpec, specForProvider } from './providers.js';

export { specForProvider } from './providers.js';
import { comparePacts } from './compare.js';

export interface ContractsOptions {
  cwd: string;
  config: LoadedConfig;
  /** Spec files or names (default: every OpenAPI spec). */
  only?: string[];
  /** Pacts folder (relative to cwd); default: `contracts.pacts` of the config, else `pacts/`. */
  pacts?: string;
  warnings?: boolean;
  /** A run that checked no interaction passes (on purpose: a new provider with no consumers yet). */
  allowEmpty?: boolean;
}

export interface ContractsResult {
  findings: Finding[];
  /** Pacts checked, per spec name. */
  checked: Array<{ spec: string; pact: string; consumer: string; interactions: number }>;
  /** Every HTTP interaction checked (JUnit test cases): `id` is `details.check` of its findings. */
  checks: Array<{ spec: string; id: string; name: string }>;
  pactsDir: string;
}

/** Folder of pacts: the flag (relative to cwd), else the config's (relative to the config), else pacts/. */
export function pactsFolder(options: { cwd: string; config: LoadedConfig; pacts?: string }): string {
  if (options.pacts) return resolve(options.cwd, options.pacts);
  const configured = (options.config.config.contracts as ContractsConfig | undefined)?.pacts;
  return resolve(options.config.root, configured ?? DEFAULT_PACTS_DIR);
}

export async function runContracts(options: ContractsOptions): Promise<ContractsResult> {
  const pactsDir = pactsFolder(options);
  const pacts = readPactsDir(pactsDir, { cwd: options.cwd });
  if (pacts.length === 0) {
    throw new UserError(`no pact files found in ${display(options.cwd, pactsDir)}`, {
      position: { file: display(options.cwd, pactsDir) },
      hint: 'run the consumer tests first (they write pacts/<consumer>-<provider>.json), or point --pacts at the folder',
    });
  }
  const all = discoverSpecs(options.config, { cwd: options.cwd });
  const entries = (options.only && options.only.length ? discoverSpecs(options.config, { cwd: options.cwd, only: options.only }) : all).filter((e) => e.kind === 'openapi');
  const groups = new Map<string, { entry: SpecEntry; pacts: PactFile[] }>();
  const findings: Finding[] = [];
  for (const pact of pacts) {
    const entry = specForProvider(pact.provider, entries, options.config);
    if (!entry) {
      // pacts of providers we do not serve are not ours to check; say so only when no spec was named
      if (!options.only?.length && !specForProvider(pact.provider, all, options.config)) {
        findings.push({
          rule: 'pact-provider-without-spec',
          level: 'info',
          message: `${pact.consumer} → ${pact.provider}: no spec serves provider "${pact.provider}"; map it in covenant.yaml (contracts.providers) to check it`,
          location: pact.locate(['provider', 'name']),
          details: { consumer: pact.consumer, provider: pact.provider },
        });
      }
      continue;
    }
    for (const skip of pact.skipped) {
      findings.push({
        rule: 'pact-interaction-skipped',
        level: 'info',
        message: `${pact.consumer} "${skip.description}" (${skip.type}) is not checked: ${skip.reason}`,
        location: pact.locate(skip.at),
        spec: entry.name,
        consumers: [pact.consumer],
        details: { consumer: pact.consumer, provider: pact.provider, type: skip.type, skipped: true, ...(skip.plugin !== undefined ? { plugin: skip.plugin } : {}) },
      });
    }
    let group = groups.get(entry.name);
    if (!group) groups.set(entry.name, (group = { entry, pacts: [] }));
    group.pacts.push(pact);
  }
  const checked: ContractsResult['checked'] = [];
  const checks: ContractsResult['checks'] = [];
  for (const { entry, pacts: group } of groups.values()) {
    const http = group.filter((p) => p.interactions.length > 0);
    if (http.length === 0) continue;
    const spec: OpenApiSpec = await loadOpenApi(entry.path, { name: entry.name, cwd: options.cwd });
    findings.push(...(await comparePacts(spec, http, { warnings: options.warnings })));
    for (const pact of http) {
      checked.push({ spec: entry.name, pact: pact.file, consumer: pact.consumer, interactions: pact.interactions.length });
      for (const i of pact.interactions) checks.push({ spec: entry.name, id: `${pact.file}#${i.index}`, name: `${pact.consumer}: ${i.description}${i.states.length ? ` (given ${i.states.join(', ')})` : ''}` });
    }
  }
  if (checks.length === 0) findings.push(nothingChecked(entries, pacts, pactsDir, options));
  return { findings, checked, checks, pactsDir };
}

/** A run that checked nothing says so: which specs (providers) had no pact, and what the pacts are for. */
function nothingChecked(entries: readonly SpecEntry[], pacts: readonly PactFile[], pactsDir: string, options: ContractsOptions): Finding {
  const shown = display(options.cwd, pactsDir);
  const specs = entries.map((e) => `${e.name} (provider ${providersOfSpec(e, options.config).map((p) => `"${p}"`).join(', ')})`);
  const forWhom = [...new Set(pacts.map((p) => p.provider))].sort().map((p) => `"${p}"`);
  const skipped = pacts.reduce((n, p) => n + p.skipped.length, 0);
  const what = specs.length
    ? `no HTTP interaction in ${shown} is for ${specs.join(', ')}`
    : 'no OpenAPI spec to check against (put it under specs/, list it in covenant.yaml specs:, or name it: covenant contracts <spec>)';
  return {
    rule: 'contracts-nothing-checked',
    level: options.allowEmpty ? 'info' : 'error',
    message: `nothing was checked: ${what}; the pacts there are for ${forWhom.join(', ')}${skipped ? ` (${skipped} message or plugin interaction${skipped === 1 ? '' : 's'} skipped)` : ''}. Map the provider in covenant.yaml (contracts.providers or specs[].provider)${options.allowEmpty ? '' : ', or pass --allow-empty when an empty run is expected'}`,
    location: { file: shown },
  };
}

function display(cwd: string, abs: string): string {
  return abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
}
