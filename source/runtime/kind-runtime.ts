import { KubeCluster } from '../cluster/kube-cluster.ts';
import { describeReadiness, readReadiness } from '../kind/cluster-readiness.ts';
import { detectEngine } from '../kind/container-engine.ts';
import { engineMissing, engineNotRunning } from '../kind/kind-failure.ts';
import { loadContext } from '../kind/kind-kubeconfig.ts';
import { defaultClusterName, kindContext } from '../kind/kind-versions.ts';
import { type ToolRunner, toolRunner } from '../kind/tool-runner.ts';
import type { Capability } from '../lesson-format/lesson-types.ts';
import { kindProbe } from '../probe/kind/kind-probe.ts';
import { type Runtime, RuntimeUnavailableError } from './runtime.ts';

export interface KindRuntimeOptions {
  clusterName?: string;
  env?: NodeJS.ProcessEnv;
  platform?: NodeJS.Platform;
  run?: ToolRunner;
}

/**
 * The kind cluster the tutor created, as a runtime. It always uses the context kind wrote for
 * that cluster (`kind-expose-tutor`), never the kubeconfig's current context: writes can only
 * reach the tutor's own cluster. The API goes through client-node like the sandbox's.
 */
export async function openKindRuntime(options: KindRuntimeOptions = {}): Promise<Runtime> {
  const env = options.env ?? process.env;
  const platform = options.platform ?? process.platform;
  const run = options.run ?? toolRunner(env);
  const name = options.clusterName ?? defaultClusterName;
  const context = kindContext(name);
  const engine = await detectEngine(run, env, platform);
  if (engine.state === 'missing') throw new RuntimeUnavailableError(engineMissing);
  if (engine.state === 'not-running')
    throw new RuntimeUnavailableError(engineNotRunning(engine.name));
  const kubeConfig = await loadContext(context, env);
  if (!kubeConfig)
    throw new RuntimeUnavailableError(
      `no kubeconfig context ${context}: create the cluster with \`k8s-expose-tutor cluster up\``,
    );
  const cluster = new KubeCluster(kubeConfig);
  const readiness = await readReadiness(cluster);
  if (readiness.error || readiness.nodes.length === 0 || !readiness.nodes.every((n) => n.ready))
    throw new RuntimeUnavailableError(
      `cluster "${name}" is not ready (${describeReadiness(readiness)}): run \`k8s-expose-tutor cluster up\``,
    );
  // cloud-provider-kind provides all three; without it lessons that need them say so.
  const capabilities = new Set<Capability>();
  if (readiness.gatewayClass) capabilities.add('gateway').add('loadBalancer');
  if (readiness.ingressClass) capabilities.add('ingress');
  const server = kubeConfig.getCurrentCluster()?.server ?? 'unknown';
  return {
    name: 'kind',
    description: `kind (cluster "${name}", context ${context}, API on ${server})`,
    cluster,
    probe: kindProbe({
      kubeConfig,
      run,
      engine: engine.name,
      inVirtualMachine: engine.inVirtualMachine,
    }),
    capabilities,
    timeScale: 1,
    stop: async () => {},
  };
}
