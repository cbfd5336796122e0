import { expandWord, type ListItem, parseShell, type SimpleCommand } from './sh-syntax.ts';
import type { Program, ShellIO, ShellMachine } from './shell-machine.ts';

export type ProgramLookup = (name: string) => Program | undefined;

/** How a shell reports a command it cannot find: BusyBox ash and bash word it differently. */
const dialects = {
  sh: {
    notFound: (name: string) => `sh: ${name}: not found\n`,
    unsupported: (what: string) =>
      `sh: the sandbox's shell runs simple commands only (not ${what})\n`,
  },
  bash: {
    notFound: (name: string) => `bash: line 1: ${name}: command not found\n`,
    unsupported: (what: string) =>
      `bash: the sandbox's shell runs simple commands only (not ${what})\n`,
  },
};

/**
 * `sh` (BusyBox ash) or `bash`: `-c 'script'`, or a script read from stdin. Runs the simple
 * commands of `sh-syntax.ts` with the machine's programs; `exit N` and `cd` are built in.
 */
export function shellProgram(dialect: keyof typeof dialects, lookup: ProgramLookup): Program {
  const words = dialects[dialect];
  return async (args, machine, io) => {
    let script: string;
    if (args[0] === '-c') {
      if (args[1] === undefined) {
        io.stderr(`${dialect}: -c requires an argument\n`);
        return 2;
      }
      script = args[1];
    } else if (args.length > 0 && !args[0]!.startsWith('-')) {
      io.stderr(
        dialect === 'sh'
          ? `sh: can't open '${args[0]}': No such file or directory\n`
          : `bash: ${args[0]}: No such file or directory\n`,
      );
      return dialect === 'sh' ? 2 : 127;
    } else {
      const chunks: Buffer[] = [];
      for await (const chunk of io.stdin ?? []) chunks.push(chunk);
      script = Buffer.concat(chunks).toString('utf8');
    }
    const syntax = parseShell(script);
    if (!syntax.ok) {
      io.stderr(words.unsupported(syntax.unsupported));
      return 2;
    }
    return runList(syntax.list, machine, io, lookup, words.notFound);
  };
}

async function runList(
  list: ListItem[],
  machine: ShellMachine,
  io: ShellIO,
  lookup: ProgramLookup,
  notFound: (name: string) => string,
): Promise<number> {
  let status = 0;
  const variables = (name: string) => (name === '?' ? String(status) : (machine.env[name] ?? ''));
  for (const { joiner, command } of list) {
    if (io.signal.aborted) return 130;
    if (joiner === '&&' && status !== 0) continue;
    if (joiner === '||' && status === 0) continue;
    const argv = command.words.map((word) => expandWord(word, variables));
    const [name, ...args] = argv;
    if (name === undefined) continue;
    if (name === 'exit') return args[0] === undefined ? status : Number(args[0]) & 0xff;
    if (name === 'cd' || name === ':') {
      status = 0;
      continue;
    }
    const program = lookup(name);
    const streams = redirected(io, command);
    if (!program) {
      streams.stderr(notFound(name));
      status = 127;
      continue;
    }
    status = await program(args, machine, streams);
  }
  return status;
}

/** The streams a command writes to after its redirections, applied left to right. */
function redirected(io: ShellIO, command: SimpleCommand): ShellIO {
  const sinks: Record<1 | 2, (data: string | Uint8Array) => void> = {
    1: (data) => io.stdout(data),
    2: (data) => io.stderr(data),
  };
  for (const { from, to } of command.redirections) {
    sinks[from] = to === 'null' ? () => {} : sinks[to];
  }
  return {
    stdin: io.stdin,
    tty: io.tty,
    signal: io.signal,
    stdout: sinks[1],
    stderr: sinks[2],
  };
}
