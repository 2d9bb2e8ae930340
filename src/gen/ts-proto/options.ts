/**
 * Options of the `ts-proto` target: covenant's defaults for ts-proto, a few named choices, and
 * every other key passed through to ts-proto as `key=value` (arrays repeat the key).
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { ENGINES, resolveEngine } from '../../engines.js';

export type OptionValue = string | number | boolean | string[];

export interface TsProtoTargetOptions {
  /** Service code: nice-grpc (default: promise/async-iterable), grpc-js (callbacks), none (messages only). */
  services?: 'nice-grpc' | 'grpc-js' | 'none';
  /** int64/uint64/fixed64 as `bigint` (default, exact), `string` (exact, JSON-friendly) or `number` (loses precision above 2^53). */
  long?: 'bigint' | 'string' | 'number';
  /** google.protobuf.Timestamp as `Date` (default; millisecond precision), the `Timestamp` message (exact), or an RFC 3339 `string`. */
  timestamp?: 'date' | 'timestamp' | 'string';
  /** buf's plugin strategy: `all` (one plugin run, default) or `directory` (one run per proto folder). */
  strategy?: 'all' | 'directory';
  /** Any ts-proto option, passed as is and winning over the above. */
  [tsProtoOption: string]: OptionValue | undefined;
}

const NAMED = new Set(['services', 'long', 'timestamp', 'strategy']);

export const optionsSchema = {
  type: 'object',
  properties: {
    services: { enum: ['nice-grpc', 'grpc-js', 'none'], default: 'nice-grpc' },
    long: { enum: ['bigint', 'string', 'number'], default: 'bigint' },
    timestamp: { enum: ['date', 'timestamp', 'string'], default: 'date' },
    strategy: { enum: ['all', 'directory'], default: 'all' },
  },
  additionalProperties: {
    anyOf: [{ type: 'string' }, { type: 'number' }, { type: 'boolean' }, { type: 'array', items: { type: 'string' } }],
  },
} as const;

/** The ts-proto parameter list covenant passes by default (before named choices and pass-through). */
export const BASE_OPTIONS: Array<[string, string]> = [
  ['esModuleInterop', 'true'],
  ['env', 'node'],
  ['importSuffix', '.js'],
  ['useOptionals', 'messages'],
  ['oneof', 'unions-value'],
  ['useExactTypes', 'false'],
  ['annotateFilesWithVersion', 'false'],
];

function serviceOptions(services: TsProtoTargetOptions['services']): Array<[string, string]> {
  if (services === 'grpc-js') return [['outputServices', 'grpc-js']];
  if (services === 'none') return [['outputServices', 'none']];
  return [
    ['outputServices', 'nice-grpc'],
    ['outputServices', 'generic-definitions'],
    ['useAbortSignal', 'false'],
  ];
}

/** The `opt` list for buf.gen.yaml: one `key=value` per entry. */
export function tsProtoParameters(options: TsProtoTargetOptions, packageRoot: string): string[] {
  const params: Array<[string, string]> = [...BASE_OPTIONS];
  params.push(['forceLong', options.long ?? 'bigint']);
  const timestamp = options.timestamp ?? 'date';
  params.push(['useDate', timestamp === 'date' ? 'true' : timestamp === 'string' ? 'string' : 'false']);
  const passThrough = Object.keys(options).filter((k) => !NAMED.has(k) && options[k] !== undefined).sort();
  const known = knownTsProtoOptions(packageRoot);
  const overridden = new Set(passThrough);
  const result = params.filter(([k]) => !overridden.has(k));
  if (!overridden.has('outputServices')) result.push(...serviceOptions(options.services));
  for (const key of passThrough) {
    // `M<file.proto>=<module>` maps an imported file to a module of the caller's choice
    if (known && !known.has(key) && !/^M.+\.proto$/.test(key)) {
      throw new UserError(`unknown ts-proto option "${key}"`, { hint: 'docs/proto.md (in the covenant package) lists the options: services, long, timestamp, strategy, or a ts-proto option by its exact name' });
    }
    const value = options[key]!;
    for (const v of Array.isArray(value) ? value : [value]) {
      const text = String(v);
      if (text.includes(',')) throw new UserError(`ts-proto option ${key}: a value cannot contain a comma ("${text}")`, { hint: 'give several values as a list' });
      result.push([key, text]);
    }
  }
  return result.map(([k, v]) => `${k}=${v}`);
}

/** ts-proto's own option names (from its defaults), or undefined when they cannot be read. */
function knownTsProtoOptions(packageRoot: string): Set<string> | undefined {
  try {
    const require = createRequire(join(packageRoot, 'package.json'));
    const mod = require('ts-proto/build/src/options.js') as { defaultOptions(): Record<string, unknown> };
    return new Set(Object.keys(mod.defaultOptions()));
  } catch {
    return undefined;
  }
}

/** Absolute path of ts-proto's plugin entry (run by node, so no shebang or .bin shim is needed). */
export function tsProtoPlugin(packageRoot: string): string {
  return resolveEngine(ENGINES.tsProto, 'ts-proto/build/src/plugin.js', packageRoot);
}
