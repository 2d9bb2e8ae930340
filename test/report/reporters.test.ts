/**
 * Reporters over arbitrary findings (fast-check): what spec text can contain must never break the
 * format — GitHub workflow commands stay one command, JUnit stays well-formed XML, markdown rows
 * stay rows, SARIF and JSON stay valid against their schemas.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { Ajv } from 'ajv';
import type { Finding } from '../../src/findings.js';
import { formatFindings } from '../../src/report/index.js';
import { escapeData, escapeProperty } from '../../src/report/github.js';
import { validateSarif } from './sarif-schema.js';

const REPO = join(import.meta.dirname, '..', '..');

/** Text with the characters that break formats: separators, markup, control characters, astral planes. */
const nasty = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.stringMatching(/^[a-z%:,\r\n|<>&"'`*_[\]\\#!{}/ ~-]{0,30}$/),
  fc.constantFrom('', '%0A', '::error::pwned', '</failure><x>', '<script>alert(1)</script>', '| a | b |', 'line\nbreak', ']]>', '\u0000\u0008\uFFFE', '😀'),
);

const finding: fc.Arbitrary<Finding> = fc.record(
  {
    rule: fc.oneof(fc.constantFrom('FIELD_NO_DELETE', 'response-property-removed'), nasty.filter((s) => s.length > 0)),
    level: fc.constantFrom('error' as const, 'warning' as const, 'info' as const),
    message: nasty,
    location: fc.record(
      {
        file: fc.oneof(fc.constantFrom('specs/users.openapi.yaml', 'HEAD~1:specs/a b.yaml', 'origin/main:specs/ü.proto'), nasty.filter((s) => s.length > 0)),
        line: fc.integer({ min: 1, max: 10_000 }),
        column: fc.integer({ min: 1, max: 500 }),
        pointer: fc.string({ maxLength: 20 }),
      },
      { requiredKeys: ['file'] },
    ),
    spec: fc.oneof(fc.constantFrom('users', 'orders'), nasty),
    operation: fc.oneof(fc.constantFrom('GET /users/{id}', 'OrderService/GetOrder'), nasty),
    consumers: fc.array(nasty, { maxLength: 3 }),
    accepted: fc.record({ reason: nasty, expires: fc.constantFrom('2030-01-01') }, { requiredKeys: ['reason'] }),
  },
  { requiredKeys: ['rule', 'level', 'message'] },
);

const findings = fc.array(finding, { maxLength: 8 });

/** How many report lines people see: findings of one element across operations are shown once. */
function shownOnce(list: readonly Finding[]): number {
  const keys = list.map((f, i) =>
    f.location?.pointer || f.location?.line
      ? JSON.stringify([f.spec ?? '', f.rule, f.level, f.message, f.location.file, f.location.line ?? 0, f.location.column ?? 0, f.location.pointer ?? '', f.accepted?.reason ?? null])
      : `alone ${i}`,
  );
  return new Set(keys).size;
}

function unescapeData(text: string): string {
  return text.replace(/%0D/g, '\r').replace(/%0A/g, '\n').replace(/%3A/g, ':').replace(/%2C/g, ',').replace(/%25/g, '%');
}

describe('github workflow commands', () => {
  it('escapes data and properties reversibly, leaving no separator unescaped', () => {
    fc.assert(
      fc.property(nasty, (text) => {
        expect(escapeData(text)).not.toMatch(/[\r\n]/);
        expect(unescapeData(escapeData(text))).toBe(text);
        expect(escapeProperty(text)).not.toMatch(/[\r\n,:]/);
        expect(unescapeData(escapeProperty(text))).toBe(text);
      }),
    );
  });

  it('escapes exactly as GitHub documents it', () => {
    expect(escapeData('100% done\r\nnext')).toBe('100%25 done%0D%0Anext');
    expect(escapeProperty('a,b:c%')).toBe('a%2Cb%3Ac%25');
  });

  it('emits one command line per finding (one per element across operations) whose properties are the known keys', () => {
    fc.assert(
      fc.property(findings, (list) => {
        const lines = formatFindings(list, 'github', { command: 'breaking' }).trimEnd().split('\n');
        expect(lines, JSON.stringify(list)).toHaveLength(shownOnce(list) + 1);
        for (const line of lines.slice(0, -1)) {
          const m = /^::(error|warning|notice) ([^:]*)::(.*)$/s.exec(line); // s: a message may hold U+2028
          expect(m, line).not.toBeNull();
          const keys = m![2]!.split(',').map((p) => p.slice(0, p.indexOf('=')));
          for (const k of keys) expect(['file', 'line', 'col', 'title']).toContain(k);
        }
      }),
    );
  });

  it('accepted findings are notices; failing ones errors; below --fail-on warnings', () => {
    const out = formatFindings(
      [
        { rule: 'a', level: 'error', message: 'x', accepted: { reason: 'ok' } },
        { rule: 'b', level: 'warning', message: 'y' },
        { rule: 'c', level: 'error', message: 'z', location: { file: 'specs/u.yaml', line: 3, column: 7 } },
      ],
      'github',
      { command: 'breaking' },
    );
    expect(out.split('\n').slice(0, 3)).toEqual(['::notice title=a::x%0Aaccepted: ok', '::warning title=b::y', '::error file=specs/u.yaml,line=3,col=7,title=c::z']);
  });
});

describe('junit', () => {
  it('is well-formed XML for any text, checked by a real XML parser', () => {
    const samples = fc.sample(findings, { numRuns: 60, seed: 7 }).map((list) => formatFindings(list, 'junit', { command: 'breaking', specs: ['users'] }));
    const script = 'import sys, json, xml.dom.minidom as m\nfor i, doc in enumerate(json.load(sys.stdin)):\n    m.parseString(doc.encode("utf-8"))\nprint("ok")';
    const r = spawnSync('python3', ['-c', script], { input: JSON.stringify(samples), encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.stdout.trim()).toBe('ok');
  });

  it('counts failures from --fail-on and skips accepted findings', () => {
    const out = formatFindings(
      [
        { rule: 'a', level: 'error', message: 'x', spec: 'users', accepted: { reason: 'ok' } },
        { rule: 'b', level: 'warning', message: 'y', spec: 'users' },
        { rule: 'c', level: 'error', message: 'z', spec: 'users' },
      ],
      'junit',
      { command: 'breaking', failOn: 'warning', specs: ['users', 'orders'] },
    );
    expect(out).toContain('<testsuites name="covenant breaking" tests="4" failures="2" errors="0" skipped="1">');
    expect(out).toContain('<testsuite name="orders" tests="1" failures="0" errors="0" skipped="0">');
  });
});

describe('markdown', () => {
  it('keeps each finding on one table row with five cells and no raw markup from spec text', () => {
    fc.assert(
      fc.property(findings, (list) => {
        const out = formatFindings(list, 'markdown', { command: 'breaking' });
        const rows = out.split('\n').filter((l) => /^\| (🔴|🟠|🔵|✔️) /.test(l));
        expect(rows).toHaveLength(shownOnce(list));
        for (const row of rows) {
          // unescaped pipes delimit cells: 6 pipes = 5 cells
          expect(row.replace(/\\\|/g, '').split('|').length - 1).toBe(6);
          expect(row).not.toMatch(/<(?!\/?(code|br|b|em|details|summary)>)/);
        }
      }),
    );
  });
});

describe('sarif', () => {
  it('is valid SARIF 2.1.0 (official schema) for any findings', () => {
    fc.assert(
      fc.property(findings, (list) => {
        const log = JSON.parse(formatFindings(list, 'sarif', { command: 'breaking', rules: [{ id: 'FIELD_NO_DELETE', level: 'error', description: 'fields are not deleted' }] }));
        expect(validateSarif(log)).toEqual([]);
        expect(log.runs[0].results).toHaveLength(list.length);
      }),
      { numRuns: 60 },
    );
  });

  it('an accepted finding carries an external suppression with the reason', () => {
    const log = JSON.parse(formatFindings([{ rule: 'r', level: 'error', message: 'm', accepted: { reason: 'agreed' } }], 'sarif', { command: 'breaking' }));
    expect(log.runs[0].results[0].suppressions).toEqual([{ kind: 'external', status: 'accepted', justification: 'agreed' }]);
  });

  it('the schema check rejects a broken log (the check can fail)', () => {
    expect(validateSarif({ version: '2.1.0', runs: [{ tool: { driver: {} } }] }).length).toBeGreaterThan(0);
  });
});

describe('json', () => {
  it('validates against schemas/findings.schema.json for any findings', () => {
    const validate = new Ajv({ allErrors: true, strict: true }).compile(JSON.parse(readFileSync(join(REPO, 'schemas', 'findings.schema.json'), 'utf8')));
    fc.assert(
      fc.property(findings, (list) => {
        const report = JSON.parse(formatFindings(list, 'json', { command: 'breaking' }));
        expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
      }),
    );
  });
});
