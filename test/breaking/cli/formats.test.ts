/**
 * `covenant breaking` reports through the built binary: markdown, github, junit, sarif, --output;
 * the ignore file (accepted, expired, invalid); two folders and two files without git; --list-rules;
 * --pacts.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { OPENAPI_RULES } from '../../../src/breaking/openapi/index.js';
import { BASE_FILES, ORDERS_PROTO, USER_SCHEMA, USERS_SPEC, commitAll, covenant, removeScratch, repoWith, scratch, writeTree } from './support.js';
import { validateSarif } from '../../report/sarif-schema.js';

let repo: string;

beforeAll(() => {
  repo = repoWith('breaking-formats', BASE_FILES);
  writeTree(repo, {
    'specs/components/user.yaml': USER_SCHEMA.replace('  nickname: { type: string }\n', ''),
    'specs/orders/v1/orders.proto': ORDERS_PROTO.replace('  int64 total = 2;\n', ''),
  });
  commitAll(repo, 'change');
});

afterAll(() => removeScratch(repo));

/** Well-formed XML, checked by a real parser (expat, through Python's standard library). */
function parseXml(text: string): { ok: boolean; error: string; root: string } {
  const r = spawnSync('python3', ['-c', 'import sys, xml.dom.minidom as m; d = m.parseString(sys.stdin.buffer.read()); print(d.documentElement.tagName)'], { input: text, encoding: 'utf8' });
  return { ok: r.status === 0, error: r.stderr, root: r.stdout.trim() };
}

describe('report formats', () => {
  it('markdown: a PR comment with a summary table per spec and collapsible details', () => {
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'markdown']);
    expect(r.code).toBe(1);
    // small and stable: read in full
    expect(r.stdout).toBe(
      [
        '<!-- covenant-report -->',
        '### covenant breaking: ❌ 1 finding at or above error',
        '',
        '| spec | error | warning | info | accepted |',
        '| --- | ---: | ---: | ---: | ---: |',
        '| users | 0 | 1 | 0 | 0 |',
        '| orders | 1 | 0 | 0 | 0 |',
        '| **total** | **1** | **1** | **0** | **0** |',
        '',
        '<details><summary><b>users</b>: 1 finding</summary>',
        '',
        '| | rule | operation | where | message |',
        '| --- | --- | --- | --- | --- |',
        '| 🟠 warning | <code>response-optional-property-removed</code> | <code>GET /users/{id}</code> | <code>HEAD\\~1:specs/components/user.yaml:5:3</code> | Response property \\`nickname\\` (200 application/json) was removed |',
        '',
        '</details>',
        '',
        '<details open><summary><b>orders</b>: 1 finding, 1 failing</summary>',
        '',
        '| | rule | operation | where | message |',
        '| --- | --- | --- | --- | --- |',
        '| 🔴 error | <code>FIELD\\_NO\\_DELETE</code> |  | <code>specs/orders/v1/orders.proto:4:1</code> | Previously present field "2" with name "total" on message "Order" was deleted. |',
        '',
        '</details>',
        '',
      ].join('\n'),
    );
  });

  it('github: one workflow command per finding; a base location (<ref>:<path>) goes into the message', () => {
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'github']);
    expect(r.stdout.split('\n')).toEqual([
      '::error file=specs/orders/v1/orders.proto,line=4,col=1,title=FIELD_NO_DELETE (orders)::Previously present field "2" with name "total" on message "Order" was deleted.',
      // anchored at the nearest element that still exists in the revision (`properties:`, line 3)
      '::warning file=specs/components/user.yaml,line=3,title=response-optional-property-removed (users GET /users/{id})::HEAD~1:specs/components/user.yaml:5:3: Response property `nickname` (200 application/json) was removed',
      'covenant breaking: 1 error, 1 warning, 0 info, 1 failing (--fail-on error), 0 accepted',
      '',
    ]);
  });

  it('junit: well-formed XML, one suite per spec, failures for failing findings only', () => {
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'junit']);
    const parsed = parseXml(r.stdout);
    expect(parsed.error).toBe('');
    expect(parsed).toMatchObject({ ok: true, root: 'testsuites' });
    expect(r.stdout).toContain('<testsuites name="covenant breaking" tests="2" failures="1" errors="0" skipped="0">');
    expect(r.stdout).toContain('<testsuite name="orders" tests="1" failures="1"');
    expect(r.stdout).toContain('<testsuite name="users" tests="1" failures="0"');
  });

  it('sarif: valid against the official SARIF 2.1.0 schema, with regions and the rule table', () => {
    const out = join(repo, 'reports', 'breaking.sarif');
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'sarif', '--output', 'reports/breaking.sarif']);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    const log = JSON.parse(readFileSync(out, 'utf8'));
    const errors = validateSarif(log);
    expect(errors).toEqual([]);
    const run = log.runs[0];
    const ids = run.tool.driver.rules.map((rule: { id: string }) => rule.id);
    for (const rule of OPENAPI_RULES) expect(ids).toContain(rule.id);
    expect(ids).toContain('FIELD_NO_DELETE');
    const proto = run.results.find((x: { ruleId: string }) => x.ruleId === 'FIELD_NO_DELETE');
    expect(proto.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'specs/orders/v1/orders.proto' }, region: { startLine: 4, startColumn: 1 } });
    expect(ids[proto.ruleIndex]).toBe('FIELD_NO_DELETE');
    const removed = run.results.find((x: { ruleId: string }) => x.ruleId === 'response-optional-property-removed');
    // not line 5 of the old file under the new file's path: the nearest element of the revision
    expect(removed.locations[0].physicalLocation).toEqual({ artifactLocation: { uri: 'specs/components/user.yaml' }, region: { startLine: 3, startColumn: 1 } });
    expect(removed.properties).toMatchObject({ gitRef: 'HEAD~1', baseLocation: 'specs/components/user.yaml:5:3' });
  });
});

