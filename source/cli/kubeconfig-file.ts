import { chmodSync, existsSync, mkdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { UserError } from './user-error.ts';

/**
 * Creates the missing directories above `path` one at a time. (Node's recursive mkdir spins
 * forever under /proc, so it is not used here.)
 */
function ensureParentDirectory(path: string): void {
  const missing: string[] = [];
  let dir = dirname(path);
  while (!existsSync(dir)) {
    missing.unshift(dir);
    const parent = dirname(dir);
    if (parent === dir) break;
    dir = parent;
  }
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw Object.assign(new Error(dir), { code: 'ENOTDIR', path: dir });
  for (const each of missing) mkdirSync(each, { mode: 0o700 });
}

function reasonFor(error: NodeJS.ErrnoException): string {
  switch (error.code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'EROFS':
      return 'read-only file system';
    case 'ENOTDIR':
    case 'EEXIST':
      return `${error.path ?? 'a parent'} is not a directory`;
    case 'ENOENT':
      return 'that directory cannot be created';
    case 'EISDIR':
      return 'it is a directory';
    default:
      return error.message;
  }
}

/** Writes a kubeconfig readable by the owner only (it holds a bearer token). */
export function writeKubeconfig(path: string, contents: string): void {
  try {
    ensureParentDirectory(path);
    writeFileSync(path, contents, { mode: 0o600 });
    chmodSync(path, 0o600);
  } catch (error) {
    throw new UserError(
      `cannot write the kubeconfig to ${path} (${reasonFor(error as NodeJS.ErrnoException)}): choose another path with --kubeconfig`,
    );
  }
}

export function removeKubeconfig(path: string): void {
  rmSync(path, { force: true });
}
