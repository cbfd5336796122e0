import { parseKubectl } from '../kubectl/kubectl-arguments.ts';
import { runKubectl } from '../kubectl/run-kubectl.ts';
import type { KubectlStep } from '../lesson-format/lesson-types.ts';
import { substitute } from '../lesson-format/variables.ts';
import type { StepContext } from './step-context.ts';

/** `kubectl get pods -o wide` plus ` -n <namespace>` when the command names none. */
export function displayedKubectl(command: string, namespace: string): string {
  const named = /(^|\s)(-n|--namespace|-A|--all-namespaces)(\s|=|$)/.test(command);
  return `kubectl ${command}${named ? '' : ` -n ${namespace}`}`;
}

export async function runKubectlStep(step: KubectlStep, ctx: StepContext): Promise<boolean> {
  const command = substitute(step.command, ctx.variables);
  const parsed = parseKubectl(command);
  ctx.emit({ type: 'command', command: displayedKubectl(command, ctx.lesson.namespace) });
  if ('error' in parsed) {
    ctx.emit({ type: 'output', text: `error: ${parsed.error}` });
    return ctx.judge(`kubectl ${command}`, false, parsed.error);
  }
  const result = await runKubectl(parsed.command, {
    cluster: ctx.cluster,
    namespace: ctx.lesson.namespace,
    signal: ctx.signal,
    deleteTimeoutMs: ctx.budget(60_000),
  });
  ctx.signal.throwIfAborted();
  if (result.output) ctx.emit({ type: 'output', text: result.output });
  if (step.save) {
    const value = result.stdout.trim();
    ctx.variables.set(step.save, value);
    ctx.emit({ type: 'variable-saved', name: step.save, value });
  }
  let passed = true;
  if (step.expectError !== undefined) {
    const text = step.expectError;
    passed = ctx.judge(
      `kubectl ${command} fails with "${text}"`,
      result.exitCode !== 0 && result.output.includes(text),
      result.exitCode === 0 ? 'it succeeded' : result.output,
    );
  } else if (result.exitCode !== 0) {
    passed = ctx.judge(`kubectl ${command}`, false, result.output);
  }
  if (step.expectOutput !== undefined) {
    const text = step.expectOutput;
    const shown = result.output.split('\n').find((line) => line.includes(text));
    passed =
      ctx.judge(
        `the output shows "${text}"`,
        shown !== undefined,
        shown === undefined ? 'it does not' : '',
      ) && passed;
  }
  return passed;
}
