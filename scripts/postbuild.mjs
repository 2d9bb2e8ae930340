// Writes the JSON Schemas that ship with the package (editors read them; tests validate against them).
import { mkdirSync, writeFileSync, chmodSync } from 'node:fs';

const { configSchema } = await import('../dist/src/config/schema.js');
mkdirSync(new URL('../schemas/', import.meta.url), { recursive: true });
writeFileSync(new URL('../schemas/covenant.schema.json', import.meta.url), JSON.stringify(configSchema, null, 2) + '\n');
chmodSync(new URL('../dist/cli/covenant.js', import.meta.url), 0o755);
