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
