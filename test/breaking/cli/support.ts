/** A scratch git repository with specs, for `covenant breaking --against` end to end. */
import { spawnSync } from 'node:child_process';
import { chmodSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { REPO, scratch, writeTree } from '../../cli/support.js';

export { covenant, removeScratch, scratch, writeTree, REPO } from '../../cli/support.js';

export function git(cwd: string, ...args: string[]): string {
  const result = spawnSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_AUTHOR_NAME: 't', GIT_AUTHOR_EMAIL: 't@t', GIT_COMMITTER_NAME: 't', GIT_COMMITTER_EMAIL: 't@t' } });
  if (result.status !== 0) throw new Error(`git ${args.join(' ')}: ${result.stderr}`);
  return result.stdout;
}

/** git init + the files + one commit. */
export function repoWith(label: string, files: Record<string, string>): string {
  const dir = scratch(label);
  git(dir, 'init', '-q', '-b', 'main');
  writeTree(dir, files);
  commitAll(dir, 'base');
  return dir;
}

export function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '--allow-empty', '-m', message);
}

/** A buf wrapper (COVENANT_BUF) that logs each call's arguments, one line per call, then runs the real buf. */
export function loggingBuf(dir: string): { bin: string; log: string } {
  const log = join(dir, 'buf-calls.log');
  const bin = join(dir, 'buf-logging.sh');
  const real = join(REPO, 'node_modules', '@bufbuild', 'buf-linux-x64', 'bin', 'buf');
  writeFileSync(bin, `#!/bin/sh\necho "$*" >> '${log}'\nexec '${real}' "$@"\n`);
  chmodSync(bin, 0o755);
  return { bin, log };
}

/** The user spec: the User schema lives in a second file, so reading it at a ref needs readFile. */
export const USERS_SPEC = `openapi: 3.1.0
info: { title: users, version: 1.0.0 }
paths:
  /users/{id}:
    get:
      operationId: getUser
      parameters:
        - { name: id, in: path, required: true, schema: { type: string } }
      responses:
        '200':
          description: the user
          content:
            application/json:
              schema: { $ref: './components/user.yaml' }
`;

export const USER_SCHEMA = `type: object
required: [id]
properties:
  id: { type: string }
  nickname: { type: string }
`;

export const ORDERS_PROTO = `syntax = "proto3";
package orders.v1;

message Order {
  string id = 1;
  int64 total = 2;
}

service OrderService {
  rpc GetOrder(GetOrderRequest) returns (Order);
}

message GetOrderRequest {
  string id = 1;
}
`;

export const ITEMS_PROTO = `syntax = "proto3";
package orders.v1;

message Item {
  string sku = 1;
}
`;

export const BASE_FILES: Record<string, string> = {
  'specs/users.openapi.yaml': USERS_SPEC,
  'specs/components/user.yaml': USER_SCHEMA,
  'specs/orders/v1/orders.proto': ORDERS_PROTO,
  'specs/orders/v1/items.proto': ITEMS_PROTO,
};
