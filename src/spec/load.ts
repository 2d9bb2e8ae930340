/** Load the spec behind a discovered entry: an OpenAPI document or a proto module. */
import type { SpecEntry } from './discover.js';
import { loadOpenApi, type OpenApiSpec } from './openapi/load.js';
import { loadProtoModule } from './proto/load.js';
import type { ProtoModule } from './proto/module.js';

export type Spec = OpenApiSpec | ProtoModule;

export async function loadSpec(entry: SpecEntry, options: { cwd?: string } = {}): Promise<Spec> {
  if (entry.kind === 'proto') return loadProtoModule(entry.path, { name: entry.name, cwd: options.cwd });
  return loadOpenApi(entry.path, { name: entry.name, cwd: options.cwd });
}
