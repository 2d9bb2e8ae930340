/**
 * buf lint on a proto module, in the shared finding model: rule id = buf's (`ENUM_ZERO_VALUE_SUFFIX`),
 * location = file:line:col relative to cwd. The module's buf.yaml decides the rules; without one,
 * buf's STANDARD set applies.
 */
import { resolve } from 'node:path';
import type { Finding } from '../findings.js';
import type { ProtoModule } from '../spec/proto/module.js';
import { DEFAULT_BUF_CONFIG, diagnosticError, displayPath, moduleConfigArgs, parseBufDiagnostics, runBuf } from '../spec/proto/buf.js';

/** The configuration used when a module has no buf.yaml. */
export const DEFAULT_PROTO_LINT_CONFIG = DEFAULT_BUF_CONFIG;

export async function lintProto(module: ProtoModule, options: { cwd: string; packageRoot?: string }): Promise<Finding[]> {
  // buf is run in the module root so that its own buf.yaml (v1 or v2) is honoured; without one,
  // --config pins STANDARD so that no buf.yaml further up the tree is picked up instead
  const args = ['lint', '.', '--error-format', 'json', ...moduleConfigArgs(module.rootAbs)];
  const result = await runBuf(args, { cwd: module.rootAbs, packageRoot: options.packageRoot });
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
