import type { ChallengeStep, QuizStep, Step } from '../lesson-format/lesson-types.ts';

/** What the learner does at a challenge, after reading it or after a try. */
export type ChallengeAction =
  /** Apply the workspace file and run the checks. */
  | 'check'
  /** Show the next hint. */
  | 'hint'
  /** Put the reference solution in the workspace, apply it and run the checks. */
  | 'solution'
  /** Move on without solving it. */
  | 'skip';

export interface ChallengeState {
  challenge: ChallengeStep;
  workspaceFile: string;
  /** Tries so far (checks run on the workspace file). */
  tries: number;
  hintsShown: number;
  /** True when the workspace still holds the starting manifest unchanged. */
  untouched: boolean;
}

/**
 * The learner's side of a lesson: the engine asks, the UI answers (a key press in the TUI,
 * a fixed script in plain mode). Every method may take as long as the learner does; the
 * engine's AbortSignal cancels the wait.
 */
export interface Learner {
  /** Called before each step starts, so a UI can wait for "next". */
  beforeStep?(step: Step, signal: AbortSignal): Promise<void>;
  /** The chosen answer's index, or undefined to reveal it without answering. */
  answerQuiz(quiz: QuizStep, signal: AbortSignal): Promise<number | undefined>;
  challengeAction(state: ChallengeState, signal: AbortSignal): Promise<ChallengeAction>;
}

/**
 * The learner of `run --plain`: answers no quiz (so each is shown with its answer), and at a
 * challenge first checks the untouched starting manifest — which must fail — then reads every
 * hint and applies the reference solution.
 */
export const referenceLearner: Learner = {
  async answerQuiz() {
    return undefined;
  },
  async challengeAction(state) {
    if (state.tries === 0) return 'check';
    if (state.hintsShown < state.challenge.hints.length) return 'hint';
    return 'solution';
  },
};
