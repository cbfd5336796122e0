import { KubeCluster } from '../cluster/kube-cluster.ts';
import { loadContext } from '../kind/kind-kubeconfig.ts';
import { toolRunner } from '../kind/tool-runner.ts';
import type { Capability } from '../lesson-format/lesson-types.ts';
import { tallyHits } from '../probe/hit-tally.ts';
import { HostCurlProbe } from '../probe/kind/host-curl-probe.ts';
import { PodProbe } from '../probe/pod-probe.ts';
import type { Probe, ProbeResult } from '../probe/probe.ts';
import { namespacedOnly } from './namespaced-only.ts';
import { type Runtime, RuntimeUnavailableError } from './runtime.ts';

export interface ContextRuntimeOptions {
  /** The kubeconfig context named with --context; never the current context implicitly. */
  context?: string;
  /** --allow-writes: the user knows lessons create objects in that cluster. */
  allowWrites?: boolean;
  /** Asks the user to type the context's name; resolves to what they typed. */
  confirm?: (context: string) => Promise<string>;
  env?: NodeJS.ProcessEnv;
}

/**
 * Refuses unless the user named the context, allowed writes and typed its name. Runs before
 * the kubeconfig is even read, so a refusal sends no request to any cluster.
 */
export async function checkContextOptIn(options: ContextRuntimeOptions): Promise<string> {
  const { context } = options;
  if (!context || !options.allowWrites)
    throw new RuntimeUnavailableError(
      'lessons create objects in the cluster they run on: name a context with --context NAME and add --allow-writes (you will be asked to type its name), or use --runtime kind or sandbox',
    );
  const typed = options.confirm ? (await options.confirm(context)).trim() : '';
  if (typed !== context)
    throw new RuntimeUnavailableError(
      `not confirmed: type the context name "${context}" exactly to let the lesson write to it`,
    );
  return context;
}

/**
 * Any kubeconfig context, with the opt-in. Lessons stay in the tutor's labelled namespaces
 * (KubeCluster refuses a namespace it did not create; cluster-scoped writes are refused) and
 * cleanup deletes by label only.
 * Probes: from a pod (pods/exec) and from this machine; nodes are not reachable generically.
 */
export async function openContextRuntime(options: ContextRuntimeOptions): Promise<Runtime> {
  const context = await checkContextOptIn(options);
  const env = options.env ?? process.env;
  const kubeConfig = await loadContext(context, env);
  if (!kubeConfig)
    throw new RuntimeUnavailableError(
      `no context "${context}" in your kubeconfig: see \`kubectl config get-contexts\``,
    );
  const cluster = namespacedOnly(new KubeCluster(kubeConfig), context);
  const pods = new PodProbe(kubeConfig);
  const host = new HostCurlProbe(toolRunner(env));
  const probe: Probe = {
    async send(request, onResult) {
      const { from } = request;
      if (from.from === 'pod') return pods.send(from, request, onResult);
      if (from.from === 'host') return host.send(request, onResult);
      const result: ProbeResult = {
        index: 0,
        command: `# no node vantage point on context ${context}`,
        outcome: {
          kind: 'error',
          detail: `the context runtime cannot run commands on node ${from.node}`,
        },
        latencyMs: 0,
      };
      onResult?.(result);
      return { results: [result], tally: tallyHits([result]) };
    },
  };
  const capabilities = new Set<Capability>();
  const classes = async (apiVersion: string, kind: string) =>
    cluster.list({ apiVersion, kind }).then(
      (items) => items.length > 0,
      () => false,
    );
  if (await classes('networking.k8s.io/v1', 'IngressClass')) capabilities.add('ingress');
  if (await classes('gateway.networking.k8s.io/v1', 'GatewayClass')) capabilities.add('gateway');
  return {
    name: 'context',
    description: `context ${context} (API on ${kubeConfig.getCurrentCluster()?.server ?? 'unknown'})`,
    cluster,
    probe,
    capabilities,
    timeScale: 1,
    stop: async () => {},
  };
}
