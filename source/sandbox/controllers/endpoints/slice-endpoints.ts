import type { Json } from '../../api/kube-object.ts';
import { isPodReady } from '../pod-state.ts';
import { canonicalJson } from '../semantic-equality.ts';
import {
  findTargetPort,
  hostnameFor,
  isPodTerminating,
  type Pod,
  podIPv4,
  type Service,
} from './service-backend.ts';

/**
 * A pod as an endpoint of an EndpointSlice, the Service's ports as the slice's ports, and the
 * keys that tell endpoints and port sets apart (k8s.io/endpointslice's utils).
 */

const zoneLabel = 'topology.kubernetes.io/zone';

export type Endpoint = Json;
export type EndpointPort = Json;

export function podToEndpoint(
  pod: Pod,
  service: Service,
  nodeLabels: Record<string, string> | undefined,
): Endpoint {
  const serving = isPodReady(pod);
  const terminating = isPodTerminating(pod);
  // For compatibility, a terminating pod is never ready unless not-ready addresses are published.
  const ready = service.spec?.publishNotReadyAddresses === true || (serving && !terminating);
  const ip = podIPv4(pod);
  const hostname = hostnameFor(pod, service);
  const zone = nodeLabels?.[zoneLabel];
  return {
    addresses: ip ? [ip] : [],
    conditions: { ready, serving, terminating },
    ...(hostname ? { hostname } : {}),
    targetRef: {
      kind: 'Pod',
      namespace: pod.metadata.namespace,
      name: pod.metadata.name,
      uid: pod.metadata.uid,
    },
    ...(pod.spec?.nodeName ? { nodeName: pod.spec.nodeName } : {}),
    ...(zone ? { zone } : {}),
  };
}

/** The Service's ports with targetPort resolved on this pod; ports the pod lacks are left out. */
export function endpointPorts(service: Service, pod: Pod): EndpointPort[] {
  const servicePorts: Json[] = service.spec?.ports ?? [];
  const ports: EndpointPort[] = [];
  for (const servicePort of servicePorts) {
    const port = findTargetPort(pod, servicePort);
    if (port === undefined) continue;
    ports.push({
      name: servicePort.name ?? '',
      protocol: servicePort.protocol ?? 'TCP',
      port,
      ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
    });
  }
  return ports;
}

/** Endpoints are the same endpoint when address, hostname and target pod agree. */
export function endpointKey(endpoint: Endpoint): string {
  return canonicalJson({
    addresses: [...(endpoint.addresses ?? [])].sort(),
    hostname: endpoint.hostname ?? '',
    namespace: endpoint.targetRef?.namespace ?? '',
    name: endpoint.targetRef?.name ?? '',
  });
}

/** Port sets are compared regardless of order. */
export function portsKey(ports: readonly EndpointPort[] | null | undefined): string {
  return JSON.stringify((ports ?? []).map((port) => canonicalJson(port)).sort());
}
