import { abortableSleep } from '../cluster/abortable-sleep.ts';
import type { ProbeExpectation, ProbeStep } from '../lesson-format/lesson-types.ts';
import { substitute } from '../lesson-format/variables.ts';
import type { ProbeRequest, ProbeRun, VantagePoint } from '../probe/probe.ts';
import { judgeProbe } from './probe-expectations.ts';
import type { StepContext } from './step-context.ts';

const retryPauseMs = 250;

export function probeRequestOf(step: ProbeStep, ctx: StepContext): ProbeRequest {
  return {
    ...probeTargetOf(step, ctx.lesson.namespace, ctx.variables),
    count: step.count,
    timeoutMs: step.timeoutMs,
    signal: ctx.signal,
  };
}

/** Where a probe step sends from and what it asks for, `${variables}` filled in from `values`. */
export function probeTargetOf(
  step: ProbeStep,
  namespace: string,
  values: ReadonlyMap<string, string>,
): Pick<ProbeRequest, 'from' | 'target'> {
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
  };
}

/** The step's expectations with `${variables}` in their texts filled in. */
export function expectationOf(step: ProbeStep, ctx: StepContext): ProbeExpectation {
  const expect = { ...step.expect };
  if (expect.bodyContains !== undefined)
    expect.bodyContains = substitute(expect.bodyContains, ctx.variables);
  if (expect.body !== undefined) expect.body = substitute(expect.body, ctx.variables);
  return expect;
}

/**
 * Sends the step's requests and judges them. With `within`, the whole batch is repeated until
 * every expectation holds or the time is up (kube-proxy and DNS take a moment on real clusters).
 */
export async function runProbeStep(
  step: ProbeStep,
  ctx: StepContext,
  counts = true,
): Promise<boolean> {
  const request = probeRequestOf(step, ctx);
  const expect = expectationOf(step, ctx);
  const deadline = step.withinMs !== undefined ? Date.now() + ctx.budget(step.withinMs) : 0;
  let attempts = 0;
  let run: ProbeRun;
  let verdicts: ReturnType<typeof judgeProbe>;
  for (;;) {
    attempts += 1;
    let command = '';
    run = await ctx.probe.send(request, (result) => {
      if (!command) {
        command = result.command;
        ctx.emit({ type: 'probe-started', command, count: step.count, attempt: attempts });
      }
      ctx.emit({ type: 'probe-result', result, count: step.count });
    });
    ctx.signal.throwIfAborted();
    verdicts = judgeProbe(run, expect);
    if (verdicts.every((verdict) => verdict.passed) || Date.now() >= deadline) break;
    await abortableSleep(retryPauseMs, ctx.signal);
    ctx.signal.throwIfAborted();
  }
  ctx.emit({
    type: 'probe-finished',
    command: run.results[0]?.command ?? '',
    run,
    attempts,
  });
  let passed = true;
  for (const verdict of verdicts) {
    passed = ctx.judge(verdict.check, verdict.passed, verdict.detail, counts) && passed;
  }
  return passed;
}
