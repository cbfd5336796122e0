import type { ToolRunner } from '../../kind/tool-runner.ts';
import { displayedCurl } from '../curl-command.ts';
import { sendWithCurl } from '../curl-probe.ts';
import type { ProbeRequest, ProbeResult, ProbeRun, ProbeTarget } from '../probe.ts';
import { shellCommand } from '../shell-words.ts';

/** Rewrites an address the host cannot reach to one it can (Docker Desktop), or keeps it. */
export type HostAddressMap = (target: ProbeTarget) => Promise<ProbeTarget>;

export const routableAsIs: HostAddressMap = async (target) => target;

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
    const target = await this.addresses(request.target);
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
