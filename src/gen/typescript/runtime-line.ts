/**
 * The runtime line generated TypeScript is written for, and the two lines that state it: a type-only
 * import of the line's marker type (tsc fails on another line) and a `requireRuntime` call at load
 * (JavaScript fails with one line naming the fix). See docs/runtime.md, "Version skew".
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { RUNTIME_VERSION, runtimeLine } from '@covenant/runtime/toolchain';

/** `0.2` for runtime 0.2.x: the runtime covenant itself was built with. */
export const RUNTIME_LINE = runtimeLine(RUNTIME_VERSION);

/** `CovenantRuntime_0_2`: the type only that runtime line exports. */
export const RUNTIME_MARKER = `CovenantRuntime_${RUNTIME_LINE.replace(/\./g, '_')}`;

/** The statement after the imports (the marker type must be among the names imported from the entry). */
export function runtimeGuard(): string {
  return `// needs @covenant/runtime ${RUNTIME_LINE}.x: npm i @covenant/runtime@${RUNTIME_LINE}\nrequireRuntime(${JSON.stringify(RUNTIME_LINE)} satisfies ${RUNTIME_MARKER});\n`;
}

/**
 * When generated files import @covenant/runtime and the project's package.json (the nearest one above
 * `cwd`) does not list it as a dependency, the line that says so: dev installs still find it (covenant
 * depends on it), but `npm ci --omit=dev` leaves it out and the service fails to start.
 */
export function runtimeDependencyNote(files: readonly { contents: string | Uint8Array }[], cwd: string): string | undefined {
  if (!files.some((f) => typeof f.contents === 'string' && f.contents.includes(`from '@covenant/runtime/`))) return undefined;
  for (let dir = resolve(cwd); ; dir = dirname(dir)) {
    const file = join(dir, 'package.json');
    if (existsSync(file)) {
      let pkg: Record<string, Record<string, string> | undefined>;
      try {
        pkg = JSON.parse(readFileSync(file, 'utf8'));
      } catch {
        return undefined;
      }
      if (['dependencies', 'peerDependencies', 'optionalDependencies'].some((field) => pkg[field]?.['@covenant/runtime'])) return undefined;
      const where = pkg.devDependencies?.['@covenant/runtime'] ? 'lists only in devDependencies' : 'does not list';
      return `generated code imports @covenant/runtime, which ${relative(cwd, file) || 'package.json'} ${where} (npm i @covenant/runtime@${RUNTIME_LINE})`;
    }
    if (dirname(dir) === dir) return undefined;
  }
}
