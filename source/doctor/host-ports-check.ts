import { lessonNodePorts } from '../kind/kind-versions.ts';
import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'Host ports';

/** The ports the cluster's control-plane publishes, from `docker port` (`30080/tcp -> 127.0.0.1:30080`). */
async function publishedPorts(context: DoctorContext, engine: string): Promise<Set<number>> {
  const result = await context.io.run(engine, ['port', `${context.clusterName}-control-plane`]);
  const ports = new Set<number>();
  if (result.exitCode !== 0) return ports;
  for (const line of result.stdout.split('\n')) {
    const host = /->\s*[\d.:[\]]*:(\d+)\s*$/.exec(line);
    if (host) ports.add(Number(host[1]));
  }
  return ports;
}

/**
 * Where node IPs are not routable (Docker Desktop, podman machines), the lessons' NodePorts
 * are published on 127.0.0.1: each must be free, or already published by the tutor's cluster.
 * On Linux, NodePorts are reached on the node IPs and no host port is needed.
 */
export async function checkHostPorts(context: DoctorContext): Promise<CheckResult> {
  const engine = await context.engine;
  if (engine.state === 'running' && !engine.inVirtualMachine)
    return {
      id: 'host-ports',
      title,
      status: 'ok',
      detail: 'none needed: NodePorts are reached on the node IPs',
    };
  const ours = engine.state === 'running' ? await publishedPorts(context, engine.name) : new Set();
  const taken: number[] = [];
  for (const port of lessonNodePorts) {
    if (ours.has(port)) continue;
    if (!(await context.io.portIsFree(port))) taken.push(port);
  }
  const list = lessonNodePorts.join(', ');
  if (taken.length === 0)
    return {
      id: 'host-ports',
      title,
      status: 'ok',
      detail: `${list} on 127.0.0.1 ${ours.size > 0 ? `published by ${context.clusterName}-control-plane` : 'free for the NodePort lessons'}`,
    };
  return {
    id: 'host-ports',
    title,
    status: 'fail',
    detail: `${taken.join(', ')} on 127.0.0.1 already in use; the NodePort lessons publish ${list} there`,
    fix: `stop what listens there (\`lsof -i :${taken[0]}\`), then run \`k8s-expose-tutor cluster up\``,
  };
}
