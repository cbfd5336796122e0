import type { LessonEvent } from '../../lesson-engine/lesson-events.ts';
import type { Lesson } from '../../lesson-format/lesson-types.ts';
import type { ProgressStore } from '../../progress/progress-store.ts';
import { progressRecorder } from '../../progress/track-progress.ts';
import { type Runtime, type RuntimeName, RuntimeUnavailableError } from '../../runtime/runtime.ts';
import type { RuntimeDetection } from '../adapters/runtime-detection.ts';
import { type AppAction, type AppState, appReducer, initialApp } from '../state/app-state.ts';
import {
  initialStart,
  runtimeAvailable,
  type StartAction,
  type StartState,
  startReducer,
} from '../state/start-state.ts';
import { LessonSession } from './lesson-session.ts';
import type { ObjectSource } from './object-source.ts';
import { Store } from './store.ts';

/** Everything the tutor needs from outside; start-tui.tsx passes the real ones, tests fakes. */
export interface TutorDependencies {
  lessons: readonly Lesson[];
  progress: Pick<ProgressStore, 'all' | 'reached' | 'finished'>;
  detectRuntime(): Promise<RuntimeDetection>;
  openRuntime(name: RuntimeName): Promise<Runtime>;
  /** The watch behind the Objects pane, for a runtime and namespace. */
  objectSource(runtime: Runtime, namespace: string): Promise<ObjectSource | undefined>;
  workspaceDirectory(lessonId: string): string;
  /** Opens a file in the learner's editor; resolves when the editor exits. */
  openEditor(file: string): Promise<void>;
  /** Where errors are written; the error screen names it. */
  logFile: string;
  log(message: string, error?: unknown): void;
  now?(): number;
  /** How often object changes reach the screen (tests go faster). */
  snapshotIntervalMs?: number;
}

const runtimeStartLabels: Record<RuntimeName, string> = {
  sandbox: 'Starting the sandbox (a Kubernetes API, controllers and real traffic in this process)',
  kind: 'Connecting to the kind cluster',
  context: 'Connecting to your kube context',
};

/**
 * The tutor as a whole, outside React: the start screen's list, the runtime (started once,
 * on the first lesson), the open lesson's session, and leaving. Screens read its stores and
 * send it commands.
 */
export class TutorApp {
  readonly app = new Store<AppState, AppAction>(appReducer, initialApp);
  readonly start: Store<StartState, StartAction>;
  session: LessonSession | undefined;
  private runtime: Runtime | undefined;
  private finish!: () => void;
  /** Resolves once the tutor has left: lesson stopped, runtime stopped. */
  readonly finished = new Promise<void>((resolve) => {
    this.finish = resolve;
  });
  private readonly now: () => number;
  private quitting: Promise<void> | undefined;
  /** When detection started, for its spinner. */
  detectingSince: number | undefined;

  constructor(readonly deps: TutorDependencies) {
    this.now = deps.now ?? Date.now;
    this.start = new Store(startReducer, initialStart(deps.lessons, deps.progress.all()));
  }

  /** Finds the runtime to recommend; the start screen says which and why. */
  async detect(): Promise<void> {
    this.detectingSince = this.now();
    try {
      const detection = await this.deps.detectRuntime();
      this.start.dispatch({ type: 'runtime-detected', detection });
    } catch (error) {
      this.deps.log('runtime detection failed', error);
      this.start.dispatch({
        type: 'runtime-detected',
        detection: {
          recommended: 'sandbox',
          reason: 'looking for Docker and kind failed, so lessons run in the embedded sandbox',
          choices: [{ name: 'sandbox', available: true, note: 'the embedded sandbox' }],
        },
      });
    }
  }

  /** True when the lesson's objects live on after the tutor quits (not the sandbox's). */
  get objectsOutliveTutor(): boolean {
    return (this.runtime?.name ?? this.start.getState().runtime) !== 'sandbox';
  }

  get runtimeDescription(): string | undefined {
    return this.runtime?.description;
  }

