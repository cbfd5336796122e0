import { KubeCluster } from '../cluster/kube-cluster.ts';
import { describeReadiness, isClusterReady, readReadiness } from '../kind/cluster-readiness.ts';
import { loadContext } from '../kind/kind-kubeconfig.ts';
import { KindTool } from '../kind/kind-tool.ts';
import { kindContext } from '../kind/kind-versions.ts';
import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'Tutor cluster';

/** `kind get clusters` lists it, its context exists, and its nodes are Ready (client-node). */
export async function checkCluster(context: DoctorContext): Promise<CheckResult> {
  const { clusterName: name } = context;
  const up = '`k8s-expose-tutor cluster up`';
  const engine = await context.engine;
  if (engine.state !== 'running')
    return {
      id: 'cluster',
      title,
      status: 'fail',
      detail: 'cannot look: the container engine does not answer',
      fix: 'start the container engine first',
    };
  const clusters = await new KindTool(context.io.run).clusters();
  if (!clusters.ok || !clusters.names.includes(name))
    return {
      id: 'cluster',
      title,
      status: 'fail',
      detail: clusters.ok ? `no kind cluster named "${name}"` : 'kind cannot list clusters',
      fix: `create it with ${up}`,
    };
  const contextName = kindContext(name);
  const kubeConfig = await loadContext(contextName, context.io.env);
  if (!kubeConfig)
    return {
      id: 'cluster',
      title,
      status: 'fail',
      detail: `cluster "${name}" exists but your kubeconfig has no context ${contextName}`,
      fix: `run \`kind export kubeconfig --name ${name}\``,
    };
  const readiness = await readReadiness(new KubeCluster(kubeConfig), context.io.signal);
  const detail = `"${name}" (context ${contextName}): ${describeReadiness(readiness)}`;
  if (isClusterReady(readiness)) return { id: 'cluster', title, status: 'ok', detail };
  const nodesReady =
    !readiness.error && readiness.nodes.length > 0 && readiness.nodes.every((node) => node.ready);
  if (nodesReady)
    return {
      id: 'cluster',
      title,
      status: 'warn',
      detail,
      fix: 'cloud-provider-kind creates the IngressClass and GatewayClass once it runs',
    };
  return { id: 'cluster', title, status: 'fail', detail, fix: `run ${up} and let it wait` };
}
