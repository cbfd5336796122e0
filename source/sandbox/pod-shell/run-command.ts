import { findProgram } from './programs.ts';
import type { ShellMachine } from './shell-machine.ts';

export interface CapturedRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs a command line on a machine without a terminal or stdin and collects its output —
 * what `docker exec <node> curl …` gives for a node. Undefined when the program is not there.
 */
export async function runCaptured(
  machine: ShellMachine,
  argv: readonly string[],
  signal: AbortSignal = new AbortController().signal,
): Promise<CapturedRun | undefined> {
  const [name = '', ...args] = argv;
  const program = findProgram(name);
  if (!program) return undefined;
  const stdout: Buffer[] = [];
  const stderr: Buffer[] = [];
  const exitCode = await program(args, machine, {
    stdin: undefined,
    tty: false,
    signal,
    stdout: (data) => stdout.push(Buffer.from(data)),
    stderr: (data) => stderr.push(Buffer.from(data)),
  });
  return {
    exitCode,
    stdout: Buffer.concat(stdout).toString('utf8'),
    stderr: Buffer.concat(stderr).toString('utf8'),
  };
}