describe('ignore file', () => {
  const ignoreFile = () => join(repo, '.covenant-ignore.yaml');
  afterAll(() => rmSync(ignoreFile(), { force: true }));

  it('an accepted finding is shown as accepted and does not fail the run', () => {
    writeFileSync(ignoreFile(), '- rule: FIELD_NO_DELETE\n  path: orders/v1/orders.proto\n  reason: total moved to the billing service\n  expires: 2999-12-31\n');
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'json']);
    expect(r.code).toBe(0);
    const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; accepted?: unknown }>;
    expect(findings.find((f) => f.rule === 'FIELD_NO_DELETE')!.accepted).toEqual({ reason: 'total moved to the billing service', expires: '2999-12-31' });
    expect(findings.find((f) => f.rule !== 'FIELD_NO_DELETE')!.accepted).toBeUndefined();
    const text = covenant(repo, ['breaking', '--against', 'HEAD~1']);
    expect(text.stdout).toContain('(FIELD_NO_DELETE) [accepted: total moved to the billing service]');
    // the accepted error is counted as accepted, not failing: the summary agrees with exit 0
    expect(text.stdout.trimEnd().split('\n').at(-1)).toBe('1 error, 1 warning, 0 info: 0 failing (--fail-on error), 1 accepted');
    expect(JSON.parse(r.stdout).summary).toEqual({ error: 1, warning: 1, info: 0, failing: 0, accepted: 1 });
  });

  it('an expired entry accepts nothing and says so with a warning at the entry', () => {
    writeFileSync(ignoreFile(), '- rule: FIELD_NO_DELETE\n  reason: temporary\n  expires: 2000-01-31\n');
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'json']);
    expect(r.code).toBe(1);
    const findings = JSON.parse(r.stdout).findings as Array<{ rule: string; level: string; accepted?: unknown; location?: unknown; message: string }>;
    expect(findings.find((f) => f.rule === 'FIELD_NO_DELETE')!.accepted).toBeUndefined();
    const expired = findings.find((f) => f.rule === 'ignore-entry-expired')!;
    expect(expired.level).toBe('warning');
    expect(expired.location).toEqual({ file: '.covenant-ignore.yaml', line: 1, column: 3 });
    expect(expired.message).toContain('expired on 2000-01-31');
  });

  it('an entry without a reason is bad input (exit 2, file:line:col)', () => {
    writeFileSync(ignoreFile(), '- rule: FIELD_NO_DELETE\n  path: orders/v1/orders.proto\n');
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1']);
    expect(r.code).toBe(2);
    expect(r.stderr).toBe('covenant: .covenant-ignore.yaml:1:3: ignore entry for FIELD_NO_DELETE has no "reason" (say why this breaking change is accepted)\n');
    const missing = covenant(repo, ['breaking', '--against', 'HEAD~1', '--ignore', 'nope.yaml']);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toBe('covenant: nope.yaml: ignore file not found (check --ignore or breaking.ignore)\n');
  });
});

