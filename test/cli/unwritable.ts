/**
 * Make a folder really unwritable, also for root (tests run as root in CI, and root ignores
 * chmod): `chattr +i` where the file system supports it, else a read-only bind mount, else chmod
 * (enough for a normal user). Returns how to undo it, or undefined when nothing worked.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

function stillWritable(dir: string): boolean {
  const probe = join(dir, '.covenant-probe');
  try {
    writeFileSync(probe, '');
    rmSync(probe, { force: true });
    return true;
  } catch {
    return false;
  }
}

function run(command: string, args: string[]): boolean {
  const result = spawnSync(command, args, { stdio: 'ignore' });
  return result.status === 0;
}

export function makeUnwritable(dir: string): (() => void) | undefined {
  const isRoot = process.getuid?.() === 0;
  if (!isRoot) {
    chmodSync(dir, 0o555);
    if (!stillWritable(dir)) return () => chmodSync(dir, 0o755);
    chmodSync(dir, 0o755);
    return undefined;
  }
  if (run('chattr', ['+i', dir])) {
    if (!stillWritable(dir)) return () => void run('chattr', ['-i', dir]);
    run('chattr', ['-i', dir]);
  }
  if (run('mount', ['--bind', dir, dir])) {
    if (run('mount', ['-o', 'remount,ro,bind', dir, dir]) && !stillWritable(dir)) return () => void run('umount', [dir]);
    run('umount', [dir]);
  }
  return undefined;
}
