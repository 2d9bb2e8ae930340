/**
 * Running OpenAPI Generator through its npm wrapper (`@openapitools/openapi-generator-cli`): the
 * wrapper picks the jar of the configured version (downloading it where the network allows) and
 * runs `java -jar … generate`. covenant gives it a private `openapitools.json` in a temporary folder,
 * so the user's own file is never rewritten, and every generator setting goes through a JSON config
 * file (`-c`), never through the shell command line the wrapper builds.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { UserError, type SourcePosition } from '../../errors.js';
import { ENGINES, resolveEngine } from '../../engines.js';

/** Generator names as OpenAPI Generator spells them (`go-server`, `typescript-axios`, `spring`). */
export const GENERATOR_NAME = /^[a-z0-9][a-z0-9._-]*$/i;

export interface WrapperSettings {
  /** Generator version (`4.3.1`, `7.23.0`). */
  version: string;
  /** Absolute folder holding `<version>.jar` (the wrapper's storageDir). */
  storageDir: string;
  /** Where the settings came from, for messages. */
  source: string;
  /** `generator-cli.repository` of the user's openapitools.json, passed on unchanged. */
  repository?: unknown;
}

/** The wrapper's main.js, resolved from covenant's own dependencies. */
export function wrapperMain(packageRoot: string): string {
  return resolveEngine(ENGINES.openapiGenerator, '@openapitools/openapi-generator-cli/main.js', packageRoot);
}

/**
 * The version the wrapper itself would pick offline: the entry tagged `latest` in its built-in list.
 * Pinned here (not asked from Maven Central) so that the same covenant install always generates the
 * same bytes; the user pins another with the `version` option or an openapitools.json.
 */
export function wrapperDefaultVersion(main: string): string {
  const text = readFileSync(main, 'utf8');
  const match = /versionTags:\["([0-9][^"]*)","stable","latest"\]/.exec(text);
  return match?.[1] ?? '7.23.0';
}

/**
 * Version and jar folder: the target's `version` option wins; then the user's openapitools.json
 * (the `openapitools` option, else `openapitools.json` in the working folder); then the wrapper's
 * default version in the wrapper's own storage (`<wrapper>/versions`).
 */
export function resolveWrapperSettings(options: { version?: string; openapitools?: string }, cwd: string, main: string): WrapperSettings {
  let file: string | undefined;
  if (options.openapitools) {
    file = resolve(cwd, options.openapitools);
    if (!existsSync(file)) throw new UserError('openapitools.json not found', { position: { file: options.openapitools }, hint: 'fix the `openapitools` option of the openapi-generator target' });
  } else if (existsSync(join(cwd, 'openapitools.json'))) {
    file = join(cwd, 'openapitools.json');
  }
  let version: string | undefined;
  let storageDir = join(dirname(main), 'versions');
  let repository: unknown;
  if (file) {
    let settings: { version?: unknown; storageDir?: unknown; repository?: unknown } = {};
    try {
      const json = JSON.parse(readFileSync(file, 'utf8')) as { 'generator-cli'?: typeof settings };
      settings = json['generator-cli'] ?? {};
    } catch (error) {
      throw new UserError(`openapitools.json is not valid JSON: ${(error as Error).message}`, { position: { file: display(file, cwd) } });
    }
    if (typeof settings.version === 'string') version = settings.version;
    // the wrapper resolves storageDir against its working folder, i.e. the folder of the file
    if (typeof settings.storageDir === 'string') storageDir = resolve(dirname(file), settings.storageDir.replace(/^~/, homedir()));
    repository = settings.repository;
  }
  if (options.version) version = options.version;
  return {
    version: version ?? wrapperDefaultVersion(main),
    storageDir,
    repository,
    source: options.version ? 'the `version` option' : file && version ? display(file, cwd) : 'the default of @openapitools/openapi-generator-cli',
  };
}

/** Java must be on PATH: the wrapper runs `java -jar`. */
export function ensureJava(): void {
  const result = spawnSync('java', ['-version'], { encoding: 'utf8', timeout: 30_000 });
  if (result.error && (result.error as NodeJS.ErrnoException).code === 'ENOENT') {
    throw new UserError('Java is not installed: the openapi-generator targets run OpenAPI Generator, a Java program', {
      hint: 'install a Java runtime (11 or newer, e.g. `apt-get install default-jre-headless`) and put `java` on PATH',
    });
  }
  if (result.status !== 0) {
    throw new UserError(`\`java -version\` failed: ${(result.stderr || String(result.error ?? '')).trim().split('\n')[0]}`, {
      hint: 'fix the Java installation on PATH',
    });
  }
}

export interface RunGeneratorInput {
  main: string;
  settings: WrapperSettings;
  generator: string;
  /** Temporary working folder (owned by the caller). */
  workDir: string;
  /** The spec, already written as JSON. */
  specFile: string;
  /** Generator settings for `-c` (packageName, additionalProperties, typeMappings, …). */
  config: Record<string, unknown>;
  outputDir: string;
  /** Spec file as the user named it, for error positions. */
  specDisplay: string;
  /** More arguments, already shell-quoted (fixed flags and quoted paths only). */
  extraArgs?: string[];
  /** Where a pointer of the spec was written (for the generator's validation messages). */
  locate?: (segments: string[]) => SourcePosition;
  /** What most likely went wrong when the generator fails without saying (replaces the hint). */
  likelyCause?: string;
}

