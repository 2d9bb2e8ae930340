/**
 * buf lint on a proto module, in the shared finding model: rule id = buf's (`ENUM_ZERO_VALUE_SUFFIX`),
 * location = file:line:col relative to cwd. The module's buf.yaml decides the rules; without one,
 * buf's STANDARD set applies.
 */
import { resolve } from 'node:path';
import type { Finding } from '../findings.js';
import type { ProtoModule } from '../spec/proto/module.js';
import { DEFAULT_BUF_CONFIG, diagnosticError, displayPath, isWorkspaceConfig, moduleConfigArgs, parseBufDiagnostics, runBuf, withImageFile } from '../spec/proto/buf.js';

/** The configuration used when a module has no buf.yaml. */
export const DEFAULT_PROTO_LINT_CONFIG = DEFAULT_BUF_CONFIG;

export async function lintProto(module: ProtoModule, options: { cwd: string; packageRoot?: string }): Promise<Finding[]> {
  const run = { cwd: module.rootAbs, packageRoot: options.packageRoot };
  const config = module.bufYaml ? ['--config', module.bufYaml] : moduleConfigArgs(module.rootAbs);
  // the image compiled on load is linted as is (nothing is compiled again), with the module's own
  // buf.yaml or, without one, a pinned STANDARD config so that no buf.yaml further up is picked up;
  // a v2 workspace buf.yaml (`modules:`) is linted on its folder, where its paths mean something
  const result =
    module.image && !isWorkspaceConfig(module.bufYaml)
      ? await withImageFile(module.image, (image) => runBuf(['lint', image, '--error-format', 'json', ...config], run))
      : await runBuf(['lint', '.', '--error-format', 'json', ...moduleConfigArgs(module.rootAbs)], run);
  const diagnostics = parseBufDiagnostics(result.stdout.toString('utf8') + '\n' + (result.code === 0 ? '' : result.stderr));
  if (result.code !== 0 && result.code !== 100) {
    // not violations: a config or compile problem, reported by buf with its own position when it has one
    const first = diagnostics.find((d) => d.path) ?? diagnostics[0] ?? { message: `buf lint failed with exit code ${result.code}` };
    throw diagnosticError({ ...first, path: first.path ? shownPath(module, first.path, options.cwd) : undefined }, module.root);
  }
  const findings: Finding[] = [];
  for (const d of diagnostics) {
    if (!d.type || !d.path) continue;
    findings.push({
      rule: d.type,
      level: 'error',
      message: d.message,
      location: { file: shownPath(module, d.path, options.cwd), line: d.start_line || undefined, column: d.start_line ? d.start_column || undefined : undefined },
      spec: module.name,
    });
  }
  return findings;
}

/** A path buf printed (relative to the module root) as the user sees it. */
function shownPath(module: ProtoModule, path: string, cwd: string): string {
  return displayPath(resolve(module.rootAbs, path), cwd);
}
