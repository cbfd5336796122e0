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
    } else if (io.tty && io.stdin) {
      return interactive(machine, io, lookup, words);
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
    return (await runList(syntax.list, machine, io, lookup, words.notFound, 0)).status;
  };
}

/**
 * `kubectl exec -it POD -- sh`: a prompt, and the terminal's line editing done by the shell
 * (the sandbox has no kernel tty): typed characters echo, Backspace erases, Enter runs the
 * line, Ctrl-C abandons it, Ctrl-D on an empty line and `exit` leave.
 */
async function interactive(
  machine: ShellMachine,
  io: ShellIO,
  lookup: ProgramLookup,
  words: (typeof dialects)[keyof typeof dialects],
): Promise<number> {
  const prompt = '/ # ';
  let status = 0;
  let line = '';
  let pendingEscape = '';
  io.stdout(prompt);
  for await (const chunk of io.stdin ?? []) {
    for (const char of chunk.toString('utf8')) {
      if (pendingEscape) {
        // Cursor keys and the like (ESC [ A …): swallowed, there is no history to move in.
        pendingEscape += char;
        if (pendingEscape.length > 1 && /[A-Za-z~]/.test(char)) pendingEscape = '';
        continue;
      }
      if (char === '\x1b') {
        pendingEscape = char;
        continue;
      }
      if (char === '\x03') {
        io.stdout(`^C\r\n${prompt}`);
        line = '';
        continue;
      }
      if (char === '\x04') {
        if (line === '') {
          io.stdout('\r\n');
          return status;
        }
        continue;
      }
      if (char === '\x7f' || char === '\b') {
        if (line) {
          line = line.slice(0, -1);
          io.stdout('\b \b');
        }
        continue;
      }
      if (char === '\r' || char === '\n') {
        io.stdout('\r\n');
        const syntax = parseShell(line);
        line = '';
        if (!syntax.ok) {
          io.stderr(words.unsupported(syntax.unsupported));
          status = 2;
        } else {
          const result = await runList(syntax.list, machine, io, lookup, words.notFound, status);
          status = result.status;
          if (result.exited) return status;
        }
        io.stdout(prompt);
        continue;
      }
      if (char >= ' ') {
        line += char;
        io.stdout(char);
      }
    }
  }
  return status;
}

async function runList(
  list: ListItem[],
  machine: ShellMachine,
  io: ShellIO,
  lookup: ProgramLookup,
  notFound: (name: string) => string,
  previous: number,
): Promise<{ status: number; exited: boolean }> {
  let status = previous;
  const variables = (name: string) => (name === '?' ? String(status) : (machine.env[name] ?? ''));
  for (const { joiner, command } of list) {
    if (io.signal.aborted) return { status: 130, exited: true };
    if (joiner === '&&' && status !== 0) continue;
    if (joiner === '||' && status === 0) continue;
    const argv = command.words.map((word) => expandWord(word, variables));
    const [name, ...args] = argv;
    if (name === undefined) continue;
    if (name === 'exit')
      return { status: args[0] === undefined ? status : Number(args[0]) & 0xff, exited: true };
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
  return { status, exited: false };
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
