/**
 * Work around @redocly/openapi-core 1.x (used by openapi-typescript and by `covenant lint`): it finds
 * the type of a node's child with `type.properties[name]` on a plain object, so a schema property
 * named `hasOwnProperty`, `valueOf`, `isPrototypeOf` or `propertyIsEnumerable` resolves to an
 * Object.prototype method, which Redocly then calls as a type function and crashes with "Cannot
 * convert undefined or null to object". Every normalized type gets a prototype-free `properties`
 * map instead. Imported for its effect by the OpenAPI loader (every job loads before it lints or
 * generates).
 */
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

type NodeType = {
  properties?: Record<string, unknown>;
  additionalProperties?: unknown;
  items?: unknown;
  directResolveAs?: unknown;
};
type NormalizeTypes = ((...args: unknown[]) => Record<string, NodeType | undefined>) & { covenantPatched?: boolean };

const types = require('@redocly/openapi-core/lib/types/index.js') as { normalizeTypes: NormalizeTypes };

/** Types already fixed, and the wrappers already put around type functions. */
const fixed = new WeakSet<object>();
const wrappers = new WeakSet<object>();

/** Type functions return types made on the fly: fix those as they come. */
function wrap(fn: (value: unknown, key: string) => unknown): (value: unknown, key: string) => unknown {
  if (wrappers.has(fn)) return fn;
  const wrapper = (value: unknown, key: string) => {
    const type = fn(value, key);
    fix(type);
    return type;
  };
  wrappers.add(wrapper);
  return wrapper;
}

function fix(type: unknown): void {
  if (!type || typeof type !== 'object' || fixed.has(type)) return;
  fixed.add(type);
  const t = type as NodeType;
  if (t.properties && typeof t.properties === 'object') {
    if (Object.getPrototypeOf(t.properties) !== null) t.properties = Object.assign(Object.create(null) as Record<string, unknown>, t.properties);
    for (const key of Object.keys(t.properties)) {
      const child = t.properties[key];
      if (typeof child === 'function') t.properties[key] = wrap(child as never);
      else fix(child);
    }
  }
  for (const key of ['additionalProperties', 'items', 'directResolveAs'] as const) {
    const child = t[key];
    if (typeof child === 'function') t[key] = wrap(child as never);
    else fix(child);
  }
}

if (!types.normalizeTypes.covenantPatched) {
  const original = types.normalizeTypes;
  const patched: NormalizeTypes = (...args) => {
    const normalized = original(...args);
    for (const type of Object.values(normalized)) fix(type);
    return normalized;
  };
  patched.covenantPatched = true;
  types.normalizeTypes = patched;
}

export {};
