/**
 * The runtime line generated TypeScript is written for, and the two lines that state it: a type-only
 * import of the line's marker type (tsc fails on another line) and a `requireRuntime` call at load
 * (JavaScript fails with one line naming the fix). See docs/runtime.md, "Version skew".
 */
import { RUNTIME_VERSION, runtimeLine } from '@covenant/runtime/toolchain';

/** `0.2` for runtime 0.2.x: the runtime covenant itself was built with. */
export const RUNTIME_LINE = runtimeLine(RUNTIME_VERSION);

/** `CovenantRuntime_0_2`: the type only that runtime line exports. */
export const RUNTIME_MARKER = `CovenantRuntime_${RUNTIME_LINE.replace(/\./g, '_')}`;

/** The statement after the imports (the marker type must be among the names imported from the entry). */
export function runtimeGuard(): string {
  return `// needs @covenant/runtime ${RUNTIME_LINE}.x: npm i @covenant/runtime@${RUNTIME_LINE}\nrequireRuntime(${JSON.stringify(RUNTIME_LINE)} satisfies ${RUNTIME_MARKER});\n`;
}
