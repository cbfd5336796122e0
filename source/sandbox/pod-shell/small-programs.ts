import type { Program } from './shell-machine.ts';

/** BusyBox `echo`, with -n (no newline) and -e (backslash escapes). */
export const echo: Program = async (args, _machine, io) => {
  let newline = true;
  let escapes = false;
  let at = 0;
  for (; at < args.length && /^-[neE]+$/.test(args[at]!); at++) {
    for (const flag of args[at]!.slice(1)) {
      if (flag === 'n') newline = false;
      else if (flag === 'e') escapes = true;
      else escapes = false;
    }
  }
  let text = args.slice(at).join(' ');
  if (escapes)
    text = text.replace(/\\([nrt\\])/g, (_, c: string) => ({ n: '\n', r: '\r', t: '\t' })[c] ?? c);
  io.stdout(newline ? `${text}\n` : text);
  return 0;
};

export const trueProgram: Program = async () => 0;
export const falseProgram: Program = async () => 1;

/** `sleep N`: waits, unless the caller goes away first. */
export const sleep: Program = async (args, _machine, io) => {
  const seconds = Number(args[0]?.replace(/s$/, ''));
  if (!Number.isFinite(seconds) || seconds < 0) {
    io.stderr(`sleep: invalid number '${args[0] ?? ''}'\n`);
    return 1;
  }
  await new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, seconds * 1000);
    io.signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    });
  });
  return io.signal.aborted ? 143 : 0;
};

/** `env` and `printenv`: the container's environment, one `NAME=value` a line. */
export const env: Program = async (args, machine, io) => {
  const names = args.filter((arg) => !arg.startsWith('-'));
  if (names.length > 0) {
    const values = names.map((name) => machine.env[name]);
    for (const value of values) if (value !== undefined) io.stdout(`${value}\n`);
    return values.every((value) => value !== undefined) ? 0 : 1;
  }
  for (const [name, value] of Object.entries(machine.env)) io.stdout(`${name}=${value}\n`);
  return 0;
};
