import type { KubeConfig } from '@kubernetes/client-node';
import { displayedCurl } from './curl-command.ts';
import { sendWithCurl } from './curl-probe.ts';
import { PodExec } from './exec-in-pod.ts';
import type { ProbeRequest, ProbeResult, ProbeRun, VantagePoint } from './probe.ts';
import { shellCommand } from './shell-words.ts';

export type PodVantagePoint = Extract<VantagePoint, { from: 'pod' }>;

/** `kubectl exec -n NS POD [-c C] -- curl -s URL`: what a learner types for the same request. */
export function podCommand(from: PodVantagePoint, request: ProbeRequest): string {
  return shellCommand([
    'kubectl',
    'exec',
    '-n',
    from.namespace,
    from.pod,
    ...(from.container ? ['-c', from.container] : []),
    '--',
    ...displayedCurl(request.target),
  ]);
}

/**
 * Probes from a pod: `curl` runs in the pod's container through `pods/exec` (client-node's
 * Exec), so the same code drives the sandbox and real clusters. The pod's image needs curl;
 * agnhost has it.
 */
export class PodProbe {
  private readonly exec: PodExec;

  constructor(kubeConfig: KubeConfig) {
    this.exec = new PodExec(kubeConfig);
  }

  send(
    from: PodVantagePoint,
    request: ProbeRequest,
    onResult?: (result: ProbeResult) => void,
  ): Promise<ProbeRun> {
    return sendWithCurl(
      request,
      async (argv) => {
        const result = await this.exec.run(from.namespace, from.pod, from.container, argv);
        return result.ran
          ? result
          : { failed: `kubectl exec into ${from.namespace}/${from.pod} failed: ${result.reason}` };
      },
      podCommand(from, request),
      onResult,
    );
  }
}
