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
import { specForProvider } from './providers.js';

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
}

export interface ContractsResult {
  findings: Finding[];
  /** Pacts checked, per spec name. */
  checked: Array<{ spec: string; pact: string; consumer: string; interactions: number }>;
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
    let group = groups.get(entry.name);
    if (!group) groups.set(entry.name, (group = { entry, pacts: [] }));
    group.pacts.push(pact);
  }
  const checked: ContractsResult['checked'] = [];
  for (const { entry, pacts: group } of groups.values()) {
    const spec: OpenApiSpec = await loadOpenApi(entry.path, { name: entry.name, cwd: options.cwd });
    findings.push(...(await comparePacts(spec, group, { warnings: options.warnings })));
    for (const pact of group) checked.push({ spec: entry.name, pact: pact.file, consumer: pact.consumer, interactions: pact.interactions.length });
  }
  return { findings, checked, pactsDir };
}

function display(cwd: string, abs: string): string {
  return abs.startsWith(cwd + '/') ? abs.slice(cwd.length + 1) : abs;
}
