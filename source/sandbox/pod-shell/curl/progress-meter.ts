/**
 * curl's progress meter, which it writes to stderr unless `-s` is given or the body goes to
 * a terminal. The sandbox writes it the way a quick transfer shows it: the two header lines,
 * a first all-zero line, and the final line.
 */

export const progressHeader =
  '  % Total    % Received % Xferd  Average Speed   Time    Time     Time  Current\n' +
  '                                 Dload  Upload   Total   Spent    Left  Speed\n';

/** A size or speed in curl's five columns: `  123`, `9876k`, `  12M`. */
export function fiveColumns(bytes: number): string {
  const value = Math.max(0, Math.floor(bytes));
  if (value < 100_000) return String(value).padStart(5);
  if (value < 10_000 * 1024) return `${String(Math.floor(value / 1024)).padStart(4)}k`;
  if (value < 100 * 1024 * 1024)
    return `${(value / (1024 * 1024)).toFixed(1).padStart(4)}M`.slice(-5);
  return `${String(Math.floor(value / (1024 * 1024))).padStart(4)}M`;
}

/** `--:--:--` until a second has passed, then ` 0:00:01`. */
function clock(seconds: number): string {
  if (seconds < 1) return '--:--:--';
  const whole = Math.floor(seconds);
  const hours = Math.floor(whole / 3600);
  const minutes = Math.floor((whole % 3600) / 60);
  return `${String(hours).padStart(2)}:${String(minutes).padStart(2, '0')}:${String(whole % 60).padStart(2, '0')}`;
}

export interface ProgressState {
  /** The body's announced size, if known. */
  expected?: number;
  received: number;
  elapsedSeconds: number;
}

/** One meter line, starting with a carriage return as curl's does. */
export function progressLine(state: ProgressState): string {
  const { received, elapsedSeconds } = state;
  const expected = state.expected;
  const percent = expected && expected > 0 ? Math.floor((received * 100) / expected) : 0;
  const total = expected ?? received;
  const speed = elapsedSeconds > 0 ? received / elapsedSeconds : 0;
  const known = expected !== undefined && received > 0;
  return (
    `\r${String(known ? percent : 0).padStart(3)} ${fiveColumns(known ? total : 0)}  ` +
    `${String(known ? percent : 0).padStart(3)} ${fiveColumns(received)}  ` +
    `${String(0).padStart(3)} ${fiveColumns(0)}  ` +
    `${fiveColumns(speed)}  ${fiveColumns(0)} ` +
    `${clock(0)} ${clock(elapsedSeconds)} ${clock(0)} ${fiveColumns(speed)}`
  );
}
