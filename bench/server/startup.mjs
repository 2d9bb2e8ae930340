// Startup cost of the server's validators for the demo users spec: compiling them with ajv when the
// server is created (what covenant does) against loading ajv "standalone" code generated ahead of time
// for the same schemas. Per request both run the same generated validation code, so only startup
// differs. Each figure is the median of 5 fresh node processes.
//
//   npx tsc -p . && node bench/server/startup.mjs
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const REPO = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');
const dist = (path) => pathToFileURL(join(REPO, 'dist', 'src', path)).href;

const { loadOpenApi } = await import(dist('spec/openapi/load.js'));
const { listOperations } = await import(dist('spec/openapi/operations.js'));
const { buildDefinition } = await import(dist('gen/typescript/server/definition.js'));
const { prepareSchema, DENY_KEYWORD, FILE_KEYWORD, mapSchema } = await import(dist('runtime/server/schema.js'));
const { Ajv2020 } = await import('ajv/dist/2020.js');
const { default: addFormats } = await import('ajv-formats');
const { default: standaloneCode } = await import('ajv/dist/standalone/index.js');

const spec = await loadOpenApi('specs/users.openapi.yaml', { cwd: REPO });
const definition = buildDefinition(spec, listOperations(spec));
mkdirSync(join(REPO, 'test', '.tmp'), { recursive: true });
const dir = mkdtempSync(join(REPO, 'test', '.tmp', 'bench-startup-'));
writeFileSync(join(dir, 'definition.json'), JSON.stringify(definition));

// the request-side validators createServer compiles (parameters, JSON and form bodies), as standalone code
const refs = Object.keys(definition.schemas).sort();
const ajv = new Ajv2020({ strict: false, allErrors: true, discriminator: true, logger: false, code: { source: true }, coerceTypes: 'array', useDefaults: true });
addFormats(ajv);
const plain = (schema) => mapSchema(schema, (s) => (s[DENY_KEYWORD] ? { not: {} } : s[FILE_KEYWORD] ? {} : s));
const prepare = (schema) =>
  plain(prepareSchema(schema, { version: definition.openapi, direction: 'request', files: true, refId: (r) => `https://covenant.invalid/schemas/${refs.indexOf(r)}`, resolve: (r) => definition.schemas[r] }));
refs.forEach((ref, i) => ajv.addSchema(prepare(definition.schemas[ref]), `https://covenant.invalid/schemas/${i}`));
const exports = {};
for (const op of definition.operations) {
  if (op.parameters) {
    const groups = {};
    for (const p of op.parameters) {
      const key = { path: 'path', query: 'query', header: 'headers', cookie: 'cookies' }[p.in];
      const g = (groups[key] ??= { type: 'object', properties: {}, required: [] });
      g.properties[p.name] = p.schema ?? {};
      if (p.required) g.required.push(p.name);
    }
    exports[`${op.id}Params`] = prepare({ type: 'object', properties: groups });
  }
  for (const [type, media] of Object.entries(op.requestBody?.content ?? {})) {
    if (media.schema) exports[`${op.id}Body${Object.keys(exports).length}`] = prepare(media.schema);
  }
}
for (const [name, schema] of Object.entries(exports)) ajv.addSchema(schema, `https://covenant.invalid/v/${name}`);
const code = standaloneCode(ajv, Object.fromEntries(Object.keys(exports).map((name) => [name, `https://covenant.invalid/v/${name}`])));
writeFileSync(join(dir, 'validators.cjs'), code);

const runtimeProbe = `
const { createServer } = await import('covenant/runtime');
const { readFileSync } = await import('node:fs');
const definition = JSON.parse(readFileSync(${JSON.stringify(join(dir, 'definition.json'))}, 'utf8'));
const handlers = Object.fromEntries(definition.operations.map((o) => [o.id, () => ({ status: 200 })]));
const t = performance.now();
createServer(definition, handlers, { authenticate: () => true });
console.log(performance.now() - t);`;
const standaloneProbe = `
const t = performance.now();
await import(${JSON.stringify(pathToFileURL(join(dir, 'validators.cjs')).href)});
console.log(performance.now() - t);`;
writeFileSync(join(dir, 'runtime-probe.mjs'), runtimeProbe);
writeFileSync(join(dir, 'standalone-probe.mjs'), standaloneProbe);
const median = (file) => {
  const runs = Array.from({ length: 5 }, () => Number(execFileSync(process.execPath, [join(dir, file)], { cwd: REPO, encoding: 'utf8' }).trim()));
  return runs.sort((a, b) => a - b)[2];
};
const compiled = median('runtime-probe.mjs');
const standalone = median('standalone-probe.mjs');
console.log(`users spec: ${definition.operations.length} operations, ${refs.length} schemas`);
console.log(`  createServer (compile all validators with ajv at startup): ${compiled.toFixed(1)} ms`);
console.log(`  import ajv standalone code of the request validators:       ${standalone.toFixed(1)} ms (${(code.length / 1024).toFixed(0)} KiB of generated code)`);
