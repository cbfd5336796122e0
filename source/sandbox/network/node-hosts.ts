import type { Json } from '../api/kube-object.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { AddressOwner } from './data-plane.ts';

/**
 * The nodes as hosts on the network: their InternalIPs, and what a connection to a node port
 * nobody claimed meets. kube-proxy's node ports and hostNetwork pods are asked first; whatever
 * is left reaches the node's kernel with nothing listening, which refuses it.
 *
 *   nodeNameAt(store, ip)   → the node whose InternalIP this is
 *   nodeAddress(store, name) → a node's InternalIP
 *   nodeHostOwner(store)    → the AddressOwner that refuses unclaimed ports on node IPs
 */

const nodesId = '/nodes';

export function nodeAddress(store: ObjectStore, name: string): string | undefined {
  const addresses: Json[] = store.peek(nodesId, undefined, name)?.status?.addresses ?? [];
  return addresses.find((a) => a.type === 'InternalIP')?.address;
}

export function nodeNameAt(store: ObjectStore, ip: string): string | undefined {
  for (const node of store.scan(nodesId)) {
    const addresses: Json[] = node.status?.addresses ?? [];
    if (addresses.some((a) => a.type === 'InternalIP' && a.address === ip)) {
      return node.metadata.name;
    }
  }
  return undefined;
}

export function nodeHostOwner(store: ObjectStore): AddressOwner {
  return (flow) => (nodeNameAt(store, flow.destination.ip) ? { type: 'refuse' } : undefined);
}
