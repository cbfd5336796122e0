import { KubeConfig } from '@kubernetes/client-node';
import { KubeCluster } from '../cluster/kube-cluster.ts';
import type { Capability } from '../lesson-format/lesson-types.ts';
import { sandboxProbe } from '../probe/sandbox/sandbox-probe.ts';
import { kubernetesVersion } from '../sandbox/cluster/seed.ts';
import { type Sandbox, startSandbox } from '../sandbox/sandbox.ts';
import type { Runtime } from './runtime.ts';

export interface SandboxRuntimeOptions {
  /** The controllers' pace (1: kind-like delays; tests use less). */
  pace?: number;
  /** False: no LoadBalancer gets an address, as on a cluster without a provider. */
  loadBalancer?: boolean;
}

export interface SandboxRuntime extends Runtime {
  readonly sandbox: Sandbox;
}

/**
 * The embedded sandbox as a runtime: an in-process cluster reached over its real HTTPS API
 * with client-node, like any other cluster, plus the sandbox's probe.
 */
export async function startSandboxRuntime(
  options: SandboxRuntimeOptions = {},
): Promise<SandboxRuntime> {
  const pace = options.pace ?? 1;
  const loadBalancer = options.loadBalancer ?? true;
  const sandbox = await startSandbox({ controllerOptions: { pace, loadBalancer } });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sandbox.kubeconfig());
  const capabilities = new Set<Capability>(['ingress', 'gateway']);
  if (loadBalancer) capabilities.add('loadBalancer');
  return {
    name: 'sandbox',
    description: `sandbox (embedded Kubernetes ${kubernetesVersion} API on ${sandbox.url})`,
    sandbox,
    cluster: new KubeCluster(kubeConfig),
    probe: sandboxProbe(sandbox),
    capabilities,
    timeScale: Math.min(1, Math.max(0.1, pace)),
    stop: () => sandbox.stop(),
  };
}
