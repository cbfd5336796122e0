import { shellCommand } from '../probe/shell-words.ts';
import type { KubeObject } from '../sandbox/api/kube-object.ts';
import type { ReachReport, RouteReport, ServicePortReport } from './inspect-report.ts';

/** The image the tutor uses as an in-cluster client: it has curl. */
const clientImage = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

export interface ReachInput {
  service: KubeObject;
  ports: ServicePortReport[];
  context: string;
  /** InternalIP of each node that should answer on a node port (all, or those with local endpoints). */
  nodeAddresses: string[] | null;
  loadBalancer: string[];
  routes: RouteReport[];
}

/** How to reach a Service from a pod, from a node and from outside, as commands to copy. */
export function reachCommands(input: ReachInput): ReachReport[] {
  const { service, ports } = input;
  const namespace = service.metadata.namespace ?? 'default';
  const dnsName = `${service.metadata.name}.${namespace}.svc.cluster.local`;
  const reach: ReachReport[] = [];
  const tcp = ports.filter((port) => port.protocol === 'TCP');
  const first = tcp[0];
  if (service.spec?.type === 'ExternalName') {
    reach.push({
      from: 'pod',
      via: 'cluster DNS (CNAME)',
      target: `${dnsName} → ${service.spec.externalName}`,
      command: podCommand(input.context, `nslookup ${dnsName}`),
    });
    return reach;
  }
  if (first) {
    const target = `${dnsName}:${first.port}`;
    reach.push({
      from: 'pod',
      via: service.spec?.clusterIP === 'None' ? 'cluster DNS (pod addresses)' : 'cluster DNS',
      target,
      command: podCommand(input.context, `curl -sS http://${target}/`),
    });
  }
  for (const port of tcp) {
    if (port.nodePort === undefined) continue;
    const address = input.nodeAddresses?.[0] ?? '<node-address>';
    reach.push({
      from: 'node',
      via: 'node port',
      target: (input.nodeAddresses?.length ? input.nodeAddresses : ['<each node address>'])
        .map((node) => `${node}:${port.nodePort}`)
        .join(', '),
      command: `curl -sS http://${address}:${port.nodePort}/`,
    });
  }
  for (const address of input.loadBalancer)
    for (const port of tcp)
      reach.push({
        from: 'outside',
        via: 'load balancer',
        target: `${address}:${port.port}`,
        command: `curl -sS http://${address}:${port.port}/`,
      });
  for (const address of service.spec?.externalIPs ?? [])
    for (const port of tcp)
      reach.push({
        from: 'outside',
        via: 'external IP',
        target: `${address}:${port.port}`,
        command: `curl -sS http://${address}:${port.port}/`,
      });
  for (const route of input.routes) {
    if (!route.url || !route.address) continue;
    const url = new URL(route.url);
    const named = route.host !== '*' && !route.host.startsWith('*.');
    const port = url.port || (url.protocol === 'https:' ? '443' : '80');
    reach.push({
      from: 'outside',
      via: route.kind === 'Ingress' ? `Ingress ${route.name}` : `HTTPRoute ${route.name}`,
      target: route.url,
      command: named
        ? `curl -sS --resolve ${url.hostname}:${port}:${route.address} ${route.url}`
        : `curl -sS ${route.url}`,
    });
  }
  return reach;
}

function podCommand(context: string, command: string): string {
  // agnhost's entrypoint is agnhost itself: --command runs curl/nslookup instead.
  return `${shellCommand(['kubectl', '--context', context, 'run', 'inspect-client', '--rm', '-i', '--restart=Never', `--image=${clientImage}`, '--command', '--'])} ${command}`;
}
