import { hostsLookup } from './hosts-file.ts';
import { parseResolvConf, searchCandidates } from './resolv-conf.ts';
import type { ShellMachine } from './shell-machine.ts';

export type HostLookup =
  | { found: true; addresses: string[] }
  | { found: false; reason: 'not-found' | 'no-nameserver' };

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function isIPv4(text: string): boolean {
  const match = ipv4.exec(text);
  return match?.slice(1).every((part) => Number(part) <= 255) ?? false;
}

/**
 * getaddrinfo() as a program on the machine sees it: an address literal, then /etc/hosts,
 * then the nameserver from /etc/resolv.conf through the search list (musl's order: the search
 * list first for names with fewer than `ndots` dots, the name itself last).
 */
export async function lookupHost(machine: ShellMachine, name: string): Promise<HostLookup> {
  if (isIPv4(name)) return { found: true, addresses: [name] };
  const hosts = hostsLookup(machine.files.get('/etc/hosts'), name);
  if (hosts.length > 0) return { found: true, addresses: hosts };
  const conf = parseResolvConf(machine.files.get('/etc/resolv.conf'));
  if (conf.nameservers.length === 0) return { found: false, reason: 'no-nameserver' };
  for (const candidate of searchCandidates(name, conf)) {
    const answer = await machine.network.nameServer.queryA(candidate);
    if (answer.rcode === 'NOERROR' && answer.addresses.length > 0)
      return { found: true, addresses: answer.addresses };
  }
  return { found: false, reason: 'not-found' };
}
