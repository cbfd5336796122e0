import type { ChallengeAction } from '../../lesson-engine/learner.ts';
import { type EngineRuntime, LessonEngine } from '../../lesson-engine/lesson-engine.ts';
import type { LessonEvent, LessonOutcome } from '../../lesson-engine/lesson-events.ts';
import type { Lesson } from '../../lesson-format/lesson-types.ts';
import { probeRequestFor } from '../adapters/probe-request.ts';
import { currentProbeStep } from '../state/current-probe.ts';
import {
  initialLessonRun,
  type LessonRunAction,
  type LessonRunState,
  lessonRunReducer,
} from '../state/lesson-run-state.ts';
import { ObjectCache } from '../state/object-cache.ts';
import {
  initialTraffic,
  type TrafficAction,
  type TrafficState,
  trafficReducer,
} from '../state/traffic-state.ts';
import { BatchedSnapshots } from './batched-snapshots.ts';
import type { ObjectSource } from './object-source.ts';
import { Store } from './store.ts';
import { TuiLearner } from './tui-learner.ts';

export interface LessonSessionOptions {
  runtime: EngineRuntime;
  /** The lesson namespace's objects, for the Objects and Path panes. */
  objectSource?: ObjectSource;
  workspaceDirectory: string;
  /** Told about every engine event (progress, the log). */
  onEvent?: (event: LessonEvent) => void;
  /** Errors the session cannot show as a check (written to the log). */
  onError?: (error: unknown) => void;
  now?: () => number;
  /** How often object changes reach the screen. */
  snapshotIntervalMs?: number;
}

/** How many requests "more" sends. */
export const moreRequestsCount = 20;

/**
 * One lesson being learned in the TUI: the engine run, the learner's answers, the watch of the
 * namespace and the traffic sent. Plain TypeScript; the screen reads its stores and calls its
 * methods, and nothing here knows about React.
 */
export class LessonSession {
  readonly run: Store<LessonRunState, LessonRunAction>;
  readonly traffic = new Store<TrafficState, TrafficAction>(trafficReducer, initialTraffic);
  readonly objects: BatchedSnapshots;
  private readonly cache = new ObjectCache();
  private readonly engine: LessonEngine;
  private readonly learner: TuiLearner;
  private readonly controller = new AbortController();
  private readonly now: () => number;
  private running: Promise<LessonOutcome | undefined> = Promise.resolve(undefined);
  private sending = false;

  constructor(
    readonly lesson: Lesson,
    private readonly options: LessonSessionOptions,
  ) {
    this.now = options.now ?? Date.now;
    this.run = new Store(lessonRunReducer, initialLessonRun(lesson));
    this.objects = new BatchedSnapshots(this.cache, {
      now: this.now,
      ...(options.snapshotIntervalMs ? { intervalMs: options.snapshotIntervalMs } : {}),
    });
    this.learner = new TuiLearner((prompt, stepId) =>
      this.run.dispatch({ type: 'learner-asked', prompt, stepId, at: this.now() }),
    );
    this.engine = new LessonEngine(lesson, options.runtime, {
      learner: this.learner,
      workspaceDirectory: options.workspaceDirectory,
    });
    this.engine.subscribe((event) => this.onEngineEvent(event));
  }

  /** Starts the watch and the run; `startAt` resumes at a step id. */
  start(startAt?: string): void {
    this.options.objectSource?.start(
      (event) => this.cache.apply(event, this.now()),
      this.controller.signal,
    );
    this.objects.start();
    this.running = this.engine
      .run({ signal: this.controller.signal, ...(startAt ? { startAt } : {}) })
      .catch((error: unknown) => {
        this.options.onError?.(error);
        this.run.dispatch({
          type: 'engine-failed',
          message: error instanceof Error ? error.message : String(error),
        });
        return undefined;
      });
  }

  /** Runs the step the engine is waiting at. False when it is not waiting for that. */
  runStep(): boolean {
    return this.learner.answer('run');
  }

  /** `undefined` reveals the answer without choosing. */
  answerQuiz(choice: number | undefined): boolean {
    return this.learner.answer('quiz', choice);
  }

  challenge(action: ChallengeAction): boolean {
    return this.learner.answer('challenge', action);
  }

  /** What the engine waits for now. */
  get waitingFor() {
    return this.learner.waitingFor;
  }

  /**
   * Sends the current probe step's request `count` more times, into the Traffic pane. Only
   * between steps: never beside the engine's own requests.
   */
  async moreRequests(viewIndex: number, count = moreRequestsCount): Promise<boolean> {
    const state = this.run.getState();
    const step = currentProbeStep(state, viewIndex);
    if (!step || this.sending || state.busy || this.controller.signal.aborted) return false;
    this.sending = true;
    const request = probeRequestFor(
      step,
      this.lesson.namespace,
      state.variables,
      count,
      this.controller.signal,
    );
    this.run.dispatch({
      type: 'side-work',
      label: `sending ${count} more requests`,
      at: this.now(),
    });
    let started = false;
    try {
      await this.options.runtime.probe.send(request, (result) => {
        if (!started) {
          started = true;
          this.traffic.dispatch({
            type: 'probe-started',
            command: result.command,
            count,
            source: 'learner',
          });
        }
        this.traffic.dispatch({ type: 'probe-result', result });
      });
    } catch (error) {
      if (!this.controller.signal.aborted) this.options.onError?.(error);
    } finally {
      this.sending = false;
      this.run.dispatch({ type: 'side-work', label: undefined, at: this.now() });
    }
    return true;
  }

  /**
   * Stops the lesson: cancels the run, then deletes the lesson's objects if asked, and stops
   * the watch. Safe to call more than once.
   */
  async leave(options: { cleanUp: boolean }): Promise<void> {
    this.controller.abort();
    await this.running;
    this.objects.stop();
    if (options.cleanUp) await this.engine.cleanup();
  }

  private onEngineEvent(event: LessonEvent): void {
    const at = this.now();
    this.run.dispatch({ type: 'engine-event', event, at });
    if (event.type === 'probe-started')
      this.traffic.dispatch({
        type: 'probe-started',
        command: event.command,
        count: event.count,
        source: 'lesson',
      });
    else if (event.type === 'probe-result')
      this.traffic.dispatch({ type: 'probe-result', result: event.result });
    this.options.onEvent?.(event);
  }
}
