import { Command, CommanderError } from 'commander';
import packageJson from '../../package.json' with { type: 'json' };
import { registerClusterCommand } from './commands/cluster-command.ts';
import { registerDoctorCommand } from './commands/doctor-command.ts';
import { registerImagesCommand } from './commands/images-command.ts';
import { registerInspectCommand } from './commands/inspect-command.ts';
import { registerLessonsCommand } from './commands/lessons-command.ts';
import { registerRunCommand } from './commands/run-command.ts';
import { registerSandboxCommand } from './commands/sandbox-command.ts';
import { SilentExit, UserError } from './user-error.ts';

const programName = 'k8s-expose-tutor';

export function buildProgram(): Command {
  const program = new Command(programName)
    .description('Learn, teach and inspect how Kubernetes exposes Services.')
    .version(packageJson.version, '-v, --version', 'print the version')
    .helpOption('-h, --help', 'show help for a command')
    .helpCommand(false)
    .showSuggestionAfterError(true)
    .configureOutput({ outputError: () => {} })
    .exitOverride();
  registerSandboxCommand(program);
  registerLessonsCommand(program);
  registerRunCommand(program);
  registerInspectCommand(program);
  registerClusterCommand(program);
  registerDoctorCommand(program);
  registerImagesCommand(program);
  for (const command of program.commands)
    command.exitOverride().configureOutput({ outputError: () => {} });
  return program;
}

/** Runs the CLI and resolves to the process exit code. Errors never escape as stack traces. */
export async function main(
  argv: string[],
  io: { stdout: NodeJS.WritableStream; stderr: NodeJS.WritableStream } = process,
): Promise<number> {
  const program = buildProgram();
  program.configureOutput({
    writeOut: (text) => io.stdout.write(text),
    writeErr: (text) => io.stderr.write(text),
    outputError: () => {},
  });
  try {
    if (argv.length === 0) {
      // A terminal gets the TUI (loaded only now, so --help stays fast); a pipe gets the
      // lesson list and how to run one as a plain transcript.
      if (io.stdout === process.stdout && process.stdout.isTTY && process.stdin.isTTY) {
        const { startTui } = await import('../tui/start-tui.tsx');
        return await startTui({
          stdout: process.stdout,
          stdin: process.stdin,
          stderr: process.stderr,
          env: process.env,
        });
      }
      const { runLessonsCommand } = await import('./commands/lessons-command.ts');
      return await runLessonsCommand({}, { stdout: io.stdout, env: process.env });
    }
    await program.parseAsync(argv, { from: 'user' });
    return 0;
  } catch (error) {
    return reportError(error, argv, io.stderr);
  }
}

function reportError(error: unknown, argv: string[], stderr: NodeJS.WritableStream): number {
  if (error instanceof CommanderError) {
    if (error.code === 'commander.helpDisplayed' || error.code === 'commander.version') return 0;
    // A command group without its subcommand: commander has printed its usage to stderr.
    if (error.code === 'commander.help') return 2;
    const subcommand = argv.find((arg) => !arg.startsWith('-'));
    const helpHint =
      subcommand && !error.code.includes('unknownCommand')
        ? `${programName} ${subcommand} --help`
        : `${programName} --help`;
    const message = error.message
      .replace(/^error: /, '')
      .replace(/\n+/g, ' ')
      .trim();
    stderr.write(`${programName}: ${message} (see '${helpHint}')\n`);
    return 2;
  }
  if (error instanceof SilentExit) return error.exitCode;
  if (error instanceof UserError) {
    stderr.write(`${programName}: ${error.message}\n`);
    return error.exitCode;
  }
  const detail = error instanceof Error ? (error.stack ?? error.message) : String(error);
  stderr.write(
    `${programName}: unexpected error — please report it with the lines below.\n${detail}\n`,
  );
  return 1;
}
