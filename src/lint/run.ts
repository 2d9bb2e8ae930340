/** `covenant lint`: every selected spec, OpenAPI through Redocly's rules, proto through buf lint. */
import type { LoadedConfig } from '../config/load.js';
import type { Finding } from '../findings.js';
import { discoverSpecs } from '../spec/discover.js';
import { loadSpec } from '../spec/load.js';
import { UserError } from '../errors.js';
import { lintOpenApi, type OpenApiRuleset } from './openapi.js';
import { lintProto } from './proto.js';

export interface LintOptions {
  cwd: string;
  config: LoadedConfig;
  only?: string[];
  ruleset?: OpenApiRuleset;
}

export async function runLint(options: LintOptions): Promise<Finding[]> {
  const entries = discoverSpecs(options.config, { cwd: options.cwd, only: options.only });
  if (entries.length === 0) throw new UserError('no specs found', { position: { file: 'specs/' }, hint: 'put specs under specs/ or name them' });
  const findings: Finding[] = [];
  for (const entry of entries) {
    const spec = await loadSpec(entry, { cwd: options.cwd });
    if (spec.kind === 'openapi') findings.push(...(await lintOpenApi(spec, options.ruleset)));
    else findings.push(...(await lintProto(spec, { cwd: options.cwd })));
  }
  return findings;
}
