/**
 * The Go protobuf plugins (`protoc-gen-go`, `protoc-gen-go-grpc`) are native programs covenant does
 * not ship: found on PATH (Debian: `apt-get install protoc-gen-go protoc-gen-go-grpc`) or in Go's
 * install folders (`go install …@version`), or named by the target options.
 */
import { existsSync, statSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, isAbsolute, join, resolve } from 'node:path';
import { UserError } from '../../errors.js';

const INSTALL_HINT: Record<string, string> = {
  'protoc-gen-go': 'apt-get install protoc-gen-go, or go install google.golang.org/protobuf/cmd/protoc-gen-go@latest',
  'protoc-gen-go-grpc': 'apt-get install protoc-gen-go-grpc, or go install google.golang.org/grpc/cmd/protoc-gen-go-grpc@latest',
};

/** Folders searched for a plugin: PATH, then $GOBIN, $GOPATH/bin and ~/go/bin. */
function searchPath(): string[] {
  const dirs = (process.env.PATH ?? '').split(delimiter).filter(Boolean);
  if (process.env.GOBIN) dirs.push(process.env.GOBIN);
  for (const p of (process.env.GOPATH ?? '').split(delimiter).filter(Boolean)) dirs.push(join(p, 'bin'));
  dirs.push(join(homedir(), 'go', 'bin'));
  return dirs;
}

/** Absolute path of a plugin, or a UserError naming how to install it. */
export function findPlugin(name: 'protoc-gen-go' | 'protoc-gen-go-grpc', configured: string | undefined, cwd: string): string {
  if (configured) {
    const abs = isAbsolute(configured) ? configured : resolve(cwd, configured);
    if (!isExecutable(abs)) throw new UserError(`${name} not found at ${configured}`, { hint: `fix the target option, or ${INSTALL_HINT[name]}` });
    return abs;
  }
  for (const dir of searchPath()) {
    const candidate = join(dir, process.platform === 'win32' ? `${name}.exe` : name);
    if (isExecutable(candidate)) return candidate;
  }
  throw new UserError(`${name} is not installed: the go-grpc target runs it through buf generate`, { hint: INSTALL_HINT[name] });
}

function isExecutable(path: string): boolean {
  try {
    return existsSync(path) && statSync(path).isFile() && (process.platform === 'win32' || (statSync(path).mode & 0o111) !== 0);
  } catch {
    return false;
  }
}
