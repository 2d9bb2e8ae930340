/**
 * One-off generation, as with openapi-typescript (`schema.yaml -o out`) or openapi-generator
 * (`-i spec -g name -o dir`): `covenant gen <spec> -o <dir> [--target name ...] [--option key=value ...]`
 * builds the run in memory, without reading covenant.yaml.
 */
import { existsSync, statSync } from 'node:fs';
import { basename, resolve } from 'node:path';
import { UserError } from '../errors.js';
import type { LoadedConfig, TargetConfig } from '../config/load.js';
import { DEFAULT_TARGETS } from '../spec/discover.js';
import { specNameFromFile } from '../spec/openapi/load.js';
import './all-targets.js';
import { findTarget } from './registry.js';

export interface OneOffRequest {
  cwd: string;
  specs: string[];
  output: string;
  targets?: string[];
  /** `key=value` (JSON values are parsed: true, 3, ["a"]), or `key` alone for true. */
  options?: string[];
}

export function oneOffConfig(request: OneOffRequest): LoadedConfig {
  if (request.specs.length !== 1) {
    throw new UserError(request.specs.length === 0 ? '-o needs a spec: covenant gen <spec> -o <dir>' : `-o takes one spec, got ${request.specs.length}`, {
      hint: 'run covenant gen once per spec, or list the specs in covenant.yaml',
    });
  }
  const path = request.specs[0]!;
  const abs = resolve(request.cwd, path);
  if (!existsSync(abs)) throw new UserError('file not found', { position: { file: path }, hint: 'name an OpenAPI file or a folder of .proto files' });
  const kind = statSync(abs).isDirectory() || abs.endsWith('.proto') ? 'proto' : 'openapi';
  const names = request.targets && request.targets.length > 0 ? [...new Set(request.targets)] : DEFAULT_TARGETS[kind];
  const targets: TargetConfig[] = names.map((name) => {
    const target = findTarget(name);
    if (target.kind !== kind) {
      throw new UserError(`target "${name}" takes ${target.kind} specs, but ${path} is ${kind === 'proto' ? 'a proto module' : 'an OpenAPI file'}`, {
        hint: `targets for ${kind}: ${DEFAULT_TARGETS[kind].join(', ')}; see covenant gen --list-targets`,
      });
    }
    return { name, options: {} };
  });
  for (const raw of request.options ?? []) {
    const eq = raw.indexOf('=');
    const keyPath = (eq < 0 ? raw : raw.slice(0, eq)).split('.');
    const key = keyPath[0]!;
    if (!key) throw new UserError(`--option "${raw}" has no key`, { hint: 'write --option key=value' });
    const takers = targets.filter((t) => Boolean((findTarget(t.name).optionsSchema as { properties?: Record<string, unknown> }).properties?.[key]));
    if (takers.length === 0) {
      const known = targets.map((t) => `${t.name}: ${Object.keys((findTarget(t.name).optionsSchema as { properties?: object }).properties ?? {}).join(', ') || '(none)'}`);
      throw new UserError(`unknown option "${key}" for ${targets.map((t) => t.name).join(', ')}`, { hint: `options: ${known.join('; ')}` });
    }
    for (const t of takers) {
      // `a.b=c` sets a nested option (e.g. openapi-generator's additionalProperties.packageName)
      let schema = (findTarget(t.name).optionsSchema as { properties: Record<string, any> }).properties[key];
      let holder = t.options as Record<string, any>;
      for (const segment of keyPath.slice(0, -1)) {
        holder = holder[segment] ??= {};
        schema = schema?.properties?.[keyPath[keyPath.indexOf(segment) + 1]!];
      }
      holder[keyPath[keyPath.length - 1]!] = eq < 0 ? true : optionValue(raw.slice(eq + 1), schema?.type);
    }
  }
  const name = kind === 'proto' ? basename(abs) : specNameFromFile(abs);
  return { config: { specs: [{ path: abs, name, kind, output: resolve(request.cwd, request.output), targets }] }, root: request.cwd };
}

/** A string option stays a string; anything else is read as JSON when it parses (`true`, `3`, `["a"]`). */
function optionValue(text: string, type: unknown): unknown {
  if (type === 'string') return text;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