/** Run `openapi-generator-cli generate`; resolves when the files are in `outputDir`. */
export async function runGenerator(input: RunGeneratorInput): Promise<void> {
  const { settings, workDir } = input;
  const jar = join(settings.storageDir, `${settings.version}.jar`);
  const openapitools = join(workDir, 'openapitools.json');
  writeFileSync(
    openapitools,
    JSON.stringify({
      'generator-cli': {
        version: settings.version,
        storageDir: settings.storageDir,
        ...(settings.repository !== undefined ? { repository: settings.repository } : {}),
      },
    }),
  );
  const configFile = join(workDir, 'generator-config.json');
  writeFileSync(configFile, JSON.stringify(input.config));
  mkdirSync(input.outputDir, { recursive: true });
  const args = [
    input.main,
    // read by the wrapper itself (not through the shell): unquoted
    '--openapitools',
    openapitools,
    'generate',
    '-g',
    input.generator,
    '-i',
    shellQuote(input.specFile),
    '-o',
    shellQuote(input.outputDir),
    '-c',
    shellQuote(configFile),
    ...(input.extraArgs ?? []),
  ];
  // the wrapper's working folder is $PWD; it joins the arguments into one shell command line
  const result = await run(process.execPath, args, { cwd: workDir, env: { ...process.env, PWD: workDir } });
  const log = result.output;
  if (!existsSync(jar)) {
    throw new UserError(`the jar of OpenAPI Generator ${settings.version} is not in ${settings.storageDir} and could not be downloaded`, {
      hint: `version from ${settings.source}; go online once, or put ${settings.version}.jar there and point generator-cli.storageDir of openapitools.json at it`,
    });
  }
  if (result.code !== 0 || /\[error\]|Exception in thread|Error: Unable to access jarfile/i.test(log)) {
    throw generatorError(log, input);
  }
}

function generatorError(log: string, input: RunGeneratorInput): UserError {
  const who = `OpenAPI Generator ${input.settings.version} (${input.generator})`;
  if (/Can't load config class with name|Can't load config class/i.test(log)) {
    return new UserError(`OpenAPI Generator ${input.settings.version} has no generator named "${input.generator}"`, {
      hint: 'pick a name from `npx openapi-generator-cli list` (for that version)',
    });
  }
  const lines = log.split('\n').map((l) => l.trim());
  // its validator: `-attribute paths.'/users/{id}'(get).responses is missing`
  const attributes = lines.filter((l) => /^-\s*attribute /.test(l)).map((l) => l.replace(/^-\s*attribute\s+/, ''));
  if (attributes.length > 0) {
    const operation = /^paths\.'([^']+)'\((\w+)\)/.exec(attributes[0]!);
    const position = operation && input.locate ? input.locate(['paths', operation[1]!, operation[2]!]) : { file: input.specDisplay };
    const more = attributes.length > 1 ? `; ${attributes.length - 1} more` : '';
    return new UserError(`${who} refused the spec: ${attributes[0]}${more}`, {
      position,
      hint: 'fix the spec (`covenant lint` shows more), or set the option skipValidateSpec: true',
    });
  }
  const interesting = lines.filter((l) => /is (missing|not of type|unexpected)|Exception:|\[error\]/i.test(l) && !/^at /.test(l)).slice(0, 3);
  const text = (interesting.length > 0 ? interesting : lines.filter((l) => l !== '').slice(-3)).join('; ');
  return new UserError(`${who} failed: ${text || 'no output'}`, {
    position: { file: input.specDisplay },
    hint: input.likelyCause ?? 'run `covenant lint` on the spec; the option skipValidateSpec: true makes the generator accept what its validator refuses',
  });
}

function run(command: string, args: string[], options: { cwd: string; env: NodeJS.ProcessEnv }): Promise<{ code: number; output: string }> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(command, args, { cwd: options.cwd, env: options.env, stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    child.stdout.on('data', (b: Buffer) => chunks.push(b));
    child.stderr.on('data', (b: Buffer) => chunks.push(b));
    child.on('error', reject);
    child.on('close', (code) => resolvePromise({ code: code ?? 1, output: Buffer.concat(chunks).toString('utf8') }));
  });
}

/** One argument for a POSIX shell command line (the wrapper runs `java …` through `sh -c`). */
export function shellQuote(value: string): string {
  return /^[A-Za-z0-9_./:=@+-]+$/.test(value) ? value : `'${value.replace(/'/g, `'\\''`)}'`;
}

/** Every file under `root`, relative, forward slashes, sorted. */
export function readTree(root: string): Array<{ path: string; contents: Buffer }> {
  const files: Array<{ path: string; contents: Buffer }> = [];
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, item.name);
      if (item.isDirectory()) walk(abs);
      else if (item.isFile()) files.push({ path: relative(root, abs).split(sep).join('/'), contents: readFileSync(abs) });
    }
  };
  if (existsSync(root)) walk(root);
  return files.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
}

function display(abs: string, cwd: string): string {
  const rel = relative(cwd, abs);
  return rel && !rel.startsWith('..') ? rel : abs;
}
