/**
 * Proto lint: buf lint on a module, findings in the shared model (rule = buf's id, file:line:col
 * relative to cwd), STANDARD without a buf.yaml, the module's own buf.yaml otherwise; and through
 * the built CLI (`covenant lint`, text and json, exit codes).
 */
import { afterAll, describe, expect, it } from 'vitest';

import { lintProto } from '../../src/lint/proto.js';
import { loadProtoModule } from '../../src/spec/proto/load.js';
import { copyOrdersSpec, covenant, REPO, removeScratch, scratch, writeTree } from '../gen/proto/support.js';

const SHOP = `syntax = "proto3";

package shop.v1;

enum Color {
  RED = 0;
  BLUE = 1;
}

message cart {
  string ItemName = 1;
  Color color = 2;
}

service Shop {
  rpc Buy(cart) returns (cart);
}
`;

const SHOP_FINDINGS = [
  { rule: 'ENUM_VALUE_PREFIX', line: 6, column: 3 },
  { rule: 'ENUM_ZERO_VALUE_SUFFIX', line: 6, column: 3 },
  { rule: 'ENUM_VALUE_PREFIX', line: 7, column: 3 },
  { rule: 'MESSAGE_PASCAL_CASE', line: 10, column: 9 },
  { rule: 'FIELD_LOWER_SNAKE_CASE', line: 11, column: 10 },
  { rule: 'SERVICE_SUFFIX', line: 15, column: 9 },
  { rule: 'RPC_REQUEST_RESPONSE_UNIQUE', line: 16, column: 3 },
  { rule: 'RPC_REQUEST_STANDARD_NAME', line: 16, column: 11 },
  { rule: 'RPC_RESPONSE_STANDARD_NAME', line: 16, column: 26 },
];

const dirs: string[] = [];
function project(files: Record<string, string>): string {
  const dir = scratch('proto-lint');
  dirs.push(dir);
  writeTree(dir, files);
  return dir;
}
afterAll(() => dirs.forEach(removeScratch));

async function lint(dir: string, root = 'specs') {
  const module = await loadProtoModule(root, { cwd: dir, name: 'shop' });
  return lintProto(module, { cwd: dir });
}

