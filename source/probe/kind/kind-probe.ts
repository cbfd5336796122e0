import type { KubeConfig } from '@kubernetes/client-node';
import type { ToolRunner } from '../../kind/tool-runner.ts';
import { PodProbe } from '../pod-probe.ts';
import type { Probe, ProbeRequest, ProbeResult, ProbeRun } from '../probe.ts';
import { desktopAddresses } from './desktop-addresses.ts';
import { HostCurlProbe, routableAsIs } from './host-curl-probe.ts';
import { NodeExecProbe } from './node-exec-probe.ts';

export interface KindProbeOptions {
  kubeConfig: KubeConfig;
  run: ToolRunner;
  engine: string;
  /** Docker Desktop or a podman machine: node IPs are not routable from this machine. */
  inVirtualMachine: boolean;
}

/**
 * The Probe for a kind cluster. From a pod: curl through `pods/exec` with client-node (the
 * same PodProbe the sandbox uses). From a node: `docker exec <node> curl`. From your machine:
 * this machine's curl, to node and LoadBalancer IPs on Linux, to published ports elsewhere.
 */
export function kindProbe(options: KindProbeOptions): Probe {
  const pods = new PodProbe(options.kubeConfig);
  const nodes = new NodeExecProbe(options.run, options.engine);
  const host = new HostCurlProbe(
    options.run,
    options.inVirtualMachine ? desktopAddresses(options.run, options.engine) : routableAsIs,
  );
  return {
    send(request: ProbeRequest, onResult?: (result: ProbeResult) => void): Promise<ProbeRun> {
      const { from } = request;
      switch (from.from) {
        case 'pod':
          return pods.send(from, request, onResult);
        case 'node':
          return nodes.send(from, request, onResult);
        case 'host':
          return host.send(request, onResult);
      }
    },
  };
}
