import { existsSync, mkdtempSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, dirname, join } from 'node:path';
import { execa } from 'execa';
import { type Sandbox, type SandboxOptions, startSandbox } from '../../source/sandbox/sandbox.ts';

/**
 * A real, versioned kubectl (1.33 by default, `KUBECTL_VERSION` to choose). The `kubectl` on
 * PATH is a dispatcher that keeps its versioned clients beside its real path.
 */
export const kubectlBinary = findKubectl(process.env.KUBECTL_VERSION ?? '1.33');

function findKubectl(version: string): string {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    const candidate = join(dir, 'kubectl');
    if (!existsSync(candidate)) continue;
    const versioned = join(dirname(realpathSync(candidate)), `kubectl.${version}`);
    return existsSync(versioned) ? versioned : candidate;
  }
  return 'kubectl';
}

export interface SandboxHarness {
  sandbox: Sandbox;
  kubeconfigPath: string;
  /**
   * Runs the real kubectl against the sandbox with its own discovery cache. Never throws.
   * `version` (e.g. `'1.27'`) picks another installed client than `kubectlBinary`.
   */
  kubectl(
    args: string[],
    input?: string,
    version?: string,
  ): Promise<{ stdout: string; stderr: string; exitCode: number }>;
  stop(): Promise<void>;
}

/** A fresh sandbox with its kubeconfig on disk, for one test file. */
export async function startHarness(options: SandboxOptions = {}): Promise<SandboxHarness> {
  const sandbox = await startSandbox(options);
  const dir = mkdtempSync(join(tmpdir(), 'expose-tutor-test-'));
  const kubeconfigPath = join(dir, 'kubeconfig');
  writeFileSync(kubeconfigPath, sandbox.kubeconfig(), { mode: 0o600 });
  const cacheDir = join(dir, 'cache');
  return {
    sandbox,
    kubeconfigPath,
    async kubectl(args, input, version) {
      const binary = version ? findKubectl(version) : kubectlBinary;
      const cache = version ? `${cacheDir}-${version}` : cacheDir;
      const result = await execa(
        binary,
        ['--kubeconfig', kubeconfigPath, '--cache-dir', cache, ...args],
        {
          reject: false,
          ...(input !== undefined ? { input } : {}),
          timeout: 60_000,
        },
      );
      return { stdout: result.stdout, stderr: result.stderr, exitCode: result.exitCode ?? -1 };
    },
    async stop() {
      await sandbox.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Polls `check` until it returns a value other than undefined/false, or fails after `timeoutMs`. */
export async function eventually<T>(
  check: () => T | undefined | false | Promise<T | undefined | false>,
  timeoutMs = 10_000,
  what = 'condition',
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  for (;;) {
    try {
      const value = await check();
      if (value !== undefined && value !== false) return value;
    } catch (error) {
      last = error;
    }
    if (Date.now() > deadline)
      throw new Error(`timed out waiting for ${what}${last ? `: ${(last as Error).message}` : ''}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