describe('lintProto', () => {
  it('the orders demo passes buf STANDARD', async () => {
    expect(await lintProto(await loadProtoModule('specs', { cwd: REPO, name: 'orders' }), { cwd: REPO })).toEqual([]);
  });

  it('without a buf.yaml: STANDARD, each finding with buf\'s rule id at file:line:col relative to cwd', async () => {
    const dir = project({ 'specs/shop/v1/shop.proto': SHOP });
    const findings = await lint(dir);
    expect(findings.map((f) => ({ rule: f.rule, line: f.location?.line, column: f.location?.column }))).toEqual(SHOP_FINDINGS);
    for (const f of findings) {
      expect(f.location?.file).toBe('specs/shop/v1/shop.proto');
      expect(f.level).toBe('error');
      expect(f.spec).toBe('shop');
    }
    expect(findings[3]!.message).toBe('Message name "cart" should be PascalCase, such as "Cart".');
  });

  it('paths stay relative to cwd when the module root is deeper', async () => {
    const dir = project({ 'api/protos/shop/v1/shop.proto': SHOP });
    const findings = await lint(dir, 'api/protos');
    expect(new Set(findings.map((f) => f.location?.file))).toEqual(new Set(['api/protos/shop/v1/shop.proto']));
    expect(findings).toHaveLength(SHOP_FINDINGS.length);
  });

  it('the module\'s own buf.yaml decides the rules (v2 except, and v1 MINIMAL)', async () => {
    const v2 = project({
      'specs/shop/v1/shop.proto': SHOP,
      'specs/buf.yaml': 'version: v2\nlint:\n  use: [STANDARD]\n  except: [ENUM_VALUE_PREFIX, SERVICE_SUFFIX]\n',
    });
    expect((await lint(v2)).map((f) => f.rule)).toEqual(
      SHOP_FINDINGS.map((f) => f.rule).filter((r) => r !== 'ENUM_VALUE_PREFIX' && r !== 'SERVICE_SUFFIX'),
    );
    const v1 = project({ 'specs/shop/v1/shop.proto': SHOP, 'specs/buf.yaml': 'version: v1\nlint:\n  use: [MINIMAL]\n' });
    expect(await lint(v1)).toEqual([]);
  });

  it('ignore_only in buf.yaml and `buf:lint:ignore` comments are honoured', async () => {
    const dir = project({
      'specs/shop/v1/shop.proto': SHOP.replace('service Shop {', '// buf:lint:ignore SERVICE_SUFFIX\nservice Shop {'),
      'specs/buf.yaml': 'version: v2\nlint:\n  use: [STANDARD]\n  ignore_only:\n    FIELD_LOWER_SNAKE_CASE: [shop/v1/shop.proto]\n',
    });
    expect((await lint(dir)).map((f) => f.rule)).toEqual(
      SHOP_FINDINGS.map((f) => f.rule).filter((r) => r !== 'FIELD_LOWER_SNAKE_CASE' && r !== 'SERVICE_SUFFIX'),
    );
  });

  it('a v2 workspace buf.yaml (modules:) is linted on its folder, paths still relative to cwd', async () => {
    const dir = project({
      'specs/proto/shop/v1/shop.proto': SHOP,
      'specs/buf.yaml': 'version: v2\nmodules:\n  - path: proto\nlint:\n  use: [STANDARD]\n  except: [SERVICE_SUFFIX]\n',
    });
    const findings = await lint(dir);
    expect(findings.map((f) => f.rule)).toEqual(SHOP_FINDINGS.map((f) => f.rule).filter((r) => r !== 'SERVICE_SUFFIX'));
    expect(new Set(findings.map((f) => f.location?.file))).toEqual(new Set(['specs/proto/shop/v1/shop.proto']));
  });

  it('a buf.yaml further up the tree does not replace STANDARD for a module without one', async () => {
    const dir = project({ 'specs/shop/v1/shop.proto': SHOP, 'buf.yaml': 'version: v2\nlint:\n  use: [MINIMAL]\n' });
    expect(await lint(dir)).toHaveLength(SHOP_FINDINGS.length);
  });
});

describe('covenant lint on proto modules (built CLI)', { timeout: 180_000 }, () => {
  it('clean demo: exit 0', () => {
    const dir = scratch('proto-lint-cli');
    dirs.push(dir);
    copyOrdersSpec(dir);
    const result = covenant(dir, ['lint']);
    expect(result.stderr).toBe('');
    expect(result.code).toBe(0);
    expect(result.stdout).toBe('no findings (lint)\n');
  });

  it('findings: exit 1, text lines name file:line:col and the rule, json carries the same', () => {
    const dir = project({ 'specs/shop/v1/shop.proto': SHOP });
    const text = covenant(dir, ['lint']);
    expect(text.code).toBe(1);
    expect(text.stdout).toContain('specs/shop/v1/shop.proto:10:9: error Message name "cart" should be PascalCase, such as "Cart". (MESSAGE_PASCAL_CASE)');
    const json = covenant(dir, ['lint', '--format', 'json']);
    expect(json.code).toBe(1);
    const report = JSON.parse(json.stdout) as { findings: Array<{ rule: string; location: { file: string; line: number; column: number } }> };
    expect(report.findings.map((f) => ({ rule: f.rule, line: f.location.line, column: f.location.column }))).toEqual(SHOP_FINDINGS);
  });

  it('a compile error is bad input: one file:line:col line, exit 2', () => {
    const dir = project({ 'specs/shop/v1/shop.proto': SHOP.replace('Color color = 2;', 'Colour color = 2;') });
    const result = covenant(dir, ['lint']);
    expect(result.code).toBe(2);
    expect(result.stderr).toBe('covenant: specs/shop/v1/shop.proto:12:3: cannot find `Colour` in this scope (reported by buf)\n');
  });

  it('a broken buf.yaml is bad input, exit 2', () => {
    const dir = project({ 'specs/shop/v1/shop.proto': SHOP, 'specs/buf.yaml': 'version: v2\nlint:\n  use: [NOT_A_RULE]\n' });
    const result = covenant(dir, ['lint']);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/^covenant: .*NOT_A_RULE.*\n$/);
  });
});

