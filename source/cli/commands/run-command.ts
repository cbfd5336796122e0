import { join } from 'node:path';
import { type Command, Option } from 'commander';
import { type RuntimeName, runtimeNames } from '../../runtime/runtime.ts';
import { stateDirectory } from '../state-paths.ts';
import { SilentExit, UserError } from '../user-error.ts';

export interface RunCommandOptions {
  plain?: boolean;
  runtime?: string;
  keep?: boolean;
  /** --runtime context: the kubeconfig context to write to, and the explicit opt-in. */
  context?: string;
  allowWrites?: boolean;
  /** Hidden: the sandbox's pace (tests and benchmarks run it faster). */
  pace?: string;
}

export interface RunCommandIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream;
  env: NodeJS.ProcessEnv;
  signal?: AbortSignal;
  /** Defaults: the bundled lessons and the user's state directory. */
  lessonsDirectory?: string;
  stateDirectory?: string;
  /** Asks for the context's name before a lesson writes to it (default: a line from stdin). */
  confirm?: (context: string) => Promise<string>;
}

export function registerRunCommand(program: Command): void {
  program
    .command('run')
    .description('run a lesson from start to finish and print what happens (projector mode)')
    .argument('<lesson>', 'lesson id, folder name or number (see `k8s-expose-tutor lessons`)')
    .option(
      '--plain',
      'print a plain transcript (required: the interactive lessons start with no arguments)',
    )
    .addOption(
      new Option('--runtime <runtime>', 'where the lesson runs')
        .choices([...runtimeNames])
        .default('sandbox'),
    )
    .option('--keep', "leave the lesson's objects in the cluster afterwards")
    .option('--context <name>', 'with --runtime context: the kubeconfig context to run in')
    .option('--allow-writes', 'with --runtime context: let the lesson create objects there')
    .addOption(new Option('--pace <factor>').hideHelp())
    .addHelpText(
      'after',
      '\nEvery step runs without questions: quizzes are shown with their answers, and each\nchallenge is checked first as given (it fails), then with its reference solution.\nExit code 0 when every check passes, 1 when one fails.',
    )
    .action(async (lesson: string, options: RunCommandOptions) => {
      const exitCode = await runLessonCommand(lesson, options, {
        stdout: process.stdout,
        stderr: process.stderr,
        env: process.env,
        signal: interruptSignal(),
      });
      if (exitCode !== 0) throw new SilentExit(exitCode);
    });
}

/** Aborts on Ctrl-C or SIGTERM (the lesson stops, then the runtime shuts down). */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = () => controller.abort();
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  return controller.signal;
}

function parsePace(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const pace = Number(text);
  if (!Number.isFinite(pace) || pace < 0)
    throw new UserError(`--pace must be a number ≥ 0, not '${text}'`);
  return pace;
}

/** The typed confirmation: the user types the context's name on stdin. */
function askForContextName(stderr: NodeJS.WritableStream) {
  return async (context: string): Promise<string> => {
    const { createInterface } = await import('node:readline/promises');
    const lines = createInterface({ input: process.stdin, output: stderr, terminal: false });
    try {
      return await lines.question(
        `The lesson will create objects in context "${context}". Type its name to go on: `,
      );
    } finally {
      lines.close();
    }
  };
}

/** Runs one lesson non-interactively and resolves to the exit code. */
export async function runLessonCommand(
  name: string,
  options: RunCommandOptions,
  io: RunCommandIo,
): Promise<number> {
  const runtimeName = (options.runtime ?? 'sandbox') as RuntimeName;
  const pace = parsePace(options.pace);
  if ((options.context || options.allowWrites) && runtimeName !== 'context')
    throw new UserError('--context and --allow-writes go with --runtime context');
  if (!options.plain)
    throw new UserError(
      'run prints a lesson as a transcript: add --plain (for the interactive lessons, start k8s-expose-tutor with no arguments)',
    );
  const { bundledLessonsDirectory, findLesson, listLessons } = await import(
    '../../lesson-format/lesson-catalog.ts'
  );
  const lessonsDirectory = io.lessonsDirectory ?? bundledLessonsDirectory();
  const lessons = listLessons(lessonsDirectory);
  const found = findLesson(lessons, name);
  if (!found)
    throw new UserError(
      `unknown lesson "${name}": choose one of ${lessons.map((lesson) => lesson.id).join(', ')}`,
    );
  const { openRuntime } = await import('../../runtime/open-runtime.ts');
  const { RuntimeUnavailableError } = await import('../../runtime/runtime.ts');
  const { checkLesson } = await import('../../lesson-format/check-lesson.ts');
  const { formatProblem } = await import('../../lesson-format/lesson-types.ts');
  const checked = checkLesson(lessonsDirectory, found.folder);
  if (checked.problems.length > 0 || !checked.lesson) {
    io.stderr.write(`k8s-expose-tutor: lesson ${found.id} has authoring problems:\n`);
    for (const problem of checked.problems) io.stderr.write(`${formatProblem(problem)}\n`);
    return 1;
  }
  const lesson = checked.lesson;
  let runtime: Awaited<ReturnType<typeof openRuntime>>;
  try {
    runtime = await openRuntime(runtimeName, {
      pace,
      env: io.env,
      context: {
        context: options.context,
        allowWrites: options.allowWrites,
        confirm: io.confirm ?? askForContextName(io.stderr),
      },
    });
  } catch (error) {
    if (error instanceof RuntimeUnavailableError) throw new UserError(error.message);
    throw error;
  }
  try {
    const { LessonEngine } = await import('../../lesson-engine/lesson-engine.ts');
    const { referenceLearner } = await import('../../lesson-engine/learner.ts');
    const { plainPrinter } = await import('../../plain-printer/plain-printer.ts');
    const { wantsColor } = await import('../../plain-printer/text-style.ts');
    const { ProgressStore, progressFileIn } = await import('../../progress/progress-store.ts');
    const { progressRecorder } = await import('../../progress/track-progress.ts');
    const state = io.stateDirectory ?? stateDirectory(io.env);
    const engine = new LessonEngine(lesson, runtime, {
      learner: referenceLearner,
      workspaceDirectory: join(state, 'workspace', lesson.id),
      freshWorkspace: true,
    });
    engine.subscribe(
      plainPrinter((text) => io.stdout.write(text), {
        color: wantsColor(io.stdout, io.env),
        runtime: runtime.description,
      }),
    );
    engine.subscribe(progressRecorder(new ProgressStore(progressFileIn(state)), lesson.id));
    const outcome = await engine.run({ signal: io.signal });
    // The sandbox disappears with its process; a real cluster is cleaned unless --keep.
    if (runtime.name !== 'sandbox' && (!options.keep || outcome.cancelled)) await engine.cleanup();
    if (outcome.cancelled) return 130;
    return outcome.passed ? 0 : 1;
  } finally {
    await runtime.stop();
  }
}
