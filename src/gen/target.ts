/** What a generation target is (DESIGN §3): a name, the spec kind it takes, an options schema, and generate(). */
import type { OpenApiSpec } from '../spec/openapi/load.js';
import type { ProtoModule } from '../spec/proto/module.js';

export interface GeneratedFile {
  /** Path relative to the output folder, with forward slashes. */
  path: string;
  contents: string | Uint8Array;
}

export interface GenContext {
  cwd: string;
  /** Final output folder (files are generated in memory, then written atomically by the caller). */
  outputDir: string;
  /** Header line(s) every text file should start with (already comment-escaped, `//` style). */
  header: string;
  /** Absolute path of the covenant package root (for finding node_modules binaries). */
  packageRoot: string;
  /** Print progress for long work (no-op when not a TTY). */
  progress(message: string): void;
  /** Report something generated code will not do as the spec says (`file:line:col: what`); printed as a warning, never fatal. */
  warn?(message: string): void;
}

export interface Target<S extends OpenApiSpec | ProtoModule = OpenApiSpec | ProtoModule, O = Record<string, unknown>> {
  name: string;
  kind: S['kind'];
  description: string;
  /** JSON Schema of `options` (validated before generate). */
  optionsSchema: Record<string, unknown>;
  generate(spec: S, options: O, context: GenContext): Promise<GeneratedFile[]>;
}
