/**
 * The consumer-side half of the contracts check: once a consumer test has written its pact,
 * check every interaction against the provider's OpenAPI, and fail the test with the findings.
 */
import { join } from 'node:path';
import { atOrAbove, type Finding, type Level } from '../../findings.js';
import { formatPosition } from '../../errors.js';
import { loadOpenApi } from '../../spec/openapi/load.js';
import { readPactFile } from '../pacts.js';
import { comparePacts } from '../compare.js';

export interface CheckOptions {
  cwd?: string;
  /** Include the comparator's warnings (default: true). */
  warnings?: boolean;
}

/** Where pact-js writes the pact of a consumer/provider pair. */
export function pactFilePath(dir: string, consumer: string, provider: string): string {
  return join(dir, `${consumer}-${provider}.json`);
}

export async function checkPactAgainstSpec(pactFile: string, specFile: string, options: CheckOptions = {}): Promise<Finding[]> {
  const pact = readPactFile(pactFile, { cwd: options.cwd });
  const spec = await loadOpenApi(specFile, { cwd: options.cwd });
  return comparePacts(spec, [pact], { warnings: options.warnings });
}

export class PactSpecMismatchError extends Error {
  readonly findings: Finding[];
  constructor(findings: Finding[], pactFile: string, specFile: string) {
    const lines = findings.map((f) => `  ${formatPosition(f.location)}: ${f.level} ${f.message} (${f.rule})`);
    super(`the pact ${pactFile} does not match ${specFile}:\n${lines.join('\n')}`);
    this.name = 'PactSpecMismatchError';
    this.findings = findings;
  }
}

/** Throw (fail the test) when an interaction disagrees with the spec at `failOn` or above (default: error). */
export async function assertPactMatchesSpec(pactFile: string, specFile: string, options: CheckOptions & { failOn?: Level } = {}): Promise<Finding[]> {
  const findings = await checkPactAgainstSpec(pactFile, specFile, options);
  const failing = findings.filter((f) => atOrAbove(f.level, options.failOn ?? 'error'));
  if (failing.length > 0) throw new PactSpecMismatchError(failing, pactFile, specFile);
  return findings;
}
