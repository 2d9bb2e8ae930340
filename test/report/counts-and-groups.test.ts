/**
 * What a reader of a report is told: accepted findings are counted apart from failing ones (the
 * exit code follows `failing`), one element changed for many operations is one line, and a
 * removal located in a git base is placed in the revision's file at an element that exists there.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src/findings.js';
import { formatFindings } from '../../src/report/index.js';
import { validateSarif } from './sarif-schema.js';

const REPO = join(import.meta.dirname, '..', '..');
const accepted: Finding = { rule: 'response-property-removed', level: 'error', message: 'gone', location: { file: 'a.yaml', line: 3, column: 1, pointer: '/paths/~1a' }, accepted: { reason: 'agreed' } };
const failingOne: Finding = { rule: 'request-parameter-added', level: 'error', message: 'new required q', location: { file: 'a.yaml', line: 9, column: 1, pointer: '/paths/~1b' } };
const warningOne: Finding = { rule: 'x', level: 'warning', message: 'maybe', location: { file: 'a.yaml', line: 12, column: 1 } };

describe('summaries count failing and accepted findings', () => {
  it('text: accepted errors are not failing ones', () => {
    const out = formatFindings([accepted, warningOne], 'text', { command: 'breaking' });
    expect(out.trimEnd().split('\n').at(-1)).toBe('1 error, 1 warning, 0 info: 0 failing (--fail-on error), 1 accepted');
    const failing = formatFindings([accepted, failingOne, warningOne], 'text', { command: 'breaking', failOn: 'warning' });
    expect(failing.trimEnd().split('\n').at(-1)).toBe('2 errors, 1 warning, 0 info: 2 failing (--fail-on warning), 1 accepted');
  });

  it('json: summary.failing and summary.accepted, valid against the schema', () => {
    const report = JSON.parse(formatFindings([accepted, failingOne, warningOne], 'json', { command: 'breaking' }));
    expect(report.failOn).toBe('error');
    expect(report.summary).toEqual({ error: 2, warning: 1, info: 0, failing: 1, accepted: 1 });
    const validate = new Ajv({ strict: true }).compile(JSON.parse(readFileSync(join(REPO, 'schemas', 'findings.schema.json'), 'utf8')));
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    delete report.summary.failing;
    expect(validate(report)).toBe(false);
  });

  it('github: the closing line names the accepted count', () => {
    const out = formatFindings([accepted], 'github', { command: 'breaking' });
    expect(out.trimEnd().split('\n').at(-1)).toBe('covenant breaking: 1 error, 0 warnings, 0 info, 0 failing (--fail-on error), 1 accepted');
  });
});

describe('one element, many operations', () => {
  const shared = (operation: string, consumers: string[]): Finding => ({
    rule: 'response-optional-property-removed',
    level: 'warning',
    message: 'Response property `name` (200 application/json) was removed',
    location: { file: 'base.yaml', line: 22, column: 9, pointer: '/components/schemas/P/properties/name' },
    spec: 'shop',
    operation,
    consumers,
  });
  const nine = Array.from({ length: 9 }, (_, i) => shared(`GET /p${i}`, i === 4 ? ['web'] : i === 7 ? ['mobile'] : []));

  it('markdown: one row, "× 9 operations", the consumers of all of them', () => {
    const out = formatFindings(nine, 'markdown', { command: 'breaking' });
    const rows = out.split('\n').filter((l) => l.startsWith('| 🟠'));
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('<details><summary>× 9 operations</summary><code>GET /p0</code><br><code>GET /p1</code>');
    expect(rows[0]).toContain('consumers: mobile, web');
    expect(out).toContain('| shop | 0 | 9 | 0 | 0 |');
  });

  it('github: one annotation naming the operations', () => {
    const lines = formatFindings(nine, 'github', { command: 'breaking' }).trimEnd().split('\n');
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatch(/^::warning file=base\.yaml,line=22,col=9,title=response-optional-property-removed \(shop × 9 operations\)::Response property/);
    expect(lines[0]).toContain('%0A× 9 operations: GET /p0, GET /p1, GET /p2, GET /p3, GET /p4, GET /p5, GET /p6, GET /p7, GET /p8%0Aconsumers: mobile, web');
  });

  it('different pointers or rules stay apart; json keeps one record per finding', () => {
    const other = { ...shared('GET /p0', []), location: { file: 'base.yaml', line: 23, column: 9, pointer: '/components/schemas/P/properties/id' } };
    expect(formatFindings([...nine, other], 'github', { command: 'breaking' }).trimEnd().split('\n')).toHaveLength(3);
    expect(JSON.parse(formatFindings(nine, 'json', { command: 'breaking' })).findings).toHaveLength(9);
  });
});

describe('sarif: a removal in a git base', () => {
  const removal: Finding = {
    rule: 'response-optional-property-removed',
    level: 'warning',
    message: 'gone',
    location: { file: 'origin/main:specs/user.yaml', line: 5, column: 3, pointer: '/components/schemas/User/properties/nickname' },
    anchor: { file: 'specs/user.yaml', line: 3, column: 1, pointer: '/components/schemas/User/properties/nickname' },
    operation: 'GET /users/{id}',
  };

  it('is placed at the nearest element of the revision, with the base position in properties', () => {
    const log = JSON.parse(formatFindings([removal], 'sarif', { command: 'breaking' }));
    expect(validateSarif(log)).toEqual([]);
    const result = log.runs[0].results[0];
    expect(result.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'specs/user.yaml' }, region: { startLine: 3, startColumn: 1 } });
    expect(result.properties).toMatchObject({ gitRef: 'origin/main', baseLocation: 'specs/user.yaml:5:3' });
  });

  it('without an anchor it has a logical location only (never the old line under the new path)', () => {
    const { anchor: _, ...bare } = removal;
    const log = JSON.parse(formatFindings([bare], 'sarif', { command: 'breaking' }));
    expect(validateSarif(log)).toEqual([]);
    const location = log.runs[0].results[0].locations[0];
    expect(location.physicalLocation).toBeUndefined();
    expect(location.logicalLocations).toEqual([
      { fullyQualifiedName: 'GET /users/{id}', kind: 'function' },
      { fullyQualifiedName: 'origin/main:specs/user.yaml#/components/schemas/User/properties/nickname', kind: 'member' },
    ]);
  });
});
