import { type Runtime, type RuntimeName, RuntimeUnavailableError } from './runtime.ts';

export interface OpenRuntimeOptions {
  pace?: number;
}

/**
 * Starts the named runtime. Only the sandbox exists so far; kind and kubeconfig contexts are
 * the next runtimes (they will plug in here with the same Cluster and Probe interfaces).
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
    case 'kind':
      throw new RuntimeUnavailableError(
        'the kind runtime is not available yet: use --runtime sandbox',
      );
    case 'context':
      throw new RuntimeUnavailableError(
        'the context runtime is not available yet: use --runtime sandbox',
      );
  }
}
