import { cloudProviderInstructions, findCloudProvider } from '../kind/cloud-provider.ts';
import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'cloud-provider-kind';

/** Running as a container (the tutor's or anyone's) or as a process on this machine. */
export async function checkCloudProvider(context: DoctorContext): Promise<CheckResult> {
  const engine = await context.engine;
  if (engine.state !== 'running')
    return {
      id: 'cloud-provider-kind',
      title,
      status: 'fail',
      detail: 'cannot look: the container engine does not answer',
      fix: 'start the container engine first',
    };
  const state = await findCloudProvider(context.io.run, engine.name, context.io.platform);
  if (state.running)
    return {
      id: 'cloud-provider-kind',
      title,
      status: 'ok',
      detail:
        state.how === 'process'
          ? 'running as a process on this machine'
          : `running in container ${state.container}`,
    };
  const startsIt = context.io.platform === 'linux' && engine.name === 'docker';
  return {
    id: 'cloud-provider-kind',
    title,
    status: 'fail',
    detail:
      'not running: LoadBalancer Services stay <pending>, Ingress and Gateway have no controller',
    fix: startsIt
      ? '`k8s-expose-tutor cluster up` starts it as a container'
      : cloudProviderInstructions(context.io.platform),
  };
}
