import type { ChallengeAction, ChallengeState, Learner } from '../../lesson-engine/learner.ts';
import type { QuizStep, Step } from '../../lesson-format/lesson-types.ts';
import type { LearnerPrompt } from '../state/lesson-run-state.ts';

interface Pending {
  prompt: LearnerPrompt;
  resolve(value: unknown): void;
}

/**
 * The learner at the keyboard: each engine question waits until a key answers it. The session
 * hears which question is open (to show it) through `onPrompt`.
 */
export class TuiLearner implements Learner {
  private pending: Pending | undefined;

  constructor(private readonly onPrompt: (prompt: LearnerPrompt, stepId: string) => void) {}

  /** What the engine waits for now, if anything. */
  get waitingFor(): LearnerPrompt | undefined {
    return this.pending?.prompt;
  }

  beforeStep(step: Step, signal: AbortSignal): Promise<void> {
    return this.ask<void>('run', step.id, signal);
  }

  answerQuiz(quiz: QuizStep, signal: AbortSignal): Promise<number | undefined> {
    return this.ask<number | undefined>('quiz', quiz.id, signal);
  }

  challengeAction(state: ChallengeState, signal: AbortSignal): Promise<ChallengeAction> {
    return this.ask<ChallengeAction>('challenge', state.challenge.id, signal);
  }

  /** Answers the open question if it is of this kind; false when nothing of the kind is open. */
  answer(prompt: 'run', value?: undefined): boolean;
  answer(prompt: 'quiz', value: number | undefined): boolean;
  answer(prompt: 'challenge', value: ChallengeAction): boolean;
  answer(prompt: LearnerPrompt, value: unknown): boolean {
    const pending = this.pending;
    if (!pending || pending.prompt !== prompt) return false;
    this.pending = undefined;
    pending.resolve(value);
    return true;
  }

  private ask<T>(prompt: LearnerPrompt, stepId: string, signal: AbortSignal): Promise<T> {
    signal.throwIfAborted();
    return new Promise<T>((resolve, reject) => {
      const abort = () => {
        this.pending = undefined;
        reject(signal.reason);
      };
      signal.addEventListener('abort', abort, { once: true });
      this.pending = {
        prompt,
        resolve: (value) => {
          signal.removeEventListener('abort', abort);
          resolve(value as T);
        },
      };
      this.onPrompt(prompt, stepId);
    });
  }
}
