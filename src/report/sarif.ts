/**
 * SARIF 2.1.0 for code-scanning tools: one run, the rules from the rule tables
 * (`options.rules`), one result per finding with its physical location. Accepted findings carry
 * an `external` suppression with the reason. A location in a git base (`<ref>:<path>`) keeps the
 * path as its URI and the ref in the result's properties.
 */
import { sortFindings, type Finding, type Level } from '../findings.js';
import { COVENANT_VERSION } from '../version.js';
import type { ReportOptions, RuleDescription } from './index.js';

const SARIF_LEVEL: Record<Level, 'error' | 'warning' | 'note'> = { error: 'error', warning: 'warning', info: 'note' };

function toUri(path: string): string {
  return path
    .split(/[\\/]/)
    .map((segment) => encodeURIComponent(segment))
    .join('/');
}

function splitRef(file: string): { ref?: string; path: string } {
  const m = /^([^/\\:]+):(.*)$/.exec(file);
  if (m && !/^[A-Za-z]$/.test(m[1]!)) return { ref: m[1], path: m[2] || '.' };
  return { path: file };
}

export function formatSarif(findings: readonly Finding[], options: ReportOptions): string {
  const rules: RuleDescription[] = [...(options.rules ?? [])];
  const index = new Map<string, number>();
  rules.forEach((r, i) => index.set(r.id, i));
  for (const f of findings) {
    if (!index.has(f.rule)) {
      index.set(f.rule, rules.length);
      rules.push({ id: f.rule, description: f.rule });
    }
  }
  const results = sortFindings(findings).map((f) => {
    const result: Record<string, unknown> = {
      ruleId: f.rule,
      ruleIndex: index.get(f.rule),
      level: SARIF_LEVEL[f.level],
      message: { text: f.message },
    };
    if (f.location) {
      const { ref, path } = splitRef(f.location.file);
      const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: toUri(path) } };
      if (f.location.line !== undefined) {
        physicalLocation.region = { startLine: f.location.line, ...(f.location.column !== undefined ? { startColumn: f.location.column } : {}) };
      }
      const location: Record<string, unknown> = { physicalLocation };
      if (f.operation) location.logicalLocations = [{ fullyQualifiedName: f.operation, kind: 'function' }];
      result.locations = [location];
      if (ref) result.properties = { gitRef: ref };
    }
    if (f.accepted) result.suppressions = [{ kind: 'external', status: 'accepted', justification: f.accepted.reason }];
    const properties: Record<string, unknown> = { ...((result.properties as object | undefined) ?? {}) };
    if (f.spec) properties.spec = f.spec;
    if (f.location?.pointer) properties.pointer = f.location.pointer;
    if (f.consumers) properties.consumers = f.consumers;
    if (f.accepted?.expires) properties.acceptedUntil = f.accepted.expires;
    if (Object.keys(properties).length > 0) result.properties = properties;
    return result;
  });
  const log = {
    $schema: 'https://json.schemastore.org/sarif-2.1.0.json',
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: 'covenant',
            version: COVENANT_VERSION,
            rules: rules.map((r) => ({
              id: r.id,
              shortDescription: { text: r.description },
              ...(r.level ? { defaultConfiguration: { level: SARIF_LEVEL[r.level] } } : {}),
            })),
          },
        },
        automationDetails: { id: `covenant/${options.command}/` },
        results,
      },
    ],
  };
  return JSON.stringify(log, null, 2) + '\n';
}
