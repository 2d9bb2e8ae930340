/**
 * Where each spec is served. One spec: at the root, as Prism does (`GET /users`). Several specs:
 * each under `/<spec name>` (`GET /users/users`, `GET /billing/invoices`), so two specs may share
 * paths. The spec name is the file name without `.openapi.yaml` (or the config's `name:`).
 */
import type { MockService } from './service.js';

export interface Mount {
  name: string;
  /** `''` for the root, else `/<name>`. */
  base: string;
  service: MockService;
}

export function mountBase(name: string, specCount: number): string {
  return specCount === 1 ? '' : `/${encodeURIComponent(name)}`;
}

/** The mount serving a target, and the target as that spec sees it (prefix removed). */
export function findMount(mounts: readonly Mount[], target: string): { mount: Mount; target: string } | undefined {
  for (const mount of mounts) {
    if (mount.base === '') return { mount, target };
    if (!target.startsWith(mount.base)) continue;
    const next = target.charAt(mount.base.length);
    if (next === '' || next === '/' || next === '?') {
      const rest = target.slice(mount.base.length);
      return { mount, target: rest === '' || rest.startsWith('?') ? `/${rest}` : rest };
    }
  }
  return undefined;
}
