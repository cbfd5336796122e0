import type { Json, KubeObject } from '../api/kube-object.ts';
import { clusterDomain, dnsServiceIP, kubernetesServiceIP } from '../cluster/topology.ts';
import { dnsVantageOf } from '../network/cluster-dns.ts';
import { podHostsFile } from './hosts-file.ts';
import { type MachineContext, machineNetwork, nameServerFor } from './machine-context.ts';
import { nodeMachine } from './node-machine.ts';
import { parseResolvConf, podResolvConf } from './resolv-conf.ts';
import type { ShellMachine } from './shell-machine.ts';

/** The hostname a pod's containers get: spec.hostname, else the pod's name, cut to 63. */
export function podHostname(pod: Readonly<KubeObject>): string {
  return String(pod.spec?.hostname || pod.metadata.name).slice(0, 63);
}

/**
 * resolv.conf for a pod, as the kubelet writes it: the cluster's DNS and search path for
 * `ClusterFirst` (a hostNetwork pod needs `ClusterFirstWithHostNet` for that), the node's file
 * for `Default`, nothing for `None`; then `dnsConfig` appended, options merged by name.
 */
function resolvConfOf(pod: Readonly<KubeObject>, nodeResolvConf: string): string {
  const policy = pod.spec?.dnsPolicy ?? 'ClusterFirst';
  const config: Json | undefined = pod.spec?.dnsConfig;
  const cluster =
    policy === 'ClusterFirstWithHostNet' || (policy === 'ClusterFirst' && !pod.spec?.hostNetwork);
  if (cluster && !config)
    return podResolvConf(pod.metadata.namespace!, clusterDomain, dnsServiceIP);
  const base = cluster
    ? parseResolvConf(podResolvConf(pod.metadata.namespace!, clusterDomain, dnsServiceIP))
    : policy === 'None'
      ? { nameservers: [], search: [], ndots: 1 }
      : parseResolvConf(nodeResolvConf);
  if (!config) return nodeResolvConf;
  const nameservers = [
    ...new Set([...base.nameservers, ...((config.nameservers ?? []) as string[])]),
  ];
  const searches = [...new Set([...base.search, ...((config.searches ?? []) as string[])])];
  const options = new Map<string, string>(cluster ? [['ndots', 'ndots:5']] : []);
  for (const option of (config.options ?? []) as Json[]) {
    options.set(
      option.name,
      option.value !== undefined ? `${option.name}:${option.value}` : option.name,
    );
  }
  return [
    ...(searches.length ? [`search ${searches.join(' ')}`] : []),
    ...nameservers.map((server) => `nameserver ${server}`),
    ...(options.size ? [`options ${[...options.values()].join(' ')}`] : []),
    '',
  ].join('\n');
}

/**
 * A pod's container as a machine: its hostname, the /etc/hosts and /etc/resolv.conf the
 * kubelet writes, its environment, and its network — the pod's IP, CoreDNS through the pod's
 * search path, connections over the fabric. A hostNetwork pod shares its node's.
 */
export function podMachine(
  context: MachineContext,
  pod: Readonly<KubeObject>,
  containerName?: string,
): ShellMachine {
  const node = pod.spec?.nodeName ? nodeMachine(context, pod.spec.nodeName) : undefined;
  const hostNetwork = pod.spec?.hostNetwork === true && node !== undefined;
  const podIP: string = pod.status?.podIP ?? '';
  const ip = hostNetwork ? node.network.ip : podIP;
  const hostname = hostNetwork ? node.hostname : podHostname(pod);
  const subdomain = pod.spec?.subdomain as string | undefined;
  const hosts = hostNetwork
    ? node.files.get('/etc/hosts')!
    : podHostsFile({
        podIP,
        hostname,
        ...(subdomain
          ? { hostDomain: `${subdomain}.${pod.metadata.namespace}.svc.${clusterDomain}` }
          : {}),
        hostAliases: ((pod.spec?.hostAliases ?? []) as Json[]).map((alias) => ({
          ip: alias.ip,
          hostnames: alias.hostnames ?? [],
        })),
      });
  const resolvConf = resolvConfOf(pod, node?.files.get('/etc/resolv.conf') ?? '');
  const nameserver = /^nameserver\s+(\S+)/m.exec(resolvConf)?.[1] ?? dnsServiceIP;
  const container =
    ((pod.spec?.containers ?? []) as Json[]).find((c) => c.name === containerName) ??
    (pod.spec?.containers?.[0] as Json | undefined);
  return {
    hostname,
    files: new Map([
      ['/etc/hosts', hosts],
      ['/etc/resolv.conf', resolvConf],
      ['/etc/hostname', `${hostname}\n`],
    ]),
    env: containerEnvironment(hostname, container),
    network: machineNetwork(context, ip, nameServerFor(context.dns, nameserver, dnsVantageOf(pod))),
  };
}

/** The environment a process started by `kubectl exec` sees: the image's and the pod's. */
function containerEnvironment(
  hostname: string,
  container: Json | undefined,
): Record<string, string> {
  const env: Record<string, string> = {
    PATH: '/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin',
    HOSTNAME: hostname,
  };
  for (const variable of (container?.env ?? []) as Json[]) {
    if (typeof variable.value === 'string') env[variable.name] = variable.value;
  }
  Object.assign(env, {
    KUBERNETES_SERVICE_HOST: kubernetesServiceIP,
    KUBERNETES_SERVICE_PORT: '443',
    KUBERNETES_SERVICE_PORT_HTTPS: '443',
    KUBERNETES_PORT: `tcp://${kubernetesServiceIP}:443`,
    KUBERNETES_PORT_443_TCP: `tcp://${kubernetesServiceIP}:443`,
    KUBERNETES_PORT_443_TCP_PROTO: 'tcp',
    KUBERNETES_PORT_443_TCP_PORT: '443',
    KUBERNETES_PORT_443_TCP_ADDR: kubernetesServiceIP,
    HOME: '/root',
  });
  return env;
}
