import type { Json } from '../../api/kube-object.ts';
import { parseIPv4 } from '../../network/ipv4.ts';
import { isPodReady } from '../pod-state.ts';
import { canonicalJson } from '../semantic-equality.ts';
import {
  findTargetPort,
  hostnameFor,
  type Pod,
  podIPv4,
  type Service,
  shouldPodBeInEndpoints,
} from './service-backend.ts';

/**
 * The `subsets` of a Service's core/v1 Endpoints, as the endpoints controller builds them: one
 * address per pod and port, then repacked so that addresses offering the same ports share a
 * subset. Ready pods go to `addresses`, the rest to `notReadyAddresses` (unless the Service
 * publishes not-ready addresses); terminating pods are left out unless it does.
 */
export function endpointsSubsets(service: Service, pods: readonly Pod[]): Json[] {
  const publishNotReady = service.spec?.publishNotReadyAddresses === true;
  const servicePorts: Json[] = service.spec?.ports ?? [];
  const headlessWithoutPorts = servicePorts.length === 0 && service.spec?.clusterIP === 'None';
  const entries: { address: Json; ready: boolean; port: Json | undefined }[] = [];
  for (const pod of pods) {
    if (!shouldPodBeInEndpoints(pod, publishNotReady)) continue;
    const ip = podIPv4(pod);
    if (!ip) continue;
    const hostname = hostnameFor(pod, service);
    const address: Json = {
      ip,
      ...(hostname ? { hostname } : {}),
      nodeName: pod.spec?.nodeName ?? '',
      targetRef: {
        kind: 'Pod',
        namespace: pod.metadata.namespace,
        name: pod.metadata.name,
        uid: pod.metadata.uid,
      },
    };
    const ready = publishNotReady || isPodReady(pod);
    if (headlessWithoutPorts) {
      entries.push({ address, ready, port: undefined });
      continue;
    }
    for (const servicePort of servicePorts) {
      const port = findTargetPort(pod, servicePort);
      if (port === undefined) continue;
      entries.push({
        address,
        ready,
        port: {
          ...(servicePort.name ? { name: servicePort.name } : {}),
          port,
          protocol: servicePort.protocol ?? 'TCP',
          ...(servicePort.appProtocol ? { appProtocol: servicePort.appProtocol } : {}),
        },
      });
    }
  }
  return repack(entries);
}

/**
 * Groups ports by the exact set of addresses behind them, then emits one subset per distinct
 * address set (RepackSubsets). Not ready wins over ready for the same address and port.
 */
function repack(entries: { address: Json; ready: boolean; port: Json | undefined }[]): Json[] {
  const addressesByPort = new Map<
    string,
    { port: Json | undefined; addresses: Map<string, { address: Json; ready: boolean }> }
  >();
  for (const { address, ready, port } of entries) {
    const portKey = port ? canonicalJson(port) : '';
    let group = addressesByPort.get(portKey);
    if (!group) {
      group = { port, addresses: new Map() };
      addressesByPort.set(portKey, group);
    }
    const addressKey = `${address.ip}/${address.targetRef?.uid ?? ''}`;
    const known = group.addresses.get(addressKey);
    group.addresses.set(addressKey, { address, ready: ready && (known?.ready ?? true) });
  }

  const subsets = new Map<
    string,
    { addresses: { address: Json; ready: boolean }[]; ports: Json[] }
  >();
  for (const { port, addresses } of addressesByPort.values()) {
    const members = [...addresses.values()].sort((a, b) => compareAddresses(a.address, b.address));
    const key = JSON.stringify(
      members.map((m) => [m.address.ip, m.address.targetRef?.uid, m.ready]),
    );
    let subset = subsets.get(key);
    if (!subset) {
      subset = { addresses: members, ports: [] };
      subsets.set(key, subset);
    }
    if (port) subset.ports.push(port);
  }

  return [...subsets.values()]
    .map(({ addresses, ports }) => {
      const ready = addresses.filter((m) => m.ready).map((m) => m.address);
      const notReady = addresses.filter((m) => !m.ready).map((m) => m.address);
      const sortedPorts = [...ports].sort(comparePorts);
      return {
        ...(ready.length > 0 ? { addresses: ready } : {}),
        ...(notReady.length > 0 ? { notReadyAddresses: notReady } : {}),
        ...(sortedPorts.length > 0 ? { ports: sortedPorts } : {}),
      };
    })
    .sort((a, b) => compareAddresses(firstAddress(a), firstAddress(b)));
}

function firstAddress(subset: Json): Json {
  return subset.addresses?.[0] ?? subset.notReadyAddresses?.[0] ?? {};
}

/** Addresses sort by IP (numerically), then by pod uid. */
function compareAddresses(a: Json, b: Json): number {
  const byIp = ipNumber(a.ip) - ipNumber(b.ip);
  if (byIp !== 0) return byIp;
  const left = a.targetRef?.uid ?? '';
  const right = b.targetRef?.uid ?? '';
  return left < right ? -1 : left > right ? 1 : 0;
}

function comparePorts(a: Json, b: Json): number {
  const left = `${a.name ?? ''}/${a.protocol}`;
  const right = `${b.name ?? ''}/${b.protocol}`;
  if (left !== right) return left < right ? -1 : 1;
  return a.port - b.port;
}

function ipNumber(ip: unknown): number {
  return (typeof ip === 'string' ? parseIPv4(ip) : undefined) ?? 0;
}
