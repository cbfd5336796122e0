import type { Json, KubeObject } from '../../api/kube-object.ts';
import type { DataPlane } from '../../network/data-plane.ts';
import { probePodReadiness } from '../../network/readiness-probe.ts';

/**
 * Decides whether a running pod is ready. With a data plane the default runs the pods'
 * readiness probes for real over it (network/readiness-probe.ts); without one it says yes.
 * Called once the containers have started (after `initialDelaySeconds`), then every
 * `readinessProbe.periodSeconds` for pods that declare a probe (so Ready can flip both ways),
 * or every second until it first says yes for pods without one; both scaled by the pace.
 * `successThreshold`/`failureThreshold` consecutive answers flip Ready, as the kubelet's
 * prober worker does; a failure's `message` becomes an `Unhealthy` event.
 */
export type ReadinessCheck = (
  pod: Readonly<KubeObject>,
) => ReadinessVerdict | Promise<ReadinessVerdict>;

export type ReadinessVerdict = boolean | { ready: boolean; message?: string };

/** The default check: the pod's readiness probes, sent from its node's IP. */
export function defaultReadinessCheck(
  dataPlane: DataPlane | undefined,
  nodeIP: (node: string) => string,
): ReadinessCheck {
  if (!dataPlane) return () => true;
  return async (pod) => {
    const result = await probePodReadiness(
      dataPlane,
      pod,
      nodeIP(String(pod.spec?.nodeName ?? '')),
    );
    return { ready: result.success, ...(result.message ? { message: result.message } : {}) };
  };
}

/** Asks the check, turning a throw or a rejection into "not ready". */
export async function askReadiness(
  check: ReadinessCheck,
  pod: Readonly<KubeObject>,
): Promise<{ ready: boolean; message?: string | undefined }> {
  let answer: ReadinessVerdict;
  try {
    answer = await check(pod);
  } catch {
    answer = false;
  }
  return typeof answer === 'boolean' ? { ready: answer } : answer;
}

/** Consecutive equal answers, as the prober worker counts them. */
export interface ProbeStreak {
  ready: boolean;
  count: number;
}

/**
 * The prober worker after one answer: Ready changes once enough answers in a row agree (it
 * starts unready). A declared probe is asked again every period; without one, only a "not
 * yet" is asked again, a second later.
 */
export function afterProbeAnswer(
  streak: ProbeStreak | undefined,
  answer: boolean,
  probe: Json | undefined,
  wasReady: boolean,
): { streak: ProbeStreak; ready: boolean; againInSeconds: number | undefined } {
  const count = streak?.ready === answer ? streak.count + 1 : 1;
  const threshold = answer ? (probe?.successThreshold ?? 1) : (probe?.failureThreshold ?? 3);
  const ready = count >= threshold ? answer : wasReady;
  const againInSeconds = probe ? (probe.periodSeconds ?? 10) : ready ? undefined : 1;
  return { streak: { ready: answer, count }, ready, againInSeconds };
}
