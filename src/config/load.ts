/** Find, parse and validate covenant.yaml / covenant.json (ajv against the shipped schema). */
import { existsSync, readFileSync } from 'node:fs';
import { resolve, relative, isAbsolute } from 'node:path';
import { Ajv, type ErrorObject } from 'ajv';
import { UserError } from '../errors.js';
import { parseSource, pointerToSegments } from '../spec/source.js';
import { configSchema } from './schema.js';

export interface TargetConfig {
  name: string;
  options?: Record<string, unknown>;
  output?: string;
}

export interface SpecConfig {
  path: string;
  name?: string;
  kind?: 'openapi' | 'proto';
  output?: string;
  targets?: Array<string | TargetConfig>;
  provider?: string;
}

export interface CovenantConfig {
  output?: string;
  specs?: SpecConfig[];
  breaking?: Record<string, any>;
  contracts?: Record<string, any>;
}

export interface LoadedConfig {
  config: CovenantConfig;
  /** The file read, or undefined for the embedded default. */
  file?: string;
  /** Folder the config's relative paths are resolved against. */
  root: string;
  /** Where a node of the config file was written (for errors about a value that passed the schema). */
  locate?(segments: readonly (string | number)[]): { file: string; line: number; column: number };
}

export const CONFIG_FILES = ['covenant.yaml', 'covenant.yml', 'covenant.json'];

let validator: ReturnType<Ajv['compile']> | undefined;

export function loadConfig(options: { cwd?: string; file?: string } = {}): LoadedConfig {
  const cwd = options.cwd ?? process.cwd();
  let abs: string | undefined;
  if (options.file) {
    abs = resolve(cwd, options.file);
    if (!existsSync(abs)) throw new UserError('config file not found', { position: { file: options.file }, hint: 'check --config' });
  } else {
    abs = CONFIG_FILES.map((f) => resolve(cwd, f)).find((f) => existsSync(f));
  }
  if (!abs) return { config: {}, root: cwd };
  const rel = relative(cwd, abs);
  const display = rel && !rel.startsWith('..') && !isAbsolute(rel) ? rel : abs;
  const source = parseSource(display, readFileSync(abs, 'utf8'));
  const value = source.value ?? {};
  validator ??= new Ajv({ allErrors: true, strict: false }).compile(configSchema);
  if (!validator(value)) {
    const error = pickError(validator.errors ?? []);
    const segments = pointerToSegments(error.instancePath);
    let message: string;
    if (error.keyword === 'additionalProperties') {
      const key = String((error.params as { additionalProperty: string }).additionalProperty);
      segments.push(key);
      const allowed = allowedKeys(error.schemaPath);
      message = `unknown key "${key}"${error.instancePath ? ` in ${error.instancePath.slice(1).replace(/\//g, '.')}` : ''}`;
      const at = source.locate(segments);
      throw new UserError(message, { position: { file: display, ...at }, hint: allowed ? `allowed keys: ${allowed.join(', ')}` : 'remove it' });
    }
    message = `${error.instancePath ? error.instancePath.slice(1).replace(/\//g, '.') : 'config'} ${error.message ?? 'is invalid'}`;
    if (error.keyword === 'enum') message += `: ${(error.params as { allowedValues: unknown[] }).allowedValues.map(String).join(', ')}`;
    throw new UserError(message, { position: { file: display, ...source.locate(segments) }, hint: 'see schemas/covenant.schema.json' });
  }
  return { config: value as CovenantConfig, file: display, root: resolve(abs, '..'), locate: (segments) => ({ file: display, ...source.locate(segments) }) };
}

/** The most specific error: unknown keys first, then the deepest path. */
function pickError(errors: ErrorObject[]): ErrorObject {
  const unknown = errors.find((e) => e.keyword === 'additionalProperties');
  if (unknown) return unknown;
  return [...errors].filter((e) => e.keyword !== 'oneOf').sort((a, b) => b.instancePath.length - a.instancePath.length)[0] ?? errors[0]!;
}

function allowedKeys(schemaPath: string): string[] | undefined {
  const segments = pointerToSegments(schemaPath.replace(/\/additionalProperties$/, ''));
  let node: any = configSchema;
  for (const s of segments) node = node?.[s];
  return node?.properties ? Object.keys(node.properties) : undefined;
}
