import { join } from 'node:path';
import type { Cluster } from '../cluster/cluster.ts';
import type { Capability, Lesson, Step } from '../lesson-format/lesson-types.ts';
import { readManifest } from '../lesson-format/manifest-file.ts';
import type { Probe } from '../probe/probe.ts';
import { resourceForKind } from '../sandbox/resources/catalog.ts';
import { runApplyStep } from './apply-step.ts';
import { replayChallenge, runChallengeStep } from './challenge-step.ts';
import { runKubectlStep } from './kubectl-step.ts';
import type { Learner } from './learner.ts';
import type { LessonEvent, LessonOutcome } from './lesson-events.ts';
import { runProbeStep } from './probe-step.ts';
import { StepContext } from './step-context.ts';
import { runTlsSecretStep } from './tls-secret-step.ts';
import { runWaitStep } from './wait-step.ts';

/** What the engine needs from a runtime. */
export interface EngineRuntime {
  name: string;
  cluster: Cluster;
  probe: Probe;
  capabilities: ReadonlySet<Capability>;
  timeScale: number;
}

export interface LessonEngineOptions {
  learner: Learner;
  /** Where challenge manifests are copied for the learner to edit. */
  workspaceDirectory: string;
  /** Start from fresh copies of challenge manifests (plain mode) instead of the learner's. */
  freshWorkspace?: boolean;
  /** Stop at the first failed check (default: carry on and report every one). */
  stopOnFailure?: boolean;
}

export interface RunOptions {
  signal?: AbortSignal;
  /** Resume at this step id: earlier steps that build state are replayed quietly first. */
  startAt?: string;
}

type Listener = (event: LessonEvent) => void;

/**
 * Runs one lesson against a runtime's Cluster and Probe, step by step, and reports everything
 * as LessonEvents to its subscribers. No UI, no per-lesson code: the lesson is data.
 *
 *   const engine = new LessonEngine(lesson, runtime, { learner, workspaceDirectory })
 *   const stop = engine.subscribe(print)
 *   const outcome = await engine.run({ signal })
 *   await engine.cleanup()
 */
export class LessonEngine {
  private readonly listeners = new Set<Listener>();
  /** The step running now; cleanup waits for it so nothing is left mid-flight. */
  private inFlight: Promise<unknown> = Promise.resolve();

  constructor(
    readonly lesson: Lesson,
    private readonly runtime: EngineRuntime,
    private readonly options: LessonEngineOptions,
  ) {}

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private emit(event: LessonEvent): void {
    for (const listener of this.listeners) listener(event);
  }

  /** Capabilities the lesson needs that the runtime lacks. */
  missingNeeds(): Capability[] {
    return this.lesson.needs.filter((need) => !this.runtime.capabilities.has(need));
  }

  async run(options: RunOptions = {}): Promise<LessonOutcome> {
    const controller = new AbortController();
    const stop = () => controller.abort();
    if (options.signal?.aborted) controller.abort();
    options.signal?.addEventListener('abort', stop, { once: true });
    const ctx = new StepContext(
      this.lesson,
      this.runtime.cluster,
      this.runtime.probe,
      this.options.learner,
      controller.signal,
      this.options.workspaceDirectory,
      this.runtime.timeScale,
      (event) => this.emit(event),
    );
    let lastStepId: string | undefined;
    try {
      const missing = this.missingNeeds();
      if (missing.length > 0) {
        this.emit({ type: 'needs-missing', missing, runtime: this.runtime.name });
        return this.finish({ passed: false, cancelled: false, failures: missing });
      }
      const startIndex = this.startIndex(options.startAt);
      this.emit({
        type: 'lesson-started',
        lesson: this.lesson,
        runtime: this.runtime.name,
        ...(options.startAt ? { resumedAt: options.startAt } : {}),
      });
      await this.guard(
        (async () => {
          if (startIndex === 0) await this.clearLeftovers(controller.signal);
          await this.runtime.cluster.ensureNamespace(this.lesson.namespace, {
            signal: controller.signal,
          });
        })(),
        controller.signal,
      );
      if (startIndex > 0) await this.guard(this.catchUp(ctx, startIndex), controller.signal);
      const steps = this.lesson.steps;
      for (let index = startIndex; index < steps.length; index++) {
        const step = steps[index]!;
        controller.signal.throwIfAborted();
        await this.guard(
          this.options.learner.beforeStep?.(step, controller.signal) ?? Promise.resolve(),
          controller.signal,
        );
        lastStepId = step.id;
        this.emit({ type: 'step-started', step, index, total: steps.length });
        const before = ctx.failures.length;
        await this.guard(this.runStep(step, ctx), controller.signal);
        const passed = ctx.failures.length === before;
        this.emit({ type: 'step-finished', step, passed });
        if (!passed && this.options.stopOnFailure) break;
      }
      return this.finish({
        passed: ctx.failures.length === 0,
        cancelled: false,
        failures: ctx.failures,
        lastStepId,
      });
    } catch (error) {
      if (!controller.signal.aborted) throw error;
      return this.finish({ passed: false, cancelled: true, failures: ctx.failures, lastStepId });
    } finally {
      options.signal?.removeEventListener('abort', stop);
    }
  }

