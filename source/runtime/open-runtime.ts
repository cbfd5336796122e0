import { type Runtime, type RuntimeName, RuntimeUnavailableError } from './runtime.ts';

export interface OpenRuntimeOptions {
  pace?: number;
  /** Where the kind runtime finds docker, kind and the kubeconfig (default: process.env). */
  env?: NodeJS.ProcessEnv;
}

/**
 * Starts the named runtime: the sandbox, or the tutor's kind cluster. Kubeconfig contexts are
 * the next runtime (it will plug in here with the same Cluster and Probe interfaces).
 */
export async function openRuntime(
  name: RuntimeName,
  options: OpenRuntimeOptions = {},
): Promise<Runtime> {
  switch (name) {
    case 'sandbox': {
      const { startSandboxRuntime } = await import('./sandbox-runtime.ts');
      return startSandboxRuntime({ pace: options.pace });
    }
    case 'kind': {
      const { openKindRuntime } = await import('./kind-runtime.ts');
      return openKindRuntime({ env: options.env });
    }
    case 'context':
      throw new RuntimeUnavailableError(
        'the context runtime is not available yet: use --runtime sandbox',
      );
  }
}
