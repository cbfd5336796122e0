import { type Json, type KubeObject, objectKey } from '../api/kube-object.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { ServiceEndpoint } from './endpoint-choice.ts';
import { KeyGroups } from './key-groups.ts';

/**
 * Services as kube-proxy sees them, kept current from the store's events: which Service owns a
 * cluster IP or a node port, and the endpoints its EndpointSlices list for one of its ports
 * (targetPort already resolved per pod by the EndpointSlice controller, named ports included).
 *
 *   serviceAtClusterIP(ip)  → the Service with that cluster IP
 *   serviceAtNodePort(port) → the Service and its port that allocated that node port
 *   endpointsOf(service, portName) → every endpoint of that port, deduplicated
 *   slicesOf(namespace, name) → the Service's EndpointSlices
 */
export class ServiceIndex {
  private readonly byClusterIP = new Map<string, string>();
  private readonly byNodePort = new Map<number, string>();
  private readonly addressesOfService = new Map<string, { ips: string[]; ports: number[] }>();
  private readonly slicesOfService = new KeyGroups();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.subscribe((event) => {
      const object = event.object;
      const key = objectKey(object.metadata.namespace, object.metadata.name!);
      if (event.resource === servicesId) {
        this.forgetService(key);
        if (event.type !== 'DELETED') this.rememberService(key, object);
      } else if (event.resource === slicesId) {
        if (event.type === 'DELETED') this.slicesOfService.remove(key);
        else this.rememberSlice(key, object);
      }
    });
    for (const service of store.scan(servicesId)) {
      this.rememberService(objectKey(service.metadata.namespace, service.metadata.name!), service);
    }
    for (const slice of store.scan(slicesId)) {
      this.rememberSlice(objectKey(slice.metadata.namespace, slice.metadata.name!), slice);
    }
  }

  serviceAtClusterIP(ip: string): Readonly<KubeObject> | undefined {
    const key = this.byClusterIP.get(ip);
    return key === undefined ? undefined : this.peek(servicesId, key);
  }

  serviceAtNodePort(port: number): { service: Readonly<KubeObject>; port: Json } | undefined {
    const key = this.byNodePort.get(port);
    const service = key === undefined ? undefined : this.peek(servicesId, key);
    const servicePort = ((service?.spec?.ports ?? []) as Json[]).find(
      (p) => p.nodePort === port && (p.protocol ?? 'TCP') === 'TCP',
    );
    return service && servicePort ? { service, port: servicePort } : undefined;
  }

  slicesOf(namespace: string, name: string): Readonly<KubeObject>[] {
    const keys = this.slicesOfService.membersOf(objectKey(namespace, name));
    return [...keys].sort().flatMap((key) => {
      const slice = this.peek(slicesId, key);
      return slice ? [slice] : [];
    });
  }

  /** The endpoints of one Service port, read from its IPv4 EndpointSlices. */
  endpointsOf(service: Readonly<KubeObject>, portName: string): ServiceEndpoint[] {
    const seen = new Set<string>();
    const endpoints: ServiceEndpoint[] = [];
    for (const slice of this.slicesOf(service.metadata.namespace!, service.metadata.name!)) {
      if (slice.addressType !== 'IPv4') continue;
      const port = ((slice.ports ?? []) as Json[]).find(
        (p) => (p.name ?? '') === portName && (p.protocol ?? 'TCP') === 'TCP',
      );
      if (typeof port?.port !== 'number') continue;
      for (const endpoint of (slice.endpoints ?? []) as Json[]) {
        const ip: string | undefined = endpoint.addresses?.[0];
        if (!ip || seen.has(`${ip}:${port.port}`)) continue;
        seen.add(`${ip}:${port.port}`);
        // Unset conditions mean ready, and serving follows ready (discovery/v1 docs).
        const ready = endpoint.conditions?.ready !== false;
        endpoints.push({
          ip,
          port: port.port,
          ...(endpoint.nodeName ? { nodeName: endpoint.nodeName } : {}),
          ...(endpoint.targetRef?.kind === 'Pod' ? { podName: endpoint.targetRef.name } : {}),
          ready,
          serving: endpoint.conditions?.serving ?? ready,
          terminating: endpoint.conditions?.terminating === true,
        });
      }
    }
    return endpoints;
  }

  stop(): void {
    this.unsubscribe();
  }

  private peek(resource: string, key: string): Readonly<KubeObject> | undefined {
    const slash = key.indexOf('/');
    return this.store.peek(resource, key.slice(0, slash), key.slice(slash + 1));
  }

  private rememberService(key: string, service: Readonly<KubeObject>): void {
    const spec = service.spec ?? {};
    const ips = ((spec.clusterIPs as string[] | undefined) ?? [spec.clusterIP]).filter(
      (ip): ip is string => typeof ip === 'string' && ip !== '' && ip !== 'None',
    );
    const ports =
      spec.type === 'ExternalName'
        ? []
        : ((spec.ports ?? []) as Json[])
            .map((p) => p.nodePort)
            .filter((p): p is number => typeof p === 'number');
    for (const ip of ips) this.byClusterIP.set(ip, key);
    for (const port of ports) this.byNodePort.set(port, key);
    this.addressesOfService.set(key, { ips, ports });
  }

  private forgetService(key: string): void {
    const held = this.addressesOfService.get(key);
    if (!held) return;
    this.addressesOfService.delete(key);
    for (const ip of held.ips) if (this.byClusterIP.get(ip) === key) this.byClusterIP.delete(ip);
    for (const port of held.ports)
      if (this.byNodePort.get(port) === key) this.byNodePort.delete(port);
  }

  private rememberSlice(key: string, slice: Readonly<KubeObject>): void {
    const serviceName = slice.metadata.labels?.[serviceNameLabel];
    if (serviceName)
      this.slicesOfService.set(key, objectKey(slice.metadata.namespace, serviceName));
    else this.slicesOfService.remove(key);
  }
}

const servicesId = '/services';
const slicesId = 'discovery.k8s.io/endpointslices';
const serviceNameLabel = 'kubernetes.io/service-name';
