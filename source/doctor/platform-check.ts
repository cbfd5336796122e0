import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'Platform';

/** The traps of where the engine runs: a VM (node IPs unroutable) and rootless (ports < 1024). */
export async function checkPlatform(context: DoctorContext): Promise<CheckResult> {
  const engine = await context.engine;
  if (engine.state !== 'running')
    return {
      id: 'platform',
      title,
      status: 'warn',
      detail: `${context.io.platform}; the engine does not answer, so its networking is unknown`,
      fix: 'start the container engine and run doctor again',
    };
  if (engine.rootless)
    return {
      id: 'platform',
      title,
      status: 'warn',
      detail: `rootless ${engine.name}: ports below 1024 cannot be published on this machine`,
      fix: 'LoadBalancers on port 80 are reached through the high port cloud-provider-kind maps (`--enable-lb-port-mapping`; see `docker ps` for kindccm-… containers)',
    };
  if (engine.inVirtualMachine)
    return {
      id: 'platform',
      title,
      status: 'warn',
      detail: `${engine.product} runs the nodes in a VM: node IPs (172.18.0.x) are not routable from this machine`,
      fix: 'the tutor curls NodePorts on 127.0.0.1 (mapped by cluster up) and LoadBalancers on the localhost ports cloud-provider-kind publishes; or curl from a node with `docker exec`',
    };
  return {
    id: 'platform',
    title,
    status: 'ok',
    detail: `${engine.product} on Linux: node and LoadBalancer IPs are routable from this machine`,
  };
}
