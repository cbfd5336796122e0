import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { delimiter, join, resolve } from 'node:path';
import { execa, type ResultPromise } from 'execa';

export const projectRoot = resolve(import.meta.dirname, '../..');

/** Starts the CLI from source in one process (tsx as a loader), so signals reach it directly. */
export function startCli(
  args: string[],
  options: { node?: string; env?: Record<string, string> } = {},
): ResultPromise<{ reject: false; cwd: string; env: Record<string, string> | undefined }> {
  return execa(
    options.node ?? process.execPath,
    ['--import', 'tsx', join(projectRoot, 'cli.tsx'), ...args],
    {
      reject: false,
      cwd: projectRoot,
      env: options.env,
    },
  );
}

/** A `node` older than the tutor supports, if this machine has one outside node_modules. */
export function findOldNode(): string | undefined {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir.includes('node_modules')) continue;
    const candidate = join(dir, 'node');
    if (!existsSync(candidate)) continue;
    const version = execFileSync(candidate, ['-p', 'process.versions.node'], {
      encoding: 'utf8',
    }).trim();
    const [major = 0, minor = 0] = version.split('.').map(Number);
    if (major < 22 || (major === 22 && minor < 19)) return candidate;
  }
  return undefined;
}
