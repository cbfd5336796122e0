import type { KubeObject } from '../api/kube-object.ts';
import type { ObjectStore } from '../store/object-store.ts';

export interface AllocationsInUse {
  clusterIPs: Set<string>;
  /** Node ports and health-check node ports share one range. */
  nodePorts: Set<number>;
}

/**
 * What every stored Service holds, except the one being written (`namespace/name`): the
 * allocators' view of the cluster, rebuilt from the store on each admission.
 */
export function allocationsInUse(
  store: ObjectStore,
  except?: { namespace: string | undefined; name: string | undefined },
): AllocationsInUse {
  const inUse: AllocationsInUse = { clusterIPs: new Set(), nodePorts: new Set() };
  for (const service of store.scan('/services')) {
    if (
      except &&
      service.metadata.namespace === except.namespace &&
      service.metadata.name === except.name
    )
      continue;
    addHoldings(service, inUse);
  }
  return inUse;
}

export function addHoldings(service: Readonly<KubeObject>, inUse: AllocationsInUse): void {
  const spec = service.spec ?? {};
  const ips: unknown[] = Array.isArray(spec.clusterIPs) ? spec.clusterIPs : [spec.clusterIP];
  for (const ip of ips)
    if (typeof ip === 'string' && ip !== '' && ip !== 'None') inUse.clusterIPs.add(ip);
  for (const port of nodePortsOf(service)) inUse.nodePorts.add(port);
}

/** The node ports a Service holds: its ports' and its health-check node port. */
export function nodePortsOf(service: Readonly<KubeObject> | undefined): number[] {
  const spec = service?.spec ?? {};
  const ports: number[] = [];
  for (const port of Array.isArray(spec.ports) ? spec.ports : []) {
    if (typeof port?.nodePort === 'number' && port.nodePort !== 0) ports.push(port.nodePort);
  }
  if (typeof spec.healthCheckNodePort === 'number' && spec.healthCheckNodePort !== 0)
    ports.push(spec.healthCheckNodePort);
  return ports;
}
