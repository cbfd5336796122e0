import { KubeConfig } from '@kubernetes/client-node';
import type { SandboxHarness } from './sandbox.ts';

/** A client-node KubeConfig for the harness's sandbox, loaded from the kubeconfig it wrote. */
export function kubeConfigFor(harness: SandboxHarness): KubeConfig {
  const kc = new KubeConfig();
  kc.loadFromFile(harness.kubeconfigPath);
  return kc;
}
