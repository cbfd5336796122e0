import { KubeConfig } from '@kubernetes/client-node';
import type { Runtime } from '../../runtime/runtime.ts';
import type { SandboxRuntime } from '../../runtime/sandbox-runtime.ts';

/**
 * A client-node config for a runtime's API, for the Objects pane's watch: the sandbox's own
 * kubeconfig, else the user's (kind and contexts live there). The Runtime interface carries no
 * kubeconfig, so this reads it where each runtime keeps one.
 */
export function kubeConfigFor(runtime: Runtime): KubeConfig {
  const kubeConfig = new KubeConfig();
  if ('sandbox' in runtime)
    kubeConfig.loadFromString((runtime as SandboxRuntime).sandbox.kubeconfig());
  else kubeConfig.loadFromDefault();
  return kubeConfig;
}
