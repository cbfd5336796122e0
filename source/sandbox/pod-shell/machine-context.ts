import { clusterDomain } from '../cluster/topology.ts';
import type { ClusterDns, DnsVantage } from '../network/cluster-dns.ts';
import type { DataPlane } from '../network/data-plane.ts';
import { EphemeralPorts } from '../network/ephemeral-ports.ts';
import type { ObjectStore } from '../store/object-store.ts';
import type { DnsResponse, MachineNetwork, NameServer } from './shell-machine.ts';

/** What the sandbox's machines (pods and nodes) are built from. */
export interface MachineContext {
  store: ObjectStore;
  dataPlane: DataPlane;
  dns: ClusterDns;
}

/** Source ports for connections commands open, shared by every machine of a process. */
const ports = new EphemeralPorts();

/** A nameserver that asks the cluster's DNS as `vantage` (CoreDNS for a pod, Docker's for a node). */
export function nameServerFor(dns: ClusterDns, address: string, vantage: DnsVantage): NameServer {
  return {
    address,
    async queryA(fqdn): Promise<DnsResponse> {
      const answer = dns.query(fqdn, vantage);
      if (answer.status === 'NXDOMAIN') return { rcode: 'NXDOMAIN' };
      const authoritative =
        vantage.namespace !== undefined &&
        (answer.name === clusterDomain || answer.name.endsWith(`.${clusterDomain}`));
      return {
        rcode: 'NOERROR',
        cnames: answer.cname ? [{ name: answer.name, target: `${answer.cname}.` }] : [],
        addresses: answer.addresses,
        authoritative,
      };
    },
  };
}

/**
 * A machine's network: connections leave from `ip` over the fabric. Connections to the
 * machine's loopback reach its own sockets (the pod's own server), still from 127.0.0.1.
 */
export function machineNetwork(
  context: MachineContext,
  ip: string,
  nameServer: NameServer,
): MachineNetwork {
  return {
    ip,
    nameServer,
    async connect(destination, timeoutMs) {
      const loopback = destination.ip.startsWith('127.');
      const localPort = ports.take();
      const socket = await context.dataPlane.network.dial(
        {
          source: { ip: loopback ? '127.0.0.1' : ip, port: localPort },
          destination: loopback ? { ip, port: destination.port } : destination,
        },
        timeoutMs,
      );
      return { socket, localPort };
    },
  };
}
