import type { ContextRuntimeOptions } from './context-runtime.ts';
import type { Runtime, RuntimeName } from './runtime.ts';

export interface OpenRuntimeOptions {
  pace?: number;
  /** Where the kind runtime finds docker, kind and the kubeconfig (default: process.env). */
  env?: NodeJS.ProcessEnv;
  /** The context runtime's opt-in: --context, --allow-writes and the typed name. */
  context?: Omit<ContextRuntimeOptions, 'env'>;
}

/**
 * Starts the named runtime: the sandbox, the tutor's kind cluster, or a kubeconfig context the
 * user opted in to — all with the same Cluster and Probe interfaces.
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
    case 'context': {
      const { openContextRuntime } = await import('./context-runtime.ts');
      return openContextRuntime({ ...options.context, env: options.env });
    }
  }
}
