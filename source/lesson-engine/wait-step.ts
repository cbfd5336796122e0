import { describeCondition, type WaitCondition } from '../cluster/wait-conditions.ts';
import type { WaitFor, WaitStep } from '../lesson-format/lesson-types.ts';
import type { StepContext } from './step-context.ts';

export function conditionOf(wait: WaitFor, namespace: string): WaitCondition {
  switch (wait.kind) {
    case 'pods':
      return { type: 'podsReady', namespace, selector: wait.selector, count: wait.ready };
    case 'endpoints':
      return {
        type: 'endpointsReady',
        namespace,
        service: wait.service,
        count: wait.ready,
        ...(wait.notReady !== undefined ? { notReady: wait.notReady } : {}),
      };
    case 'loadBalancer':
      return { type: 'loadBalancerAddress', namespace, service: wait.service };
    case 'ingress':
      return { type: 'ingressAddress', namespace, ingress: wait.ingress };
  }
}

/**
 * Waits for the step's condition; `counts: false` inside a challenge's tries. A wait with `save`
 * keeps the address it found as a variable.
 */
export async function runWaitStep(
  step: WaitStep,
  ctx: StepContext,
  counts = true,
): Promise<boolean> {
  const condition = conditionOf(step.for, ctx.lesson.namespace);
  const description = describeCondition(condition);
  const timeoutMs = ctx.budget(step.timeoutMs);
  ctx.emit({ type: 'waiting', condition: description, timeoutMs });
  const result = await ctx.cluster.waitFor(condition, {
    timeoutMs,
    signal: ctx.signal,
    onProgress: (detail) =>
      ctx.emit({ type: 'condition-progress', condition: description, detail }),
  });
  ctx.signal.throwIfAborted();
  ctx.emit({
    type: result.met ? 'condition-met' : 'condition-timed-out',
    condition: description,
    detail: result.detail,
    elapsedMs: result.elapsedMs,
  });
  const took = `${(result.elapsedMs / 1000).toFixed(1)}s`;
  const detail = result.met ? `${result.detail} (${took})` : `still ${result.detail} after ${took}`;
  const passed = ctx.judge(description, result.met, detail, counts);
  if (step.save && result.met && result.value !== undefined) {
    ctx.variables.set(step.save, result.value);
    ctx.emit({ type: 'variable-saved', name: step.save, value: result.value });
  }
  return passed;
}
