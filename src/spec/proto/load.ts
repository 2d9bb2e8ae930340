/** Load a proto module: find its files (a folder of .proto files, or a buf module with buf.yaml) and compile it with buf. */
import { existsSync, readdirSync, statSync } from 'node:fs';
import { basename, join, relative, resolve, sep, isAbsolute } from 'node:path';
import { UserError } from '../../errors.js';
import type { ProtoModule } from './module.js';
import { bufBuild } from './buf.js';

export interface LoadProtoOptions {
  name?: string;
  cwd?: string;
  /** Compile with `buf build` (default true): syntax and type errors become a UserError at file:line:col. */
  build?: boolean;
  /** covenant's package root, where buf is found (default: this package). */
  packageRoot?: string;
}

export async function loadProtoModule(root: string, options: LoadProtoOptions = {}): Promise<ProtoModule> {
  const cwd = options.cwd ?? process.cwd();
  const rootAbs = resolve(cwd, root);
  if (!existsSync(rootAbs) || !statSync(rootAbs).isDirectory()) {
    throw new UserError('proto module not found: expected a folder of .proto files', { position: { file: root } });
  }
  const files: string[] = [];
  const walk = (dir: string) => {
    for (const item of readdirSync(dir, { withFileTypes: true })) {
      const abs = join(dir, item.name);
      if (item.isDirectory()) {
        if (item.name !== 'node_modules' && !item.name.startsWith('.')) walk(abs);
      } else if (item.name.endsWith('.proto')) files.push(relative(rootAbs, abs).split(sep).join('/'));
    }
  };
  walk(rootAbs);
  files.sort();
  if (files.length === 0) throw new UserError('no .proto files in this folder', { position: { file: root } });
  const rel = relative(cwd, rootAbs);
  const shown = rel === '' ? '.' : !rel.startsWith('..') && !isAbsolute(rel) ? rel : rootAbs;
  // buf reports paths relative to its working folder: run it in cwd on the root as shown
  const image = options.build === false ? undefined : await bufBuild(shown, { cwd, packageRoot: options.packageRoot });
  return {
    kind: 'proto',
    name: options.name ?? basename(rootAbs),
    root: shown,
    rootAbs,
    files,
    bufYaml: existsSync(join(rootAbs, 'buf.yaml')) ? join(rootAbs, 'buf.yaml') : undefined,
    image,
  };
}
