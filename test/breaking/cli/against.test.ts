/**
 * `covenant breaking --against <ref>` through the built binary in a real git repository: base
 * specs committed, then changed and committed again, compared with HEAD~1 (real buf runs).
 */
import { readFileSync, rmSync, writeFileSync, unlinkSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Ajv } from 'ajv';
import { BASE_FILES, ITEMS_PROTO, ORDERS_PROTO, USER_SCHEMA, commitAll, covenant, git, loggingBuf, removeScratch, repoWith, writeTree, REPO } from './support.js';

interface JsonReport {
  summary: Record<string, number>;
  findings: Array<{ rule: string; level: string; message: string; spec?: string; operation?: string; location?: { file: string; line?: number; column?: number }; accepted?: { reason: string; expires?: string } }>;
}

const ORDERS_WITHOUT_TOTAL = ORDERS_PROTO.replace('  int64 total = 2;\n', '');

let repo: string;

beforeAll(() => {
  repo = repoWith('breaking-against', BASE_FILES);
  // the change under review: an optional response property and a proto field removed
  writeTree(repo, {
    'specs/components/user.yaml': USER_SCHEMA.replace('  nickname: { type: string }\n', ''),
    'specs/orders/v1/orders.proto': ORDERS_WITHOUT_TOTAL,
  });
  commitAll(repo, 'change');
});

afterAll(() => removeScratch(repo));

function json(args: string[], cwd = repo): { code: number | null; report: JsonReport; stderr: string } {
  const r = covenant(cwd, ['breaking', ...args, '--format', 'json']);
  return { code: r.code, report: r.stdout ? (JSON.parse(r.stdout) as JsonReport) : { summary: {}, findings: [] }, stderr: r.stderr };
}

