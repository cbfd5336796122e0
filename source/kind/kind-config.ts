import { stringify } from 'yaml';
import { lessonNodePorts, nodeImage } from './kind-versions.ts';

export interface KindConfigOptions {
  /** True on Docker Desktop and podman machines: map the lessons' NodePorts to the host. */
  mapNodePorts: boolean;
  image?: string;
}

/**
 * The kind cluster the lessons expect: one control-plane and two workers (the sandbox's
 * shape). Where node IPs are not routable from the host, the control-plane node publishes
 * the lessons' NodePorts on 127.0.0.1 — kube-proxy serves a NodePort on every node, and the
 * node's containerPort must equal the Service's nodePort.
 */
export function kindConfig(options: KindConfigOptions): string {
  const image = options.image ?? nodeImage;
  const controlPlane: Record<string, unknown> = { role: 'control-plane', image };
  if (options.mapNodePorts) {
    controlPlane.extraPortMappings = lessonNodePorts.map((port) => ({
      containerPort: port,
      hostPort: port,
      listenAddress: '127.0.0.1',
      protocol: 'TCP',
    }));
  }
  const config = {
    kind: 'Cluster',
    apiVersion: 'kind.x-k8s.io/v1alpha4',
    nodes: [controlPlane, { role: 'worker', image }, { role: 'worker', image }],
  };
  return `# Written by k8s-expose-tutor (cluster up).\n${stringify(config)}`;
}