  /**
   * Deletes what the lesson created: its namespace and any labelled cluster-scoped objects of
   * kinds its manifests hold. Waits for a cancelled step to settle first.
   */
  async cleanup(options: { signal?: AbortSignal } = {}): Promise<void> {
    await this.inFlight.catch(() => {});
    this.emit({ type: 'cleanup-started', namespace: this.lesson.namespace });
    await this.runtime.cluster.cleanup(this.lesson.namespace, {
      signal: options.signal,
      clusterScoped: this.clusterScopedKinds(),
    });
    this.emit({ type: 'cleanup-finished', namespace: this.lesson.namespace });
  }

  private finish(outcome: LessonOutcome): LessonOutcome {
    this.emit({ type: 'lesson-finished', outcome });
    return outcome;
  }

  /**
   * Races a step against cancellation, so a cancelled run returns at once even while a request
   * is still out; the step itself is remembered and awaited by cleanup().
   */
  private guard<T>(work: Promise<T>, signal: AbortSignal): Promise<T> {
    this.inFlight = work;
    work.catch(() => {});
    if (signal.aborted) return Promise.reject(signal.reason);
    return new Promise<T>((resolve, reject) => {
      const abort = () => reject(signal.reason);
      signal.addEventListener('abort', abort, { once: true });
      work.then(resolve, reject).finally(() => signal.removeEventListener('abort', abort));
    });
  }

  private startIndex(startAt: string | undefined): number {
    if (!startAt) return 0;
    const index = this.lesson.steps.findIndex((step) => step.id === startAt);
    if (index < 0)
      throw new Error(`lesson ${this.lesson.id} has no step "${startAt}" to resume at`);
    return index;
  }

  private async runStep(step: Step, ctx: StepContext): Promise<void> {
    switch (step.type) {
      case 'explain':
        return;
      case 'apply':
        await runApplyStep(step, ctx);
        return;
      case 'wait':
        await runWaitStep(step, ctx);
        return;
      case 'probe':
        await runProbeStep(step, ctx);
        return;
      case 'kubectl':
        await runKubectlStep(step, ctx);
        return;
      case 'quiz': {
        ctx.emit({ type: 'quiz-shown', quiz: step });
        const choice = await ctx.learner.answerQuiz(step, ctx.signal);
        ctx.emit({
          type: 'quiz-answered',
          quiz: step,
          choice,
          correct: choice === step.answer,
        });
        return;
      }
      case 'challenge':
        await runChallengeStep(step, ctx, { fresh: this.options.freshWorkspace ?? false });
        return;
      case 'tlsSecret':
        await runTlsSecretStep(step, ctx);
        return;
    }
  }

  /** Replays what built the cluster's state before the resume point, without reporting it. */
  private async catchUp(ctx: StepContext, startIndex: number): Promise<void> {
    ctx.quiet = true;
    let replayed = 0;
    try {
      for (const step of this.lesson.steps.slice(0, startIndex)) {
        if (step.type === 'apply' && step.expectError === undefined) await runApplyStep(step, ctx);
        else if (step.type === 'kubectl') await runKubectlStep(step, ctx);
        else if (step.type === 'tlsSecret') await runTlsSecretStep(step, ctx);
        // A wait that saves an address is what defines its variable for the steps after it.
        else if (step.type === 'wait' && step.save) await runWaitStep(step, ctx);
        else if (step.type === 'challenge') await replayChallenge(step, ctx);
        else continue;
        replayed += 1;
      }
    } finally {
      ctx.quiet = false;
    }
    ctx.emit({ type: 'caught-up', steps: replayed });
  }

  /** A fresh run starts from an empty namespace, whatever an earlier run left behind. */
  private async clearLeftovers(signal: AbortSignal): Promise<void> {
    await this.runtime.cluster.cleanup(this.lesson.namespace, {
      signal,
      clusterScoped: this.clusterScopedKinds(),
    });
  }

  private clusterScopedKinds(): { apiVersion: string; kind: string }[] {
    const files = new Set<string>();
    for (const step of this.lesson.steps) {
      if (step.type === 'apply') for (const file of step.files) files.add(file);
      if (step.type === 'challenge') files.add(step.start).add(step.solution);
    }
    const kinds = new Map<string, { apiVersion: string; kind: string }>();
    for (const file of files) {
      for (const { object } of readManifest(join(this.lesson.directory, file), file, []) ?? []) {
        const def = resourceForKind(object.apiVersion, object.kind);
        if (def && !def.namespaced && def.kind !== 'Namespace')
          kinds.set(`${object.apiVersion}/${object.kind}`, {
            apiVersion: object.apiVersion,
            kind: object.kind,
          });
      }
    }
    return [...kinds.values()];
  }
}
