import { join } from 'node:path';
import { render } from 'ink';
import { stateDirectory } from '../cli/state-paths.ts';
import { bundledLessonsDirectory, listLessons } from '../lesson-format/lesson-catalog.ts';
import { ProgressStore, progressFileIn } from '../progress/progress-store.ts';
import { openRuntime } from '../runtime/open-runtime.ts';
import { fileLog } from './adapters/log-file.ts';
import { openInEditor } from './adapters/open-in-editor.ts';
import { detectRuntime, machineFacts } from './adapters/runtime-detection.ts';
import { App } from './app.tsx';
import { TutorApp } from './session/tutor-app.ts';
import { createTheme } from './theme.ts';

export interface TuiIo {
  stdout: NodeJS.WriteStream;
  stdin: NodeJS.ReadStream;
  stderr: NodeJS.WriteStream;
  env: NodeJS.ProcessEnv;
  /** Default: the lessons that ship with the tutor. */
  lessonsDirectory?: string;
}

/** Frames per second at most: live updates are batched to this steady rate. */
export const maxFps = 20;

/**
 * Starts the TUI and resolves to the exit code once the learner has left. Wires the real
 * dependencies, renders, and makes sure the terminal is given back whatever happens: on q,
 * Ctrl-C, SIGTERM/SIGHUP, and on a crash (the message and the log's path go to stderr).
 */
export async function startTui(io: TuiIo): Promise<number> {
  const state = stateDirectory(io.env);
  const log = fileLog(join(state, 'tui.log'));
  const lessons = listLessons(io.lessonsDirectory ?? bundledLessonsDirectory());
  const tutor = new TutorApp({
    lessons,
    progress: new ProgressStore(progressFileIn(state)),
    detectRuntime: () => detectRuntime(machineFacts(io.env)),
    openRuntime: (name) => openRuntime(name),
    // client-node is loaded with the first lesson, not before the first frame.
    objectSource: async (runtime, namespace) => {
      const { kubeConfigFor } = await import('./adapters/kube-config-for.ts');
      const { kubeObjectSource } = await import('./session/kube-object-watch.ts');
      const kubeConfig = await kubeConfigFor(runtime, io.env);
      return kubeConfig && kubeObjectSource(kubeConfig, namespace);
    },
    workspaceDirectory: (lessonId) => join(state, 'workspace', lessonId),
    openEditor: (file) => openInEditor(file, io.env),
    logFile: log.file,
    log: log.log,
  });

  const instance = render(<App tutor={tutor} theme={createTheme(io.env)} />, {
    stdout: io.stdout,
    stdin: io.stdin,
    stderr: io.stderr,
    maxFps,
    exitOnCtrlC: false,
    alternateScreen: true,
    // The TUI only starts on a terminal; a CI variable in the learner's environment must not
    // turn Ink's live rendering into one final frame.
    interactive: true,
  });
  let exitCode = 0;
  const onSignal = (signal: NodeJS.Signals) => {
    log.log(`received ${signal}`);
    exitCode = signal === 'SIGTERM' ? 143 : 129;
    void tutor.quit();
  };
  const onCrash = (error: unknown) => {
    log.log('crashed', error);
    // Give the terminal back before anything else: raw mode off, the normal screen restored.
    instance.unmount();
    const message = error instanceof Error ? error.message : String(error);
    io.stderr.write(
      `k8s-expose-tutor: the TUI crashed: ${message}\nThe details are in ${log.file}\n`,
    );
    process.exit(1);
  };
  process.on('SIGTERM', onSignal);
  process.on('SIGHUP', onSignal);
  process.on('uncaughtException', onCrash);
  process.on('unhandledRejection', onCrash);
  try {
    void tutor.detect();
    await Promise.race([tutor.finished, instance.waitUntilExit()]);
  } finally {
    // However the screen ended, the lesson and the runtime stop before the process does.
    await tutor.quit();
    instance.unmount();
    await instance.waitUntilExit().catch(() => {});
    process.off('SIGTERM', onSignal);
    process.off('SIGHUP', onSignal);
    process.off('uncaughtException', onCrash);
    process.off('unhandledRejection', onCrash);
  }
  return exitCode || tutor.exitCode;
}
