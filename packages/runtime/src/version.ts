/**
 * Which runtime generated code runs on. Code from `covenant gen` names the runtime line it was generated
 * for twice: as a type-only import of the marker below (so `tsc` fails when another line is installed)
 * and as a `requireRuntime(...)` call when it loads (so plain JavaScript fails with one clear line too).
 */

/** This package's version (a test keeps it equal to package.json's). */
export const RUNTIME_VERSION = '0.2.0';

/**
 * Exported only by @covenant/runtime 0.2.x: generated code imports it as a type, so a project with another
 * runtime line installed gets "has no exported member 'CovenantRuntime_0_2'" from tsc at that import.
 */
export type CovenantRuntime_0_2 = '0.2';

/** The compatibility line of a version: `0.2` below 1.0 (a minor may break), the major from 1.0 on. */
export function runtimeLine(version: string): string {
  const [major = '0', minor = '0'] = version.split('.');
  return major === '0' ? `0.${minor}` : major;
}

/**
 * Called by generated code when it loads: throws one line naming the fix when the installed runtime is not
 * the line the code was generated for.
 */
export function requireRuntime(line: string): void {
  const found = runtimeLine(RUNTIME_VERSION);
  if (found !== line) {
    throw new Error(
      `covenant: this generated code needs @covenant/runtime ${line}.x, found ${RUNTIME_VERSION}: run \`npm i @covenant/runtime@${line}\` (or regenerate it with the covenant that goes with runtime ${found})`,
    );
  }
}