describe('covenant breaking --against', () => {
  it('reports the proto field deletion at its line (buf) and the removed property in the base file as <ref>:<path>', () => {
    const { code, report } = json(['--against', 'HEAD~1']);
    expect(code).toBe(1);
    const summary = report.findings.map((f) => `${f.spec} ${f.rule} ${f.level} ${f.location?.file}:${f.location?.line}`).sort();
    expect(summary).toEqual([
      // buf puts FIELD_NO_DELETE on the message that lost the field (line 4 of the revision)
      'orders FIELD_NO_DELETE error specs/orders/v1/orders.proto:4',
      // a removal is located in the base: the $ref'd file, read from the ref
      'users response-optional-property-removed warning HEAD~1:specs/components/user.yaml:5',
    ]);
    const proto = report.findings.find((f) => f.rule === 'FIELD_NO_DELETE')!;
    expect(proto.message).toContain('"total"');
    expect(proto.location).toEqual({ file: 'specs/orders/v1/orders.proto', line: 4, column: 1 });
    expect(report.findings.find((f) => f.spec === 'users')!.operation).toBe('GET /users/{id}');
  });

  it('writes a JSON report that validates against schemas/findings.schema.json', () => {
    const { report } = json(['--against', 'HEAD~1']);
    const schema = JSON.parse(readFileSync(join(REPO, 'schemas', 'findings.schema.json'), 'utf8'));
    const validate = new Ajv({ allErrors: true, strict: true }).compile(schema);
    expect(validate(report), JSON.stringify(validate.errors)).toBe(true);
    expect(report.summary).toEqual({ error: 1, warning: 1, info: 0, failing: 1, accepted: 0 });
  });

  it('exits 0 below --fail-on and 1 at or above it', () => {
    // users alone has one warning
    expect(covenant(repo, ['breaking', 'specs/users.openapi.yaml', '--against', 'HEAD~1']).code).toBe(0);
    expect(covenant(repo, ['breaking', 'specs/users.openapi.yaml', '--against', 'HEAD~1', '--fail-on', 'warning']).code).toBe(1);
    expect(covenant(repo, ['breaking', 'specs/users.openapi.yaml', '--against', 'HEAD~1', '--fail-on', 'info']).code).toBe(1);
    // nothing changed between HEAD and the working tree
    const clean = covenant(repo, ['breaking', '--against', 'HEAD']);
    expect(clean.code).toBe(0);
    expect(clean.stdout).toBe('no findings (breaking)\n');
  });

  it('prints text grouped by spec then operation, without colour when not on a TTY', () => {
    const r = covenant(repo, ['breaking', '--against', 'HEAD~1']);
    expect(r.stdout).not.toContain('\x1b[');
    expect(r.stdout.split('\n')).toEqual([
      'orders',
      '    specs/orders/v1/orders.proto:4:1: error Previously present field "2" with name "total" on message "Order" was deleted. (FIELD_NO_DELETE)',
      '',
      'users',
      '  GET /users/{id}',
      '    HEAD~1:specs/components/user.yaml:5:3: warning Response property `nickname` (200 application/json) was removed (response-optional-property-removed)',
      '',
      '1 error, 1 warning, 0 info: 1 failing (--fail-on error), 0 accepted',
      '',
    ]);
  });

  it('a missing ref is bad input: exit 2 and one line', () => {
    const r = covenant(repo, ['breaking', '--against', 'no-such-branch']);
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toMatch(/^covenant: git ref no-such-branch not found/);
  });

  it('outside a git repository --against is bad input (exit 2)', () => {
    const r = covenant('/', ['breaking', '--against', 'HEAD']);
    expect(r.code).toBe(2);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
  });

  it('a new spec is info ("nothing to compare"); a removed spec is an error at <ref>:<path>', () => {
    writeTree(repo, { 'specs/billing.openapi.yaml': 'openapi: 3.0.3\ninfo: { title: billing, version: 1.0.0 }\npaths: {}\n' });
    try {
      const added = json(['--against', 'HEAD']);
      expect(added.code).toBe(0);
      expect(added.report.findings).toEqual([
        { rule: 'spec-added', level: 'info', message: 'new spec, nothing to compare', spec: 'billing', location: { file: 'specs/billing.openapi.yaml', line: 1, column: 1 } },
      ]);
    } finally {
      unlinkSync(join(repo, 'specs/billing.openapi.yaml'));
    }
    const usersText = readFileSync(join(repo, 'specs/users.openapi.yaml'), 'utf8');
    unlinkSync(join(repo, 'specs/users.openapi.yaml'));
    try {
      const removed = json(['--against', 'HEAD']);
      expect(removed.code).toBe(1);
      expect(removed.report.findings.map((f) => [f.rule, f.level, f.spec, f.location?.file])).toEqual([['spec-removed', 'error', 'users', 'HEAD:specs/users.openapi.yaml']]);
    } finally {
      writeFileSync(join(repo, 'specs/users.openapi.yaml'), usersText);
    }
  });

  it('a renamed spec is compared with its old path through breaking.pairs', () => {
    git(repo, 'mv', 'specs/users.openapi.yaml', 'specs/people.openapi.yaml');
    writeFileSync(join(repo, 'covenant.yaml'), 'breaking:\n  pairs:\n    - { base: specs/users.openapi.yaml, revision: specs/people.openapi.yaml }\n');
    try {
      const { report } = json(['--against', 'HEAD~1']);
      const people = report.findings.filter((f) => f.spec === 'people').map((f) => f.rule);
      expect(people).toEqual(['response-optional-property-removed']);
      expect(report.findings.some((f) => f.rule === 'spec-removed' || f.rule === 'spec-added')).toBe(false);
    } finally {
      unlinkSync(join(repo, 'covenant.yaml'));
      git(repo, 'mv', 'specs/people.openapi.yaml', 'specs/users.openapi.yaml');
    }
  });

  it('a .proto syntax error is bad input at file:line:col (exit 2, one line)', () => {
    writeFileSync(join(repo, 'specs/orders/v1/orders.proto'), ORDERS_WITHOUT_TOTAL + '\nmessage Broken {\n  string name = 1\n}\n');
    try {
      const r = covenant(repo, ['breaking', '--against', 'HEAD~1']);
      expect(r.code).toBe(2);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
      expect(r.stderr).toMatch(/^covenant: specs\/orders\/v1\/orders\.proto:18:1: unexpected `}`/);
    } finally {
      writeFileSync(join(repo, 'specs/orders/v1/orders.proto'), ORDERS_WITHOUT_TOTAL);
    }
  });

  it('a deleted .proto file is FILE_NO_DELETE, located in the base', () => {
    unlinkSync(join(repo, 'specs/orders/v1/items.proto'));
    try {
      const { report } = json(['specs', '--against', 'HEAD~1']);
      const deleted = report.findings.find((f) => f.rule === 'FILE_NO_DELETE');
      expect(deleted?.location).toEqual({ file: 'HEAD~1:specs/orders/v1/items.proto', line: 1, column: 1 });
    } finally {
      writeFileSync(join(repo, 'specs/orders/v1/items.proto'), ITEMS_PROTO);
    }
  });
});

describe('proto narrowing to the files changed since the ref', () => {
  it('passes buf --path for each changed .proto file only, and all files with --no-narrow, with the same findings', () => {
    const { bin, log } = loggingBuf(repo);
    try {
      const narrowed = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'json'], { COVENANT_BUF: bin });
      const calls = readFileSync(log, 'utf8').trim().split('\n');
      const breakingCall = calls.find((c) => c.startsWith('breaking '))!;
      expect(breakingCall).toContain('--path orders/v1/orders.proto');
      expect(breakingCall).not.toContain('items.proto');
      expect(calls.find((c) => c.startsWith('build '))).toContain('--path orders/v1/orders.proto');

      rmSync(log);
      const full = covenant(repo, ['breaking', '--against', 'HEAD~1', '--format', 'json', '--no-narrow'], { COVENANT_BUF: bin });
      const fullCalls = readFileSync(log, 'utf8').trim().split('\n');
      expect(fullCalls.some((c) => c.includes('--path'))).toBe(false);
      expect(JSON.parse(full.stdout).findings).toEqual(JSON.parse(narrowed.stdout).findings);

      // nothing changed since HEAD: buf is not run at all
      rmSync(log);
      expect(covenant(repo, ['breaking', '--against', 'HEAD'], { COVENANT_BUF: bin }).code).toBe(0);
      expect(() => readFileSync(log, 'utf8')).toThrow();
    } finally {
      rmSync(bin, { force: true });
      rmSync(log, { force: true });
    }
  });
});
