import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import type { ChallengeStep } from '../lesson-format/lesson-types.ts';
import { applyManifests } from './apply-step.ts';
import type { ChallengeState } from './learner.ts';
import { runProbeStep } from './probe-step.ts';
import type { StepContext } from './step-context.ts';
import { runWaitStep } from './wait-step.ts';

/** Where the learner edits a challenge's manifest: `<workspace>/<start file's name>`. */
export function workspaceFileOf(challenge: ChallengeStep, workspaceDirectory: string): string {
  return join(workspaceDirectory, basename(challenge.start));
}

/**
 * Copies the starting manifest into the workspace (keeping an existing copy, which may hold
 * the learner's edits, unless `fresh`), then follows the learner: tries on the workspace file,
 * hints one at a time, the reference solution, or skipping.
 */
export async function runChallengeStep(
  step: ChallengeStep,
  ctx: StepContext,
  options: { fresh: boolean },
): Promise<boolean> {
  const startText = readFileSync(join(ctx.lesson.directory, step.start), 'utf8');
  const workspaceFile = workspaceFileOf(step, ctx.workspaceDirectory);
  if (options.fresh || !existsSync(workspaceFile)) {
    mkdirSync(ctx.workspaceDirectory, { recursive: true });
    writeFileSync(workspaceFile, startText);
  }
  ctx.emit({ type: 'challenge-started', challenge: step, workspaceFile });
  const state: ChallengeState = {
    challenge: step,
    workspaceFile,
    tries: 0,
    hintsShown: 0,
    untouched: readFileSync(workspaceFile, 'utf8') === startText,
  };
  for (;;) {
    ctx.signal.throwIfAborted();
    const action = await ctx.learner.challengeAction(state, ctx.signal);
    ctx.signal.throwIfAborted();
    switch (action) {
      case 'hint': {
        const hint = step.hints[state.hintsShown];
        if (hint !== undefined) {
          ctx.emit({
            type: 'hint-shown',
            challenge: step,
            hint,
            index: state.hintsShown,
            total: step.hints.length,
          });
          state.hintsShown += 1;
        }
        break;
      }
      case 'check': {
        state.untouched = readFileSync(workspaceFile, 'utf8') === startText;
        state.tries += 1;
        ctx.emit({ type: 'challenge-attempt', challenge: step, source: 'workspace' });
        const passed = await tryManifest(
          ctx,
          step,
          { path: workspaceFile, shown: workspaceFile },
          state.untouched ? step.startError : undefined,
        );
        ctx.emit({ type: 'challenge-verdict', challenge: step, passed, source: 'workspace' });
        if (passed && state.untouched) {
          // An authoring mistake: the learner had nothing to fix.
          ctx.judge(
            'the starting manifest fails the challenge’s check',
            false,
            'it passed unchanged',
          );
          ctx.emit({
            type: 'challenge-finished',
            challenge: step,
            passed: false,
            outcome: 'solved',
          });
          return false;
        }
        if (passed) {
          ctx.emit({
            type: 'challenge-finished',
            challenge: step,
            passed: true,
            outcome: 'solved',
          });
          return ctx.judge('challenge solved', true, `on try ${state.tries}`);
        }
        break;
      }
      case 'solution': {
        ctx.emit({ type: 'challenge-attempt', challenge: step, source: 'solution' });
        const passed = await tryManifest(ctx, step, {
          path: join(ctx.lesson.directory, step.solution),
          shown: step.solution,
        });
        ctx.emit({ type: 'challenge-verdict', challenge: step, passed, source: 'solution' });
        ctx.emit({ type: 'challenge-finished', challenge: step, passed, outcome: 'solution' });
        return ctx.judge(
          'the reference solution passes the challenge’s check',
          passed,
          passed ? step.solution : 'it failed the check',
        );
      }
      case 'skip':
        ctx.emit({
          type: 'challenge-finished',
          challenge: step,
          passed: false,
          outcome: 'skipped',
        });
        return true;
    }
  }
}

/**
 * Applies one manifest and runs the challenge's checks in order, up to the first failure. An
 * untouched start that the lesson says is refused must be refused with the promised words.
 */
async function tryManifest(
  ctx: StepContext,
  step: ChallengeStep,
  file: { path: string; shown: string },
  refusal?: string,
): Promise<boolean> {
  const applied = await applyManifests(ctx, [file], { show: true });
  if (refusal !== undefined) {
    const refused = !applied.applied && applied.errors.some((line) => line.includes(refusal));
    ctx.judge(
      `the starting manifest is refused: "${refusal}"`,
      refused,
      applied.applied ? 'it was applied' : refused ? '' : applied.errors.join('\n'),
    );
  }
  if (!applied.applied) return false;
  for (const check of step.check) {
    const passed =
      check.type === 'wait'
        ? await runWaitStep({ ...check, timeoutMs: check.timeoutMs }, ctx, false)
        : await runProbeStep(check, ctx, false);
    if (!passed) return false;
  }
  return true;
}

/**
 * Replays a challenge while catching up: the learner's file if it exists, else the solution;
 * then the checks' waits that save an address, so later steps have their variables.
 */
export async function replayChallenge(step: ChallengeStep, ctx: StepContext): Promise<void> {
  const workspaceFile = workspaceFileOf(step, ctx.workspaceDirectory);
  const file = existsSync(workspaceFile)
    ? { path: workspaceFile, shown: workspaceFile }
    : { path: join(ctx.lesson.directory, step.solution), shown: step.solution };
  await applyManifests(ctx, [file], { show: false });
  for (const check of step.check) {
    if (check.type === 'wait' && check.save) await runWaitStep(check, ctx, false);
  }
}
