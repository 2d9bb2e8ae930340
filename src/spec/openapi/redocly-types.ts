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

type NormalizeTypes = ((...args: unknown[]) => Record<string, { properties?: Record<string, unknown> } | undefined>) & { covenantPatched?: boolean };

const types = require('@redocly/openapi-core/lib/types/index.js') as { normalizeTypes: NormalizeTypes };

if (!types.normalizeTypes.covenantPatched) {
  const original = types.normalizeTypes;
  const patched: NormalizeTypes = (...args) => {
    const normalized = original(...args);
    for (const type of Object.values(normalized)) {
      if (type?.properties && Object.getPrototypeOf(type.properties) !== null) {
        type.properties = Object.assign(Object.create(null) as Record<string, unknown>, type.properties);
      }
    }
    return normalized;
  };
  patched.covenantPatched = true;
  types.normalizeTypes = patched;
}

export {};
