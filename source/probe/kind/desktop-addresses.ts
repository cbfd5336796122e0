import type { ToolRunner } from '../../kind/tool-runner.ts';
import type { ProbeTarget } from '../probe.ts';
import { clusterInternal, type HostAddressMap, ipOf } from './host-curl-probe.ts';

/** `0.0.0.0:42381->80/tcp, 127.0.0.1:30080->30080/tcp` → container port → host port. */
export function publishedPorts(ports: string): Map<number, number> {
  const map = new Map<number, number>();
  for (const part of ports.split(',')) {
    const match = /:(\d+)->(\d+)\/tcp/.exec(part.trim());
    if (match) map.set(Number(match[2]), Number(match[1]));
  }
  return map;
}

/**
 * Docker Desktop: node and load-balancer IPs live in the VM. A container that publishes the
 * target's port answers for it on 127.0.0.1: the kind node the address belongs to (its
 * extraPortMappings), or cloud-provider-kind's `kindccm-…` Envoy container holding a
 * LoadBalancer address. Read from `docker ps` and `docker inspect` at each probe, since
 * cloud-provider-kind adds containers as Services appear.
 */
export function desktopAddresses(run: ToolRunner, engine: string): HostAddressMap {
  return async (target: ProbeTarget) => {
    let url: URL;
    try {
      url = new URL(target.url);
    } catch {
      return target;
    }
    const internal = clusterInternal(
      ipOf(target.resolveTo ? `http://${target.resolveTo}/` : target.url),
    );
    if (internal) return { unreachable: internal };
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    // TLS keeps its name for SNI; `--resolve` cannot change the port, so leave it as asked.
    if (target.resolveTo && url.protocol === 'https:') return target;
    const address = target.resolveTo ?? url.hostname;
    const listed = await run(engine, ['ps', '--format', '{{.Names}}\t{{.Ports}}']);
    if (listed.exitCode !== 0) return target;
    for (const line of listed.stdout.split('\n')) {
      const [name = '', ports = ''] = line.split('\t');
      const hostPort = publishedPorts(ports).get(port);
      if (!name || hostPort === undefined) continue;
      const inspected = await run(engine, [
        'inspect',
        '--format',
        '{{range .NetworkSettings.Networks}}{{.IPAddress}} {{end}}',
        name,
      ]);
      if (!inspected.stdout.split(/\s+/).includes(address)) continue;
      const local = new URL(url);
      local.hostname = '127.0.0.1';
      local.port = String(hostPort);
      // Name-based routing still sees the name the learner asked for.
      const hostHeader = target.hostHeader ?? (target.resolveTo ? url.host : undefined);
      const { resolveTo: _dropped, ...rest } = target;
      return { ...rest, url: local.toString(), ...(hostHeader ? { hostHeader } : {}) };
    }
    const ip = ipOf(target.resolveTo ? `http://${target.resolveTo}/` : target.url);
    if (ip && !ip.startsWith('127.'))
      return {
        unreachable: `${ip} is inside ${engine === 'podman' ? "the podman machine's" : "Docker Desktop's"} VM: from this machine only ports published on 127.0.0.1 are reachable (the lessons' NodePorts on the control-plane node, LoadBalancers through cloud-provider-kind)`,
      };
    return target;
  };
}
