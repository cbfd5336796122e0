import type { ToolRunner } from '../../kind/tool-runner.ts';
import { displayedCurl } from '../curl-command.ts';
import { sendWithCurl } from '../curl-probe.ts';
import type { ProbeRequest, ProbeResult, ProbeRun, VantagePoint } from '../probe.ts';
import { shellCommand } from '../shell-words.ts';

export type NodeVantagePoint = Extract<VantagePoint, { from: 'node' }>;

/**
 * Probes from a kind node: `docker exec <node> curl …` — a kind node is a container, and its
 * image has curl. The engine's own error (`No such container: …`) is kept as the detail.
 */
export class NodeExecProbe {
  constructor(
    private readonly run: ToolRunner,
    private readonly engine: string,
  ) {}

  send(
    from: NodeVantagePoint,
    request: ProbeRequest,
    onResult?: (result: ProbeResult) => void,
  ): Promise<ProbeRun> {
    const command = shellCommand([
      this.engine,
      'exec',
      from.node,
      ...displayedCurl(request.target),
    ]);
    return sendWithCurl(
      request,
      async (argv) => {
        const result = await this.run(this.engine, ['exec', from.node, ...argv]);
        if (!result.found) return { failed: `${this.engine} is not installed` };
        // curl's own exit codes stay curl's; the engine's failures (125, 126, 127) do not.
        if (result.exitCode >= 125 || /Error response from daemon/.test(result.stderr))
          return { failed: result.stderr.trim() || `${this.engine} exec failed` };
        return result;
      },
      command,
      onResult,
    );
  }
}