  /** Opens the selected lesson, starting the runtime first if needed, resuming if it can. */
  async openSelected(): Promise<void> {
    const state = this.start.getState();
    const entry = state.lessons[state.selected];
    const lesson = this.deps.lessons.find((candidate) => candidate.id === entry?.id);
    if (!entry || !lesson || this.app.getState().screen.name !== 'start') return;
    if (!state.detection) return;
    if (!runtimeAvailable(state)) {
      const choice = state.detection.choices.find((c) => c.name === state.runtime);
      this.start.dispatch({
        type: 'message-shown',
        message: `${state.runtime} cannot run lessons: ${choice?.note ?? 'not available'} — press r to choose another`,
      });
      return;
    }
    this.app.dispatch({
      type: 'opening-started',
      lessonId: lesson.id,
      label: this.runtime ? `Opening ${lesson.title}` : runtimeStartLabels[state.runtime],
      at: this.now(),
    });
    try {
      if (this.runtime && this.runtime.name !== state.runtime) {
        await this.runtime.stop();
        this.runtime = undefined;
      }
      this.runtime ??= await this.deps.openRuntime(state.runtime);
      this.app.dispatch({ type: 'opening-progressed', label: `Opening ${lesson.title}` });
      const runtime = this.runtime;
      const objectSource = await this.deps.objectSource(runtime, lesson.namespace);
      const record = progressRecorder(this.deps.progress as ProgressStore, lesson.id);
      const session = new LessonSession(lesson, {
        runtime,
        workspaceDirectory: this.deps.workspaceDirectory(lesson.id),
        ...(objectSource ? { objectSource } : {}),
        onEvent: (event: LessonEvent) => record(event),
        onError: (error) => this.deps.log(`lesson ${lesson.id} stopped with an error`, error),
        now: this.now,
        ...(this.deps.snapshotIntervalMs
          ? { snapshotIntervalMs: this.deps.snapshotIntervalMs }
          : {}),
      });
      this.session = session;
      session.start(entry.resumeAt?.stepId);
      this.app.dispatch({ type: 'lesson-opened', lessonId: lesson.id });
    } catch (error) {
      this.deps.log(`opening ${lesson.id} on ${state.runtime} failed`, error);
      const message =
        error instanceof RuntimeUnavailableError || error instanceof Error
          ? error.message
          : String(error);
      this.app.dispatch({ type: 'open-failed' });
      this.start.dispatch({
        type: 'message-shown',
        message: `Could not open ${lesson.title} on ${state.runtime}: ${message} (details in ${this.deps.logFile})`,
      });
    }
  }

  /** The process's exit code once the tutor has left: 130 after Ctrl-C, as shells expect. */
  exitCode = 0;

  /** Ctrl-C: leave at once, keeping whatever is in the cluster. */
  interrupt(): Promise<void> {
    this.exitCode = 130;
    return this.quit({ cleanUp: false });
  }

  /**
   * Leaves the tutor: stops the lesson (deleting its objects when asked), stops the runtime.
   * Calling it again while leaving returns the same promise.
   */
  quit(options: { cleanUp: boolean } = { cleanUp: false }): Promise<void> {
    this.quitting ??= this.leave(options);
    return this.quitting;
  }

  private async leave(options: { cleanUp: boolean }): Promise<void> {
    const namespace = this.session?.lesson.namespace;
    this.app.dispatch({
      type: 'leaving-started',
      label:
        options.cleanUp && namespace
          ? `Deleting the lesson's objects (namespace ${namespace})`
          : this.runtime?.name === 'sandbox'
            ? 'Stopping the sandbox'
            : 'Leaving',
      at: this.now(),
    });
    try {
      await this.session?.leave(options);
    } catch (error) {
      this.deps.log('leaving the lesson failed', error);
    }
    try {
      await this.runtime?.stop();
    } catch (error) {
      this.deps.log('stopping the runtime failed', error);
    }
    this.app.dispatch({ type: 'left' });
    this.finish();
  }
}
