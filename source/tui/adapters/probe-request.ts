import type { ProbeStep } from '../../lesson-format/lesson-types.ts';
import { substitute } from '../../lesson-format/variables.ts';
import type { ProbeRequest, VantagePoint } from '../../probe/probe.ts';
import type { PathRequest } from '../state/request-path.ts';

/**
 * A probe step's request, built outside the engine so the learner can send it again ("20
 * more") after the step has run. Mirrors the engine's probeRequestOf, which needs a running
 * step's context; the variables come from the engine's `variable-saved` events instead.
 */
export function probeRequestFor(
  step: ProbeStep,
  namespace: string,
  variables: Readonly<Record<string, string>>,
  count: number,
  signal?: AbortSignal,
): ProbeRequest {
  const values = new Map(Object.entries({ ...variables, namespace }));
  const from: VantagePoint =
    step.from.kind === 'pod'
      ? { from: 'pod', namespace, pod: step.from.name }
      : step.from.kind === 'node'
        ? { from: 'node', node: step.from.name }
        : { from: 'host' };
  const headers: Record<string, string> = {};
  let hostHeader: string | undefined;
  for (const [name, value] of Object.entries(step.headers)) {
    if (name.toLowerCase() === 'host') hostHeader = substitute(value, values);
    else headers[name] = substitute(value, values);
  }
  return {
    from,
    target: {
      url: substitute(step.url, values),
      ...(Object.keys(headers).length > 0 ? { headers } : {}),
      ...(hostHeader ? { hostHeader } : {}),
      ...(step.insecure ? { insecure: true } : {}),
      ...(step.resolveTo ? { resolveTo: substitute(step.resolveTo, values) } : {}),
    },
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
