import type { Sandbox } from '../../sandbox/sandbox.ts';
import { PodProbe } from '../pod-probe.ts';
import type { Probe, ProbeRequest, ProbeResult, ProbeRun } from '../probe.ts';
import { HostProbe } from './host-probe.ts';
import { NodeProbe } from './node-probe.ts';

/**
 * The Probe for a sandbox. From a pod: `curl` through the sandbox's `pods/exec` with
 * client-node, exactly as against a real cluster. From a node: the node's own view over the
 * fabric. From your machine: real HTTP to the sandbox's loopback listeners.
 */
export function sandboxProbe(
  sandbox: Pick<Sandbox, 'store' | 'dataPlane' | 'clusterNetwork' | 'kubeconfig'>,
): Probe {
  const nodes = new NodeProbe({
    store: sandbox.store,
    dataPlane: sandbox.dataPlane,
    dns: sandbox.clusterNetwork.dns,
  });
  const host = new HostProbe(sandbox.dataPlane);
  let pods: Promise<PodProbe> | undefined;
  const podProbe = () => {
    pods ??= import('../../kube/client-node.ts').then(({ KubeConfig }) => {
      const kubeConfig = new KubeConfig();
      kubeConfig.loadFromString(sandbox.kubeconfig());
      return new PodProbe(kubeConfig);
    });
    return pods;
  };
  return {
    async send(request: ProbeRequest, onResult?: (result: ProbeResult) => void): Promise<ProbeRun> {
      const { from } = request;
      switch (from.from) {
        case 'pod':
          return (await podProbe()).send(from, request, onResult);
        case 'node':
          return nodes.send(from, request, onResult);
        case 'host':
          return host.send(request, onResult);
      }
    },
  };
}
