import type { MachineContext } from '../../sandbox/pod-shell/machine-context.ts';
import { nodeMachine } from '../../sandbox/pod-shell/node-machine.ts';
import { runCaptured } from '../../sandbox/pod-shell/run-command.ts';
import { displayedCurl } from '../curl-command.ts';
import { sendWithCurl } from '../curl-probe.ts';
import type { ProbeRequest, ProbeResult, ProbeRun, VantagePoint } from '../probe.ts';
import { shellCommand } from '../shell-words.ts';

export type NodeVantagePoint = Extract<VantagePoint, { from: 'node' }>;

/** `docker exec <node> curl -s URL`: the same request from a kind node. */
export function nodeCommand(from: NodeVantagePoint, request: ProbeRequest): string {
  return shellCommand(['docker', 'exec', from.node, ...displayedCurl(request.target)]);
}

/**
 * Probes from a node of the sandbox: curl runs as the node would run it (`docker exec` on
 * kind) — from the node's IP, with Docker's DNS, which resolves node names but no Service
 * names. Cluster IPs, node ports and pod IPs are all reachable from a node.
 */
export class NodeProbe {
  constructor(private readonly context: MachineContext) {}

  send(
    from: NodeVantagePoint,
    request: ProbeRequest,
    onResult?: (result: ProbeResult) => void,
  ): Promise<ProbeRun> {
    return sendWithCurl(
      request,
      async (argv) => {
        const machine = nodeMachine(this.context, from.node);
        if (!machine)
          return { failed: `Error response from daemon: No such container: ${from.node}` };
        return (await runCaptured(machine, argv, request.signal)) ?? { failed: 'curl: not found' };
      },
      nodeCommand(from, request),
      onResult,
    );
  }
}
