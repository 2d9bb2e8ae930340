/**
 * JUnit XML for CI test tabs: one <testsuite> per spec, one <testcase> per finding and one
 * passing case per check no finding names (`options.checks`: the interactions `contracts`
 * checked); a spec with neither has one passing case. Failing findings are <failure>s, accepted ones
 * <skipped>, the rest pass with the finding in <system-out>.
 */
import { failing, sortFindings, type Finding } from '../findings.js';
import { formatPosition } from '../errors.js';
import { groupBySpec, type ReportOptions } from './index.js';

export function escapeXml(text: string): string {
  return text
    .replace(/[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu, '\uFFFD')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&apos;');
}

export function formatJunit(findings: readonly Finding[], options: ReportOptions): string {
  const failOn = options.failOn ?? 'error';
  const failingSet = new Set(failing(findings, failOn));
  const checks = options.checks ?? [];
  const groups = groupBySpec(sortFindings(findings), [...(options.specs ?? []), ...checks.map((c) => c.spec)]);
  const named = new Set(findings.map((f) => f.details?.check).filter((id): id is string => typeof id === 'string'));
  const suites: string[] = [];
  let tests = 0;
  let failures = 0;
  let skipped = 0;
  for (const [spec, list] of groups) {
    const name = spec || options.command;
    const cases: string[] = [];
    let suiteFailures = 0;
    let suiteSkipped = 0;
    const passed = checks.filter((c) => c.spec === spec && !named.has(c.id));
    for (const c of passed) cases.push(`    <testcase classname="${escapeXml(name)}" name="${escapeXml(c.name)}"/>`);
    if (list.length === 0 && passed.length === 0) cases.push(`    <testcase classname="${escapeXml(name)}" name="no ${escapeXml(options.command)} findings"/>`);
    for (const f of list) {
      const where = formatPosition(f.location);
      const caseName = `${f.operation ?? where ?? name}: ${f.rule}`;
      const body = `${where ? `${where}: ` : ''}${f.level}: ${f.message} (${f.rule})`;
      const open = `    <testcase classname="${escapeXml(name)}" name="${escapeXml(caseName)}"${where ? ` file="${escapeXml(f.location!.file)}"` : ''}>`;
      if (failingSet.has(f)) {
        suiteFailures++;
        cases.push(`${open}\n      <failure message="${escapeXml(f.message)}" type="${escapeXml(f.rule)}">${escapeXml(body)}</failure>\n    </testcase>`);
      } else if (f.details?.skipped === true) {
        // not checked at all (a message interaction `contracts` cannot check): a skipped test, with the reason
        suiteSkipped++;
        cases.push(`${open}\n      <skipped message="${escapeXml(f.message)}"/>\n    </testcase>`);
      } else if (f.accepted) {
        suiteSkipped++;
        cases.push(`${open}\n      <skipped message="${escapeXml(`accepted: ${f.accepted.reason}`)}"/>\n      <system-out>${escapeXml(body)}</system-out>\n    </testcase>`);
      } else {
        cases.push(`${open}\n      <system-out>${escapeXml(body)}</system-out>\n    </testcase>`);
      }
    }
    const count = Math.max(list.length + passed.length, 1);
    tests += count;
    failures += suiteFailures;
    skipped += suiteSkipped;
    suites.push(`  <testsuite name="${escapeXml(name)}" tests="${count}" failures="${suiteFailures}" errors="0" skipped="${suiteSkipped}">\n${cases.join('\n')}\n  </testsuite>`);
  }
  return `<?xml version="1.0" encoding="UTF-8"?>\n<testsuites name="covenant ${escapeXml(options.command)}" tests="${tests}" failures="${failures}" errors="0" skipped="${skipped}">\n${suites.join('\n')}${suites.length ? '\n' : ''}</testsuites>\n`;
}
