/** /etc/hosts: static names a machine resolves before asking DNS. */

export interface PodHostsOptions {
  podIP: string;
  hostname: string;
  /** `<subdomain>.<namespace>.svc.<cluster domain>` when the pod sets `spec.subdomain`. */
  hostDomain?: string;
  hostAliases?: { ip: string; hostnames: string[] }[];
}

/** The file as the kubelet manages it for a pod (not host-network). */
export function podHostsFile(options: PodHostsOptions): string {
  const lines = [
    '# Kubernetes-managed hosts file.',
    '127.0.0.1\tlocalhost',
    '::1\tlocalhost ip6-localhost ip6-loopback',
    'fe00::0\tip6-localnet',
    'fe00::0\tip6-mcastprefix',
    'fe00::1\tip6-allnodes',
    'fe00::2\tip6-allrouters',
    options.hostDomain
      ? `${options.podIP}\t${options.hostname}.${options.hostDomain}\t${options.hostname}`
      : `${options.podIP}\t${options.hostname}`,
  ];
  const aliases = options.hostAliases ?? [];
  if (aliases.length > 0) {
    lines.push('', '# Entries added by HostAliases.');
    for (const alias of aliases) lines.push(`${alias.ip}\t${alias.hostnames.join('\t')}`);
  }
  return `${lines.join('\n')}\n`;
}

/** The IPv4 addresses the file gives for `name` (case-insensitive), in file order. */
export function hostsLookup(text: string | undefined, name: string): string[] {
  const wanted = name.toLowerCase().replace(/\.$/, '');
  const found: string[] = [];
  for (const raw of (text ?? '').split('\n')) {
    const line = raw.replace(/#.*/, '').trim();
    if (!line) continue;
    const [address, ...names] = line.split(/\s+/);
    if (!address || address.includes(':')) continue;
    if (names.some((entry) => entry.toLowerCase() === wanted)) found.push(address);
  }
  return found;
}
