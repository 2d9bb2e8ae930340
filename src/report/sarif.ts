/**
 * SARIF 2.1.0 for code-scanning tools: one run, the rules from the rule tables
 * (`options.rules`), one result per finding with its physical location. Accepted findings carry
 * an `external` suppression with the reason. A location in a git base (`<ref>:<path>`) is placed
 * at its `anchor` (the nearest element of the revision), else given as a logical location only;
 * the ref and the base position go to the result's properties.
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

/** `<ref>:<path>` of a git base (refs may hold `/`: `origin/main:specs/a.yaml`); not `C:\\…` nor `/abs`. */
function splitRef(file: string): { ref?: string; path: string } {
  const m = /^([^:\\\s/][^:\\\s]*):(?![\\/])(.*)$/.exec(file);
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
      // a line of a git base is not a line of the file at that path today: place the finding at
      // the nearest element of the revision (anchor), else give a logical location only
      const physical = ref ? f.anchor : f.location;
      const location: Record<string, unknown> = {};
      if (physical) {
        const physicalLocation: Record<string, unknown> = { artifactLocation: { uri: toUri(splitRef(physical.file).path) } };
        if (physical.line !== undefined) {
          physicalLocation.region = { startLine: physical.line, ...(physical.column !== undefined ? { startColumn: physical.column } : {}) };
        }
        location.physicalLocation = physicalLocation;
      }
      const logical = [
        ...(f.operation ? [{ fullyQualifiedName: f.operation, kind: 'function' }] : []),
        ...(ref && f.location.pointer ? [{ fullyQualifiedName: `${f.location.file}#${f.location.pointer}`, kind: 'member' }] : []),
      ];
      if (logical.length) location.logicalLocations = logical;
      if (Object.keys(location).length) result.locations = [location];
      if (ref) result.properties = { gitRef: ref, baseLocation: `${path}${f.location.line !== undefined ? `:${f.location.line}` : ''}${f.location.column !== undefined ? `:${f.location.column}` : ''}` };
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
