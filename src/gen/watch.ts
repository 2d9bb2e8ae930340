/**
 * `covenant gen --watch`: generate, then regenerate whenever a spec, a file one of them `$ref`s, a
 * proto module or the config changes (debounced), printing one status line per run. A failed run
 * writes nothing, so the last good output stays; Ctrl-C (SIGINT) ends the watch normally.
 */
import { existsSync, statSync, watch, type FSWatcher } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { isUserError } from '../errors.js';
import { discoverSpecs } from '../spec/discover.js';
import { CONFIG_FILES } from '../config/load.js';
import { generateAll, writeOutcome, type GenOptions } from './run.js';
import { checkOutput } from './write.js';

export interface WatchOptions {
  /** Builds the run afresh each time (the config is read again). */
  request(): Promise<Pick<GenOptions, 'cwd' | 'config' | 'only' | 'warn' | 'oneOff'>>;
  cwd: string;
  /** `--config` as given (default: covenant.yaml/.yml/.json in cwd); `false` when no config is read (one-off). */
  configFile?: string | false;
  print(line: string): void;
  debounceMs?: number;
  /** Stops the watch (as SIGINT does). */
  signal?: AbortSignal;
}

const SPEC_FILE = /\.(ya?ml|json|proto)$/i;

export async function watchGen(options: WatchOptions): Promise<void> {
  const debounceMs = options.debounceMs ?? 150;
  const configFiles =
    options.configFile === false ? [] : options.configFile ? [resolve(options.cwd, options.configFile)] : CONFIG_FILES.map((f) => resolve(options.cwd, f));
  /** Files (watched through their folder) and folders (watched recursively) that trigger a run. */
  let files = new Set<string>(configFiles);
  let folders = new Set<string>();
  let outputs: string[] = [];
  const watchers = new Map<string, FSWatcher>();

  const stamp = () => new Date().toTimeString().slice(0, 8);
  const shown = (abs: string) => relative(options.cwd, abs) || '.';

  const run = async (): Promise<void> => {
    let request: Awaited<ReturnType<WatchOptions['request']>> | undefined;
    try {
      request = await options.request();
      const outcomes = await generateAll(request);
      let written = 0;
      let unchanged = 0;
      for (const outcome of outcomes) {
        const stale = checkOutput(outcome.outputDir, outcome.files).stale;
        const changed = stale.filter((s) => s.reason !== 'extra').length;
        written += changed;
        unchanged += outcome.files.length - changed;
        // an up-to-date folder is not touched (no event for other watchers, e.g. a dev server)
        if (stale.length > 0) writeOutcome(request, outcome);
      }
      files = new Set([...configFiles, ...outcomes.flatMap((o) => o.sources.filter((s) => !isFolder(s)))]);
      folders = new Set(outcomes.flatMap((o) => o.sources.filter(isFolder)));
      outputs = outcomes.map((o) => o.outputDir);
      const names = [...new Set(outcomes.map((o) => o.spec.name))];
      options.print(`[${stamp()}] ${names.length} spec${names.length === 1 ? '' : 's'} (${names.join(', ')}): ${written} file${written === 1 ? '' : 's'} written, ${unchanged} unchanged`);
    } catch (error) {
      const line = isUserError(error) ? error.toLine() : `internal error: ${(error as Error).message.split('\n')[0]}`;
      options.print(`[${stamp()}] covenant: ${line} — output left as it was`);
      // until a run succeeds, watch what the run would read: the named specs and the config
      if (request) {
        try {
          for (const entry of discoverSpecs(request.config, { cwd: request.cwd, only: request.only })) {
            const abs = resolve(request.cwd, entry.path);
            if (isFolder(abs)) folders.add(abs);
            else files.add(abs);
          }
        } catch {
          // the config itself is broken: its file is watched already
        }
      }
    }
    // the default layout (no specs: list) picks up new files under specs/
    if (request && !request.config.config.specs && existsSync(join(request.config.root, 'specs'))) folders.add(join(request.config.root, 'specs'));
    rewatch();
  };

  const relevant = (abs: string): boolean => {
    if (outputs.some((o) => abs === o || abs.startsWith(o + sep))) return false;
    if (files.has(abs)) return true;
    return [...folders].some((f) => abs.startsWith(f + sep) && SPEC_FILE.test(abs));
  };

  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> | undefined;
  let again = false;
  const schedule = () => {
    if (timer) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      if (running) {
        again = true;
        return;
      }
      running = run().finally(() => {
        running = undefined;
        if (again) {
          again = false;
          schedule();
        }
      });
    }, debounceMs);
  };

  const rewatch = () => {
    const wanted = new Map<string, boolean>(); // folder → recursive
    for (const f of files) wanted.set(dirname(f), wanted.get(dirname(f)) ?? false);
    for (const f of folders) wanted.set(f, true);
    for (const [dir, watcher] of watchers) {
      if (!wanted.has(dir)) {
        watcher.close();
        watchers.delete(dir);
      }
    }
    for (const [dir, recursive] of wanted) {
      if (watchers.has(dir) || !existsSync(dir)) continue;
      try {
        // editors save by writing a new file and renaming it: watching the folder sees both
        const watcher = watch(dir, { recursive }, (_event, name) => {
          if (name === null) return schedule();
          if (relevant(join(dir, name.toString()))) schedule();
        });
        watcher.on('error', () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // a folder that vanished between the check and the watch: the next run watches again
      }
    }
  };

  await run();
  const watched = [...files].filter((f) => existsSync(f)).length;
  options.print(`[${stamp()}] watching ${watched} file${watched === 1 ? '' : 's'}${folders.size ? ` and ${[...folders].map(shown).join(', ')}/` : ''}; Ctrl-C stops`);

  await new Promise<void>((done) => {
    const stop = () => {
      process.off('SIGINT', stop);
      process.off('SIGTERM', stop);
      if (timer) clearTimeout(timer);
      for (const watcher of watchers.values()) watcher.close();
      watchers.clear();
      void (running ?? Promise.resolve()).then(() => done());
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
    options.signal?.addEventListener('abort', stop, { once: true });
  });
}

function isFolder(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}

