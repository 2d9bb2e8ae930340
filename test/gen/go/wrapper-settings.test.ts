/**
 * Which OpenAPI Generator version and jar folder the wrapper is told to use: the `version` option,
 * then the project's openapitools.json (storageDir relative to that file), then the wrapper's default.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { resolveWrapperSettings, shellQuote, wrapperDefaultVersion, wrapperMain } from '../../../src/gen/openapi-generator/cli.js';
import { UserError } from '../../../src/errors.js';
import { REPO } from '../../interop/support.js';

const main = wrapperMain(REPO);
let dir: string;
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'covenant-wrapper-'));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('resolveWrapperSettings', () => {
  it('without openapitools.json: the wrapper’s own default version (its built-in `latest`) in its own storage', () => {
    const settings = resolveWrapperSettings({}, dir, main);
    expect(settings.version).toBe(wrapperDefaultVersion(main));
    expect(settings.version).toMatch(/^\d+\.\d+\.\d+$/);
    expect(settings.storageDir).toBe(join(dirname(main), 'versions'));
    expect(settings.source).toBe('the default of @openapitools/openapi-generator-cli');
  });

  it('openapitools.json in the working folder names version and storageDir (relative to the file)', () => {
    const project = join(dir, 'project');
    mkdirSync(project);
    writeFileSync(join(project, 'openapitools.json'), JSON.stringify({ 'generator-cli': { version: '4.3.1', storageDir: './jars' } }));
    expect(resolveWrapperSettings({}, project, main)).toMatchObject({ version: '4.3.1', storageDir: join(project, 'jars'), source: 'openapitools.json' });
    // the option wins over the file; the file's storage stays
    expect(resolveWrapperSettings({ version: '7.10.0' }, project, main)).toMatchObject({ version: '7.10.0', storageDir: join(project, 'jars'), source: 'the `version` option' });
  });

  it('the openapitools option points at another file; a missing or broken file is a UserError', () => {
    const other = join(dir, 'conf');
    mkdirSync(other);
    writeFileSync(join(other, 'tools.json'), JSON.stringify({ 'generator-cli': { version: '5.4.0' } }));
    expect(resolveWrapperSettings({ openapitools: 'conf/tools.json' }, dir, main)).toMatchObject({ version: '5.4.0', storageDir: join(dirname(main), 'versions') });
    expect(() => resolveWrapperSettings({ openapitools: 'conf/nope.json' }, dir, main)).toThrow(UserError);
    writeFileSync(join(other, 'broken.json'), '{');
    expect(() => resolveWrapperSettings({ openapitools: 'conf/broken.json' }, dir, main)).toThrow(/openapitools\.json is not valid JSON/);
  });
});

describe('shellQuote', () => {
  it.each([
    ['/tmp/a/spec.json', '/tmp/a/spec.json'],
    ['/tmp/with space/x', "'/tmp/with space/x'"],
    ["it's; rm -rf /", "'it'\\''s; rm -rf /'"],
    ['$(whoami)', "'$(whoami)'"],
  ])('%s → %s', (input, expected) => {
    expect(shellQuote(input)).toBe(expected);
  });
});
