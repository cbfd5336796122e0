/**
 * A mistake the user can fix: printed as one line (what is wrong and what to do), never with a
 * stack trace. `exitCode` 2 is for usage mistakes, as with unknown flags.
 */
export class UserError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
  }
}

/**
 * Ends a command with an exit code and nothing more to print: the command has already said
 * what happened (a lesson transcript ending in failed checks, say).
 */
export class SilentExit extends Error {
  constructor(readonly exitCode: number) {
    super(`exit ${exitCode}`);
  }
}
