/**
 * Merge keys through the built CLI: `covenant gen` on a 3.0 spec and on a Swagger 2.0 spec whose
 * responses come from `<<: *common` generates the merged responses (none named "<<").
 */
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { covenant, removeScratch, scratch, writeTree } from './support.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach(removeScratch));

const common = `x-common: &common
  '401': { description: unauthorized }
  '500': { description: boom }
`;

function generatedText(dir: string): string {
  return readdirSync(dir, { recursive: true, withFileTypes: true })
    .filter((f) => f.isFile() && f.name.endsWith('.ts'))
    .map((f) => readFileSync(join(f.parentPath, f.name), 'utf8'))
    .join('\n');
}

describe('covenant gen: merge keys', () => {
  for (const [label, head, extra] of [
    ['3.0', 'openapi: 3.0.3', ''],
    ['2.0', "swagger: '2.0'", '      produces: [application/json]\n'],
  ] as const) {
    it(`${label}: the client and server carry the merged responses`, () => {
      const cwd = scratch(`gen-merge-${label}`);
      dirs.push(cwd);
      writeTree(cwd, {
        'specs/items.yaml': `${head}
info: { title: Items, version: '1' }
${common}paths:
  /items:
    get:
      operationId: listItems
${extra}      responses:
        '200': { description: ok }
        <<: *common
`,
      });
      const result = covenant(cwd, ['gen']);
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
      const text = generatedText(join(cwd, 'generated', 'items'));
      expect(text).not.toContain('<<');
      expect(text).toMatch(/["']?500["']?\s*:/);
      expect(text).toMatch(/["']?401["']?\s*:/);
    });
  }
});
