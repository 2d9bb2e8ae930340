/**
 * `openapi-generator:<generator>`: any generator of OpenAPI Generator (`go-server`, `go-gin-server`,
 * `go`, `python`, `spring`, …) on the bundled spec, through `@openapitools/openapi-generator-cli`.
 * The spec is written as JSON into a temporary folder (3.1 down-converted for generators that read
 * 3.0), the generator writes into another, and the files come back in memory, made deterministic.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { UserError } from '../../errors.js';
import type { OpenApiSpec } from '../../spec/openapi/load.js';
import type { GeneratedFile, Target } from '../target.js';
import { ensureJava, GENERATOR_NAME, readTree, resolveWrapperSettings, runGenerator, shellQuote, wrapperMain } from './cli.js';
import { downConvert31 } from './downconvert.js';
import { tidyOutput } from './tidy.js';

export interface OpenApiGeneratorOptions {
  version?: string;
  openapitools?: string;
  openapi31?: 'convert' | 'keep';
  packageName?: string;
  packageVersion?: string;
  gitHost?: string;
  gitUserId?: string;
  gitRepoId?: string;
  library?: string;
  apiPackage?: string;
  modelPackage?: string;
  invokerPackage?: string;
  templateDir?: string;
  skipValidateSpec?: boolean;
  additionalProperties?: Record<string, string | number | boolean>;
  typeMappings?: Record<string, string>;
  importMappings?: Record<string, string>;
  instantiationTypes?: Record<string, string>;
  languageSpecificPrimitives?: string[];
  reservedWordsMappings?: Record<string, string>;
}

/** Settings passed to the generator's `-c` config file as they are. */
const PASSED_SETTINGS = [
  'packageName',
  'packageVersion',
  'gitHost',
  'gitUserId',
  'gitRepoId',
  'library',
  'apiPackage',
  'modelPackage',
  'invokerPackage',
  'typeMappings',
  'importMappings',
  'instantiationTypes',
  'languageSpecificPrimitives',
  'reservedWordsMappings',
] as const;

const stringMap = { type: 'object', additionalProperties: { type: 'string' } };

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    version: {
      type: 'string',
      pattern: '^[0-9]+\\.[0-9]+\\.[0-9]+(-[A-Za-z0-9.]+)?$',
      description: 'OpenAPI Generator version (default: openapitools.json, else the wrapper default); downloaded once where online.',
    },
    openapitools: { type: 'string', description: 'openapitools.json to take version and storageDir from (default: ./openapitools.json when present).' },
    openapi31: {
      type: 'string',
      enum: ['convert', 'keep'],
      default: 'convert',
      description: 'OpenAPI 3.1 specs: down-convert to 3.0 (generators before 7 read 3.0 only), or pass as they are.',
    },
    packageName: { type: 'string' },
    packageVersion: { type: 'string' },
    gitHost: { type: 'string' },
    gitUserId: { type: 'string' },
    gitRepoId: { type: 'string' },
    library: { type: 'string' },
    apiPackage: { type: 'string' },
    modelPackage: { type: 'string' },
    invokerPackage: { type: 'string' },
    templateDir: { type: 'string', description: 'Folder of custom templates, relative to the working folder.' },
    skipValidateSpec: { type: 'boolean' },
    additionalProperties: {
      type: 'object',
      additionalProperties: { type: ['string', 'number', 'boolean'] },
      description: 'Generator-specific options (`openapi-generator-cli config-help -g <name>`).',
    },
    typeMappings: stringMap,
    importMappings: stringMap,
    instantiationTypes: stringMap,
    languageSpecificPrimitives: { type: 'array', items: { type: 'string' } },
    reservedWordsMappings: stringMap,
  },
};

export function openApiGeneratorTarget(generator: string): Target<OpenApiSpec, OpenApiGeneratorOptions> {
  if (!GENERATOR_NAME.test(generator)) {
    throw new UserError(`"openapi-generator:${generator}" does not name a generator`, { hint: 'write openapi-generator:<name>, e.g. openapi-generator:go-server' });
  }
  return {
    name: `openapi-generator:${generator}`,
    kind: 'openapi',
    description: `OpenAPI Generator's "${generator}" generator (needs Java)`,
    optionsSchema,
    async generate(spec, options, context) {
      ensureJava();
      const main = wrapperMain(context.packageRoot);
      const settings = resolveWrapperSettings(options, context.cwd, main);
      const document = spec.version === '3.1' && options.openapi31 !== 'keep' ? downConvert31(spec) : spec.document;
      const config: Record<string, unknown> = {};
      for (const key of PASSED_SETTINGS) if (options[key] !== undefined) config[key] = options[key];
      // no generation dates in the output: same spec, same bytes
      config.additionalProperties = { hideGenerationTimestamp: true, ...options.additionalProperties };
      const workDir = mkdtempSync(join(tmpdir(), 'covenant-openapi-generator-'));
      try {
        const specFile = join(workDir, `${spec.name.replace(/[^A-Za-z0-9_.-]/g, '_') || 'spec'}.json`);
        writeFileSync(specFile, JSON.stringify(document, null, 2));
        const extraArgs: string[] = [];
        if (options.skipValidateSpec) extraArgs.push('--skip-validate-spec');
        if (options.templateDir) extraArgs.push('-t', shellQuote(resolve(context.cwd, options.templateDir)));
        const outputDir = join(workDir, 'out');
        context.progress(`${spec.name}: OpenAPI Generator ${settings.version} ${generator}`);
        const locate = (segments: string[]) => {
          const { file, line, column } = spec.locate(segments);
          return { file, line, column };
        };
        const major = Number(settings.version.split('.')[0]);
        const likelyCause =
          spec.version === '3.1' && options.openapi31 === 'keep' && major < 7
            ? `OpenAPI Generator ${settings.version} reads OpenAPI 3.0 only: drop \`openapi31: keep\` so covenant down-converts the 3.1 spec`
            : undefined;
        await runGenerator({ main, settings, generator, workDir, specFile, config, outputDir, specDisplay: spec.file, extraArgs, locate, likelyCause });
        const files: GeneratedFile[] = tidyOutput(readTree(outputDir), {
          header: context.header,
          generatedBy: `OpenAPI Generator ${settings.version} (${generator})`,
        });
        if (files.length === 0) {
          throw new UserError(`OpenAPI Generator ${settings.version} (${generator}) wrote no files`, { position: { file: spec.file } });
        }
        return files;
      } finally {
        rmSync(workDir, { recursive: true, force: true });
      }
    },
  };
}
