import { KubeConfig } from '@kubernetes/client-node';
import { loadContext } from '../../kind/kind-kubeconfig.ts';
import { defaultClusterName, kindContext } from '../../kind/kind-versions.ts';
import type { Runtime } from '../../runtime/runtime.ts';
import type { SandboxRuntime } from '../../runtime/sandbox-runtime.ts';

/**
 * A client-node config for a runtime's API, for the Objects pane's watch. The Runtime interface
 * carries no kubeconfig, so this reads it where each runtime keeps one: the sandbox's own, the
 * tutor's kind context (never the current context). Undefined when it cannot tell.
 */
export async function kubeConfigFor(
  runtime: Runtime,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KubeConfig | undefined> {
  if ('sandbox' in runtime) {
    const kubeConfig = new KubeConfig();
    kubeConfig.loadFromString((runtime as SandboxRuntime).sandbox.kubeconfig());
    return kubeConfig;
  }
  if (runtime.name === 'kind') return loadContext(kindContext(defaultClusterName), env);
  return undefined;
}
