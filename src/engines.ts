/**
 * The optional engines: packages only some commands need, declared as optional peer dependencies so that
 * an OpenAPI-only project does not install them (`npm i -D covenant` stays small). Each is loaded when a
 * command needs it; when it is missing, the command fails with one line naming the `npm i -D` to run
 * (a UserError: exit 2). This table is the one list; package.json's peerDependenciesMeta mirrors it
 * (a test keeps them equal).
 */
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { UserError } from './errors.js';

/** The covenant package root (the folder of its package.json, from src/ or dist/src/): engines resolve from here. */
export const COVENANT_PACKAGE_ROOT = (() => {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (;;) {
    const candidate = join(dir, 'package.json');
    if (existsSync(candidate)) {
      try {
        if ((JSON.parse(readFileSync(candidate, 'utf8')) as { name?: string }).name === 'covenant') return dir;
      } catch {
        // keep looking
      }
    }
    const up = dirname(dir);
    if (up === dir) return dirname(fileURLToPath(import.meta.url));
    dir = up;
  }
})();

export interface Engine {
  /** The package to install. */
  package: string;
  /** Who needs it, in the user's words (`proto specs`, `covenant verify`). */
  usedBy: string;
}

export const ENGINES = {
  buf: { package: '@bufbuild/buf', usedBy: 'proto specs (buf compiles, lints and compares them)' },
  tsProto: { package: 'ts-proto', usedBy: 'the ts-proto target' },
  openapiGenerator: { package: '@openapitools/openapi-generator-cli', usedBy: 'the openapi-generator targets' },
  pact: { package: '@pact-foundation/pact', usedBy: 'covenant verify (the Pact verifier)' },
  pactComparator: { package: '@pactflow/openapi-pact-comparator', usedBy: 'covenant contracts (pacts checked against the spec)' },
} as const satisfies Record<string, Engine>;

/**
 * Packages only generated code imports (the ts-proto and go targets' output), optional peers too: the
 * project that runs that code installs them as its own dependencies.
 */
export const GENERATED_CODE_PEERS = ['@bufbuild/protobuf', '@grpc/grpc-js', 'nice-grpc', 'nice-grpc-common'] as const;

/** The one line for a missing engine: `<who> needs <package>, which is not installed (npm i -D <package>)`. */
export function engineMissing(engine: Engine, cause?: unknown): UserError {
  return new UserError(`${engine.usedBy} needs ${engine.package}, which is not installed`, { hint: `npm i -D ${engine.package}`, cause });
}

/** Whether `error` says that `pkg` itself (not something inside it) could not be found. */
export function isMissingPackage(error: unknown, pkg: string): boolean {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code !== 'ERR_MODULE_NOT_FOUND' && code !== 'MODULE_NOT_FOUND') return false;
  const message = String((error as Error).message);
  return message.includes(`'${pkg}'`) || message.includes(`'${pkg}/`) || message.includes(`${pkg}/package.json`);
}

/** The package part of a specifier (`@scope/name` or `name`). */
function packageOf(specifier: string): string {
  return specifier.split('/').slice(0, specifier.startsWith('@') ? 2 : 1).join('/');
}

/**
 * `require.resolve(specifier)` from covenant's package root (so a project's hoisted install is found);
 * `specifier` is in the engine's package or one it brings (buf's platform package).
 */
export function resolveEngine(engine: Engine, specifier: string, packageRoot: string): string {
  try {
    return createRequire(join(packageRoot, 'package.json')).resolve(specifier);
  } catch (error) {
    if (isMissingPackage(error, packageOf(specifier))) throw engineMissing(engine, error);
    throw error;
  }
}

/** `import(specifier)` of an engine, or the one-line error when it is not installed. */
export async function importEngine<T>(engine: Engine, load: () => Promise<T>): Promise<T> {
  try {
    return await load();
  } catch (error) {
    if (isMissingPackage(error, engine.package)) throw engineMissing(engine, error);
    throw error;
  }
}