describe('two folders or two files, without git', () => {
  it('pairs folders by relative path (OpenAPI files and proto modules); new and removed specs are reported', () => {
    const dir = scratch('breaking-folders');
    try {
      const base = { ...BASE_FILES, 'specs/old.openapi.yaml': 'openapi: 3.0.3\ninfo: { title: old, version: 1.0.0 }\npaths: {}\n' };
      writeTree(join(dir, 'base'), Object.fromEntries(Object.entries(base).map(([k, v]) => [k.replace(/^specs\//, ''), v])));
      writeTree(join(dir, 'revision'), {
        'users.openapi.yaml': USERS_SPEC,
        'components/user.yaml': USER_SCHEMA.replace('  nickname: { type: string }\n', ''),
        'orders/v1/orders.proto': ORDERS_PROTO.replace('  int64 total = 2;\n', ''),
        'orders/v1/items.proto': BASE_FILES['specs/orders/v1/items.proto']!,
        'new.openapi.yaml': 'openapi: 3.0.3\ninfo: { title: new, version: 1.0.0 }\npaths: {}\n',
      });
      const r = covenant(dir, ['breaking', 'base', 'revision', '--format', 'json']);
      expect(r.stderr).toBe('');
      expect(r.code).toBe(1);
      const got = (JSON.parse(r.stdout).findings as Array<{ rule: string; spec: string; location: { file: string; line?: number } }>).map((f) => `${f.spec} ${f.rule} ${f.location.file}:${f.location.line}`).sort();
      expect(got).toEqual([
        'new spec-added revision/new.openapi.yaml:1',
        'old spec-removed base/old.openapi.yaml:1',
        'orders FIELD_NO_DELETE revision/orders/v1/orders.proto:4',
        'users response-optional-property-removed base/components/user.yaml:5',
      ]);
      // two files
      const files = covenant(dir, ['breaking', 'base/users.openapi.yaml', 'revision/users.openapi.yaml', '--fail-on', 'warning']);
      expect(files.code).toBe(1);
      expect(files.stdout).toContain('base/components/user.yaml:5:3: warning');
      // a file against a folder is bad input
      expect(covenant(dir, ['breaking', 'base/users.openapi.yaml', 'revision']).code).toBe(2);
      expect(covenant(dir, ['breaking', 'base']).code).toBe(2);
    } finally {
      removeScratch(dir);
    }
  });

  it('a base that does not compile is bad input located in the base', () => {
    const dir = scratch('breaking-broken-base');
    try {
      writeTree(dir, {
        'old/shop/v1/shop.proto': 'syntax = "proto3";\npackage shop.v1;\nmessage A {\n  strin a = 1;\n}\n',
        'new/shop/v1/shop.proto': 'syntax = "proto3";\npackage shop.v1;\nmessage A {\n  string a = 1;\n}\n',
      });
      const r = covenant(dir, ['breaking', 'old', 'new']);
      expect(r.code).toBe(2);
      expect(r.stderr).toBe('covenant: old/shop/v1/shop.proto:4:3: cannot find `strin` in this scope (the base does not compile; reported by buf)\n');
    } finally {
      removeScratch(dir);
    }
  });
});

describe('--list-rules and --pacts', () => {
  it('--list-rules prints every OpenAPI rule from the rule table and points to buf for proto', () => {
    const r = covenant(repo, ['breaking', '--list-rules']);
    expect(r.code).toBe(0);
    const lines = r.stdout.split('\n');
    for (const rule of OPENAPI_RULES) expect(lines.some((l) => l.startsWith(`${rule.id} `) && l.includes(rule.description))).toBe(true);
    expect(r.stdout).toContain('buf config ls-breaking-rules');
  });

  it('--pacts names the consumers whose interactions touch a finding', () => {
    const pacts = join(repo, 'pacts');
    mkdirSync(pacts, { recursive: true });
    const pact = (consumer: string, body: object) =>
      JSON.stringify({
        consumer: { name: consumer },
        provider: { name: 'users' },
        interactions: [{ description: 'get a user', request: { method: 'GET', path: '/users/1' }, response: { status: 200, headers: { 'Content-Type': 'application/json' }, body } }],
        metadata: { pactSpecification: { version: '2.0.0' } },
      });
    writeFileSync(join(pacts, 'mobile-users.json'), pact('mobile', { id: '1', nickname: 'bo' }));
    writeFileSync(join(pacts, 'web-users.json'), pact('web', { id: '1' }));
    try {
      const r = covenant(repo, ['breaking', 'specs/users.openapi.yaml', '--against', 'HEAD~1', '--pacts', 'pacts', '--format', 'json']);
      expect(r.stderr).toBe('');
      const finding = (JSON.parse(r.stdout).findings as Array<{ rule: string; consumers?: string[] }>)[0]!;
      expect(finding.rule).toBe('response-optional-property-removed');
      expect(finding.consumers).toEqual(['mobile']);
    } finally {
      rmSync(pacts, { recursive: true, force: true });
      expect(existsSync(pacts)).toBe(false);
    }
  });
});
