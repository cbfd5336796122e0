import { KubeCluster } from '../cluster/kube-cluster.ts';
import { findCloudProvider } from './cloud-provider.ts';
import { describeReadiness, isClusterReady, readReadiness } from './cluster-readiness.ts';
import type { KindIo } from './kind-io.ts';
import { loadContext } from './kind-kubeconfig.ts';
import { kindContext } from './kind-versions.ts';
import { existingClusters, requireEngine, requireKind } from './preflight.ts';

/** `cluster status`: what exists, one line each. Resolves to true when ready for lessons. */
export async function clusterStatus(options: { name: string }, io: KindIo): Promise<boolean> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const engine = await requireEngine(io);
  say(`Engine: ${engine.product} ${engine.serverVersion} (${engine.name})`);
  const kind = await requireKind(io);
  const { name } = options;
  const exists = (await existingClusters(kind, engine.name)).includes(name);
  const provider = await findCloudProvider(io.run, engine.name, io.platform);
  const providerLine = !provider.running
    ? 'not running'
    : provider.how === 'process'
      ? 'running (a process on this machine)'
      : `running (container ${provider.container})`;
  if (!exists) {
    say(`Cluster "${name}": does not exist (create it with \`k8s-expose-tutor cluster up\`)`);
    say(`cloud-provider-kind: ${providerLine}`);
    return false;
  }
  say(`Cluster "${name}": exists (context ${kindContext(name)})`);
  say(`cloud-provider-kind: ${providerLine}`);
  const kubeConfig = await loadContext(kindContext(name), io.env);
  if (!kubeConfig) {
    say(
      `Kubeconfig: no context ${kindContext(name)} (run \`kind export kubeconfig --name ${name}\`)`,
    );
    return false;
  }
  const readiness = await readReadiness(new KubeCluster(kubeConfig), io.signal);
  say(`API: ${describeReadiness(readiness)}`);
  return isClusterReady(readiness) && provider.running;
}
