/**
 * Target `go-grpc`: Go messages (`protoc-gen-go`) and gRPC servers and clients (`protoc-gen-go-grpc`)
 * for a proto module, through `buf generate` on the module's image with the two local plugins.
 * Files land source-relative (`orders/v1/orders.pb.go`, `orders/v1/orders_grpc.pb.go`).
 *
 * Go import paths: each file's `option go_package`, or — with the option `goPackagePrefix` — the
 * prefix plus the file's folder, as buf's managed mode does (`<prefix>/orders/v1;ordersv1`), passed
 * to both plugins as `M<file>=<import path>;<package>` so that no buf.gen.yaml is needed.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../../errors.js';
import { bufBuild, bufGenerate, runBuf, type BufPlugin } from '../../spec/proto/buf.js';
import type { ProtoModule } from '../../spec/proto/module.js';
import type { GenContext, GeneratedFile, Target } from '../target.js';
import { findPlugin } from './plugins.js';

export interface GoGrpcOptions {
  goPackagePrefix?: string;
  grpc?: boolean;
  requireUnimplementedServers?: boolean;
  protocGenGo?: string;
  protocGenGoGrpc?: string;
}

export const optionsSchema = {
  type: 'object',
  additionalProperties: false,
  properties: {
    goPackagePrefix: {
      type: 'string',
      pattern: '^[A-Za-z0-9][A-Za-z0-9._~/-]*[A-Za-z0-9_~-]$',
      description: 'Go import path prefix: each file gets <prefix>/<its folder> (buf managed mode go_package_prefix); overrides go_package.',
    },
    grpc: { type: 'boolean', default: true, description: 'Also generate gRPC servers and clients (protoc-gen-go-grpc); false = messages only.' },
    requireUnimplementedServers: {
      type: 'boolean',
      default: true,
      description: 'Server implementations must embed Unimplemented<Service>Server (protoc-gen-go-grpc require_unimplemented_servers).',
    },
    protocGenGo: { type: 'string', description: 'Path of protoc-gen-go (default: found on PATH, $GOBIN, $GOPATH/bin, ~/go/bin).' },
    protocGenGoGrpc: { type: 'string', description: 'Path of protoc-gen-go-grpc (default: found like protoc-gen-go).' },
  },
};

interface FileDescriptorJson {
  name: string;
  package?: string;
  options?: { goPackage?: string };
}

export const goGrpcTarget: Target<ProtoModule, GoGrpcOptions> = {
  name: 'go-grpc',
  kind: 'proto',
  description: 'Go messages + gRPC server and client (protoc-gen-go, protoc-gen-go-grpc via buf generate)',
  optionsSchema,
  async generate(module: ProtoModule, options: GoGrpcOptions, ctx: GenContext): Promise<GeneratedFile[]> {
    const withGrpc = options.grpc !== false;
    const goPlugin = findPlugin('protoc-gen-go', options.protocGenGo, ctx.cwd);
    const grpcPlugin = withGrpc ? findPlugin('protoc-gen-go-grpc', options.protocGenGoGrpc, ctx.cwd) : undefined;
    const image = module.image ?? (await bufBuild(module.root, { cwd: ctx.cwd, packageRoot: ctx.packageRoot }));
    const mappings = await goPackageMappings(module, image, options.goPackagePrefix, ctx);
    const plugins: BufPlugin[] = [{ local: goPlugin, opt: ['paths=source_relative', ...mappings] }];
    if (grpcPlugin) {
      const opt = ['paths=source_relative', ...mappings];
      if (options.requireUnimplementedServers === false) opt.push('require_unimplemented_servers=false');
      plugins.push({ local: grpcPlugin, opt });
    }
    ctx.progress(`go-grpc: ${module.name} (${module.files.length} .proto files)`);
    const files = await bufGenerate({ image }, plugins, { cwd: ctx.cwd, packageRoot: ctx.packageRoot });
    return files.map((f) => ({ path: f.path, contents: f.path.endsWith('.go') ? ctx.header + f.contents.toString('utf8') : f.contents }));
  },
};

/** `M<file>=<import path>;<package>` for every file of the module when a prefix is set; else checks go_package. */
async function goPackageMappings(module: ProtoModule, image: Uint8Array, prefix: string | undefined, ctx: GenContext): Promise<string[]> {
  const json = await runBuf(['build', '-#format=binpb', '--exclude-source-info', '-o', '-#format=json'], {
    cwd: ctx.cwd,
    packageRoot: ctx.packageRoot,
    stdin: image,
  });
  if (json.code !== 0) throw new Error(`buf could not read the module image: ${json.stderr.trim()}`);
  const descriptors = (JSON.parse(json.stdout.toString('utf8')) as { file?: FileDescriptorJson[] }).file ?? [];
  const own = new Set(module.files);
  const mappings: string[] = [];
  for (const file of descriptors) {
    if (!own.has(file.name)) continue;
    if (prefix) {
      const dir = file.name.includes('/') ? file.name.slice(0, file.name.lastIndexOf('/')) : '';
      mappings.push(`M${file.name}=${dir ? `${prefix}/${dir}` : prefix};${goPackageName(file.package, dir || prefix)}`);
    } else if (!file.options?.goPackage) {
      throw new UserError(`${file.name} has no go_package option, so Go has no import path for it`, {
        position: { file: join(module.root, file.name).split('\\').join('/'), ...packageLine(join(module.rootAbs, file.name)) },
        hint: 'add `option go_package = "example.com/you/gen/<folder>";` or set the go-grpc option goPackagePrefix',
      });
    }
  }
  return mappings;
}

/** buf managed mode's package name: `orders.v1` → `ordersv1`, `acme.orders` → `orders`. */
export function goPackageName(protoPackage: string | undefined, fallbackPath: string): string {
  const parts = (protoPackage ?? '').split('.').filter(Boolean);
  let name = parts.length === 0 ? fallbackPath.slice(fallbackPath.lastIndexOf('/') + 1) : parts[parts.length - 1]!;
  if (parts.length >= 2 && /^v\d+([a-z]+\d*)*$/.test(name)) name = parts[parts.length - 2]! + name;
  name = name.toLowerCase().replace(/[^a-z0-9_]/g, '_');
  return /^[a-z_]/.test(name) ? name : `_${name}`;
}

function packageLine(path: string): { line?: number; column?: number } {
  try {
    const lines = readFileSync(path, 'utf8').split('\n');
    const index = lines.findIndex((l) => /^\s*package\s+[\w.]+\s*;/.test(l));
    return index < 0 ? { line: 1, column: 1 } : { line: index + 1, column: lines[index]!.indexOf('package') + 1 };
  } catch {
    return {};
  }
}
