import { probeTargetOf } from '../../lesson-engine/probe-step.ts';
import type { ProbeStep } from '../../lesson-format/lesson-types.ts';
import type { ProbeRequest } from '../../probe/probe.ts';
import type { PathRequest } from '../state/request-path.ts';

/**
 * A probe step's request, built outside the engine so the learner can send it again ("20
 * more") after the step has run. The engine's probeRequestOf needs a running step's context;
 * here the variables come from the engine's `variable-saved` events instead.
 */
export function probeRequestFor(
  step: ProbeStep,
  namespace: string,
  variables: Readonly<Record<string, string>>,
  count: number,
  signal?: AbortSignal,
): ProbeRequest {
  const values = new Map(Object.entries({ ...variables, namespace }));
  return {
    ...probeTargetOf(step, namespace, values),
    count,
    timeoutMs: step.timeoutMs,
    ...(signal ? { signal } : {}),
  };
}

/** The same step as the Path pane needs it. */
export function pathRequestFor(
  step: ProbeStep,
  namespace: string,
  variables: Readonly<Record<string, string>>,
): PathRequest {
  const request = probeRequestFor(step, namespace, variables, 1);
  return {
    from: step.from,
    url: request.target.url,
    namespace,
    ...(request.target.hostHeader ? { hostHeader: request.target.hostHeader } : {}),
    ...(request.target.resolveTo ? { resolveTo: request.target.resolveTo } : {}),
  };
}
