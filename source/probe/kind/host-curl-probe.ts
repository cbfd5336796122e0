import type { ToolRunner } from '../../kind/tool-runner.ts';
import { podCIDR, serviceCIDR } from '../../sandbox/cluster/topology.ts';
import { inCidr } from '../../sandbox/network/ipv4.ts';
import { displayedCurl } from '../curl-command.ts';
import { sendWithCurl } from '../curl-probe.ts';
import { tallyHits } from '../hit-tally.ts';
import type { ProbeRequest, ProbeResult, ProbeRun, ProbeTarget } from '../probe.ts';
import { shellCommand } from '../shell-words.ts';

/**
 * Rewrites an address the host cannot reach to one it can (Docker Desktop), keeps it, or says
 * why this machine has no route to it.
 */
export type HostAddressMap = (
  target: ProbeTarget,
) => Promise<ProbeTarget | { unreachable: string }>;

/** The URL's host when it is an IPv4 address. */
export function ipOf(url: string): string | undefined {
  try {
    const host = new URL(url).hostname;
    return /^\d+\.\d+\.\d+\.\d+$/.test(host) ? host : undefined;
  } catch {
    return undefined;
  }
}

/** Cluster IPs and pod IPs exist only inside the cluster, on every platform (as the sandbox says). */
export function clusterInternal(ip: string | undefined): string | undefined {
  if (!ip) return undefined;
  if (inCidr(ip, serviceCIDR))
    return `${ip} is a cluster-internal address: your machine has no route to it`;
  if (inCidr(ip, podCIDR))
    return `${ip} is a pod address inside the cluster: your machine has no route to it`;
  return undefined;
}

/** Linux: node and load-balancer IPs are routable on the kind network; cluster ones are not. */
export const routableAsIs: HostAddressMap = async (target) => {
  const unreachable = clusterInternal(
    ipOf(target.resolveTo ? `http://${target.resolveTo}/` : target.url),
  );
  return unreachable ? { unreachable } : target;
};

/**
 * Probes from your machine with the machine's own curl. On Linux node and load-balancer IPs
 * are routable, so the URL is used as it is; on Docker Desktop `addresses` swaps them for the
 * 127.0.0.1 ports kind and cloud-provider-kind publish — and the command shown is that one.
 */
export class HostCurlProbe {
  constructor(
    private readonly run: ToolRunner,
    private readonly addresses: HostAddressMap = routableAsIs,
  ) {}

  async send(request: ProbeRequest, onResult?: (result: ProbeResult) => void): Promise<ProbeRun> {
    const mapped = await this.addresses(request.target);
    if ('unreachable' in mapped) return unreachableRun(request, mapped.unreachable, onResult);
    const target = mapped;
    const reachable = { ...request, target };
    return sendWithCurl(
      reachable,
      async (argv) => {
        const [file = 'curl', ...args] = argv;
        const result = await this.run(file, args);
        return result.found ? result : { failed: 'curl is not installed on this machine' };
      },
      shellCommand(displayedCurl(target)),
      onResult,
    );
  }
}

/** Every request of the run fails the same way, without leaving this machine. */
function unreachableRun(
  request: ProbeRequest,
  detail: string,
  onResult?: (result: ProbeResult) => void,
): ProbeRun {
  const results: ProbeResult[] = [];
  const count = Math.max(1, request.count ?? 1);
  for (let index = 0; index < count; index++) {
    const result: ProbeResult = {
      index,
      command: shellCommand(displayedCurl(request.target)),
      outcome: { kind: 'unreachable-from-host', detail },
      latencyMs: 0,
    };
    results.push(result);
    onResult?.(result);
  }
  return { results, tally: tallyHits(results) };
}
