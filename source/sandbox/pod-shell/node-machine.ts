import { nodeAddress } from '../network/node-hosts.ts';
import { type MachineContext, machineNetwork, nameServerFor } from './machine-context.ts';
import type { ShellMachine } from './shell-machine.ts';

/** The kind network's gateway, where Docker's embedded DNS answers kind nodes. */
export const kindNetworkGateway = '172.18.0.1';

/**
 * A kind node as a machine (`docker exec <node> …`): its InternalIP, the hosts file Docker
 * writes, and Docker's DNS, which knows the node names but not the cluster's Service names.
 */
export function nodeMachine(context: MachineContext, name: string): ShellMachine | undefined {
  const ip = nodeAddress(context.store, name);
  if (!ip) return undefined;
  const hosts = [
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'ff00::0\tip6-mcastprefix',
    'ff02::1\tip6-allnodes',
    'ff02::2\tip6-allrouters',
    `${ip}\t${name}`,
    '',
  ].join('\n');
  const resolvConf = `nameserver ${kindNetworkGateway}\noptions ndots:0\n`;
  return {
    hostname: name,
    files: new Map([
      ['/etc/hosts', hosts],
      ['/etc/resolv.conf', resolvConf],
      ['/etc/hostname', `${name}\n`],
    ]),
    env: {
      PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
      HOSTNAME: name,
      container: 'docker',
    },
    network: machineNetwork(context, ip, nameServerFor(context.dns, kindNetworkGateway, {})),
  };
}
