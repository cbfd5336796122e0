/** /etc/resolv.conf: what a machine's resolver is told. */
export interface ResolvConf {
  nameservers: string[];
  search: string[];
  ndots: number;
}

/** The file as the kubelet writes it for a `ClusterFirst` pod. */
export function podResolvConf(namespace: string, clusterDomain: string, dnsIP: string): string {
  return [
    `search ${namespace}.svc.${clusterDomain} svc.${clusterDomain} ${clusterDomain}`,
    `nameserver ${dnsIP}`,
    'options ndots:5',
    '',
  ].join('\n');
}

export function parseResolvConf(text: string | undefined): ResolvConf {
  const conf: ResolvConf = { nameservers: [], search: [], ndots: 1 };
  for (const line of (text ?? '').split('\n')) {
    const [keyword, ...values] = line.trim().split(/\s+/);
    if (keyword === 'nameserver' && values[0]) conf.nameservers.push(values[0]);
    else if (keyword === 'search' || keyword === 'domain') conf.search = values;
    else if (keyword === 'options') {
      for (const option of values) {
        const ndots = /^ndots:(\d+)$/.exec(option);
        if (ndots) conf.ndots = Math.min(Number(ndots[1]), 15);
      }
    }
  }
  return conf;
}

/**
 * The names a resolver tries for `name`, in order. A name with fewer dots than `ndots` goes
 * through the search list first; a name with a trailing dot is tried alone.
 */
export function searchCandidates(name: string, conf: ResolvConf): string[] {
  if (name.endsWith('.')) return [name.slice(0, -1)];
  const dots = name.split('.').length - 1;
  const searched = conf.search.map((domain) => `${name}.${domain}`);
  return dots >= conf.ndots ? [name, ...searched] : [...searched, name];
}
