/**
 * The type layer: openapi-typescript's Node API, in process, on the already-bundled document.
 * Client and server targets both emit `types.ts` from here with the same options, so the file is
 * identical whichever targets run.
 */
import { UserError } from '../../errors.js';
import type { OpenApiSpec } from '../../spec/openapi/load.js';

export const TYPES_FILE = 'types.ts';

const cache = new WeakMap<OpenApiSpec, Promise<string>>();

/** `types.ts` contents (without covenant's header). Memoized per loaded spec. */
export function generateTypes(spec: OpenApiSpec): Promise<string> {
  let pending = cache.get(spec);
  if (!pending) {
    pending = run(spec);
    cache.set(spec, pending);
  }
  return pending;
}

async function run(spec: OpenApiSpec): Promise<string> {
  // openapi-typescript (and the TypeScript compiler under it) loads only when an OpenAPI target
  // runs: a proto-only `covenant gen` never pays for it
  const { default: openapiTS, astToString } = await import('openapi-typescript');
  try {
    // openapi-typescript bundles (and so mutates) an object it is given, after JSON.stringify-ing it
    // for its Source; given JSON text it parses its own copy instead: one stringify + one parse,
    // cheaper than structuredClone + that stringify, and spec.document stays untouched
    // its bundler prints each problem with console.error even when silent: covenant says it in one line
    const nodes = await quietly(() =>
      openapiTS(JSON.stringify(spec.document), {
        silent: true,
        readWriteMarkers: true,
        alphabetize: false,
        // openapi-typescript's 3.0 handling of `nullable` and 3.1 type arrays is kept as it is
      }),
    );
    return astToString(nodes);
  } catch (error) {
    const message = (error as Error).message.split('\n')[0]!;
    // "... at #/paths/~1a/get/..." names where: locate it in the file the user wrote
    const pointer = / at (#\/\S*)/.exec(message)?.[1];
    const at = pointer ? spec.locate(decodeURIComponent(pointer.slice(1))) : undefined;
    throw new UserError(`openapi-typescript could not read the spec: ${pointer ? message.replace(` at ${pointer}`, '') : message}`, {
      position: at ? { file: at.file, line: at.line, column: at.column } : { file: spec.file },
      hint: at ? `at ${pointer}` : 'run `covenant lint` on it for positions',
    });
  }
}

/** Runs `work` with console.error and console.warn silenced (restored after, whatever happens). */
async function quietly<T>(work: () => Promise<T>): Promise<T> {
  const { error, warn } = console;
  console.error = () => {};
  console.warn = () => {};
  try {
    return await work();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
