/**
 * Target `ts-proto`: TypeScript messages and typed gRPC servers and clients for a proto module.
 * The module's image (compiled once by buf on load) is fed to ts-proto through `buf generate`
 * with a temporary template; no protoc needed. Files come back in memory, each with covenant's header.
 */
import type { ProtoModule } from '../../spec/proto/module.js';
import { bufGenerate } from '../../spec/proto/buf.js';
import type { GenContext, GeneratedFile, Target } from '../target.js';
import { optionsSchema, tsProtoParameters, tsProtoPlugin, type TsProtoTargetOptions } from './options.js';

export const tsProtoTarget: Target<ProtoModule, TsProtoTargetOptions> = {
  name: 'ts-proto',
  kind: 'proto',
  description: 'TypeScript messages + typed gRPC server and client (nice-grpc or grpc-js) via ts-proto',
  optionsSchema,
  async generate(module: ProtoModule, options: TsProtoTargetOptions, ctx: GenContext): Promise<GeneratedFile[]> {
    const plugin = {
      local: [process.execPath, tsProtoPlugin(ctx.packageRoot)],
      opt: tsProtoParameters(options, ctx.packageRoot),
      strategy: options.strategy ?? 'all',
    };
    ctx.progress(`ts-proto: ${module.name} (${module.files.length} .proto files)`);
    const files = await bufGenerate(module.image ? { image: module.image } : { input: module.root }, [plugin], {
      cwd: ctx.cwd,
      packageRoot: ctx.packageRoot,
    });
    // bytes stay bytes: the header is prepended without decoding hundreds of megabytes of output
    const header = Buffer.from(ctx.header, 'utf8');
    return files.map((f) => ({
      path: f.path,
      contents: f.path.endsWith('.ts') ? Buffer.concat([header, f.contents]) : f.contents,
    }));
  },
};
