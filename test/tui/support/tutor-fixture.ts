import { copyFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Lesson } from '../../../source/lesson-format/lesson-types.ts';
import { ProgressStore } from '../../../source/progress/progress-store.ts';
import type { Runtime } from '../../../source/runtime/runtime.ts';
import type { SandboxRuntime } from '../../../source/runtime/sandbox-runtime.ts';
import { kubeConfigFor } from '../../../source/tui/adapters/kube-config-for.ts';
import type { RuntimeDetection } from '../../../source/tui/adapters/runtime-detection.ts';
import { kubeObjectSource } from '../../../source/tui/session/kube-object-watch.ts';
import { TutorApp, type TutorDependencies } from '../../../source/tui/session/tutor-app.ts';
import { tempDirectory } from '../../support/temp-directory.ts';
import { tuiLessonsDirectory } from './tiny-lesson.ts';

export const sandboxDetection: RuntimeDetection = {
  recommended: 'sandbox',
  reason: 'neither Docker nor kind was found, so lessons run in the embedded sandbox',
  choices: [
    { name: 'sandbox', available: true, note: 'an embedded Kubernetes API with real traffic' },
    {
      name: 'kind',
      available: false,
      note: 'needs Docker and kind on PATH, then k8s-expose-tutor cluster up',
    },
    { name: 'context', available: false, note: 'only from the command line' },
  ],
};

export interface TutorFixture {
  tutor: TutorApp;
  logs: string[];
  state: string;
  editedFiles: string[];
}

/**
 * A TutorApp on a shared sandbox runtime (its stop() is left to the test file), with a fake
 * editor that "fixes" a challenge by writing its reference solution into the learner's copy.
 */
export function tutorFixture(
  lessons: Lesson[],
  runtime: SandboxRuntime | undefined,
  overrides: Partial<TutorDependencies> & { runtimeName?: Runtime['name'] } = {},
): TutorFixture {
  const state = tempDirectory('tui-test-');
  const logs: string[] = [];
  const editedFiles: string[] = [];
  const shared = (): Runtime => {
    if (!runtime) throw new Error('this test has no runtime');
    // The lesson may end; the sandbox lives on for the next test.
    return Object.assign(Object.create(runtime), {
      name: overrides.runtimeName ?? runtime.name,
      stop: async () => {},
    });
  };
  const tutor = new TutorApp({
    lessons,
    progress: new ProgressStore(join(state, 'progress.json')),
    detectRuntime: async () => sandboxDetection,
    openRuntime: async () => shared(),
    objectSource: async (opened, namespace) => {
      const kubeConfig = await kubeConfigFor(opened);
      return kubeConfig && kubeObjectSource(kubeConfig, namespace);
    },
    workspaceDirectory: (lessonId) => join(state, 'workspace', lessonId),
    openEditor: async (file) => {
      editedFiles.push(file);
      copyFileSync(join(tuiLessonsDirectory, '01-tiny/solution/echo-backend.yaml'), file);
    },
    logFile: join(state, 'tui.log'),
    log: (message, error) => logs.push(`${message}${error ? `: ${String(error)}` : ''}`),
    snapshotIntervalMs: 30,
    ...overrides,
  });
  return { tutor, logs, state, editedFiles };
}
