/** buf lint on a proto module, in the shared finding model (rule id = buf's). */
import type { Finding } from '../findings.js';
import type { ProtoModule } from '../spec/proto/module.js';
import { UserError } from '../errors.js';

export async function lintProto(module: ProtoModule, _options: { cwd: string }): Promise<Finding[]> {
  throw new UserError('proto lint is not available yet', { position: { file: module.root } });
}
