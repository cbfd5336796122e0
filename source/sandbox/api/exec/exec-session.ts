import { randomBytes } from 'node:crypto';
import type { WebSocket } from 'ws';
import { findProgram } from '../../pod-shell/programs.ts';
import type { ShellIO, ShellMachine } from '../../pod-shell/shell-machine.ts';
import { channel, type ExecProtocol, frame, statusPayload } from './channel-protocol.ts';
import type { ExecOptions } from './exec-options.ts';
import {
  type ExecStatus,
  executableNotFoundDetail,
  exitCodeStatus,
  internalErrorStatus,
  successStatus,
} from './exec-status.ts';

/** An async queue of stdin chunks, ended by a v5 half-close or the connection's end. */
class StdinQueue implements AsyncIterable<Buffer> {
  private readonly chunks: Buffer[] = [];
  private ended = false;
  private wake: (() => void) | undefined;

  push(chunk: Buffer): void {
    if (this.ended) return;
    this.chunks.push(chunk);
    this.wake?.();
  }

  end(): void {
    this.ended = true;
    this.wake?.();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Buffer> {
    for (;;) {
      const chunk = this.chunks.shift();
      if (chunk) {
        yield chunk;
        continue;
      }
      if (this.ended) return;
      await new Promise<void>((resolve) => {
        this.wake = resolve;
      });
      this.wake = undefined;
    }
  }
}

/** What an exec session runs: a command on a machine, or a status decided before it starts. */
export type ExecTarget =
  | { type: 'run'; machine: ShellMachine; options: ExecOptions }
  | { type: 'fail'; status: ExecStatus };

/**
 * One exec over an upgraded WebSocket, as kube-apiserver serves it: an empty message on the
 * lowest open output channel once the streams are ready, the command's output on channels 1
 * and 2 (one stream with a terminal, which also turns `\n` into `\r\n`), stdin from channel 0,
 * then the final status on channel 3 and a normal close.
 */
export async function runExecSession(
  socket: WebSocket,
  protocol: ExecProtocol,
  target: ExecTarget,
): Promise<void> {
  const aborted = new AbortController();
  const stdin = new StdinQueue();
  socket.on('message', (data: Buffer, isBinary: boolean) => {
    const message = isBinary ? data : Buffer.from(data);
    if (message.length === 0) return;
    const number = message[0];
    if (number === channel.stdin) stdin.push(message.subarray(1));
    else if (number === channel.close && protocol === 'v5.channel.k8s.io') {
      if (message[1] === channel.stdin) stdin.end();
    }
  });
  socket.once('close', () => {
    stdin.end();
    aborted.abort();
  });
  const send = (channelNumber: number, data: string | Uint8Array) => {
    if (socket.readyState === socket.OPEN) socket.send(frame(channelNumber, data));
  };

  const options = target.type === 'run' ? target.options : undefined;
  const ready =
    !options || options.stdout ? channel.stdout : options.stderr ? channel.stderr : channel.error;
  send(ready, Buffer.alloc(0));

  let status: ExecStatus;
  if (target.type === 'fail') status = target.status;
  else status = await runCommand(target.machine, target.options, stdin, aborted.signal, send);

  const payload = statusPayload(protocol, status);
  if (payload) send(channel.error, payload);
  if (socket.readyState === socket.OPEN) socket.close(1000);
}

/** A terminal's output processing (onlcr): every newline leaves as CR LF. */
function terminal(data: string | Uint8Array): Buffer {
  const bytes = Buffer.from(data);
  const out: number[] = [];
  for (let at = 0; at < bytes.length; at++) {
    if (bytes[at] === 0x0a && bytes[at - 1] !== 0x0d) out.push(0x0d);
    out.push(bytes[at]!);
  }
  return Buffer.from(out);
}

async function runCommand(
  machine: ShellMachine,
  options: ExecOptions,
  stdin: StdinQueue,
  signal: AbortSignal,
  send: (channelNumber: number, data: string | Uint8Array) => void,
): Promise<ExecStatus> {
  const [name = '', ...args] = options.command;
  const program = findProgram(name);
  if (!program) {
    const execId = randomBytes(32).toString('hex');
    return internalErrorStatus(executableNotFoundDetail(name, execId));
  }
  const io: ShellIO = {
    stdin: options.stdin ? stdin : undefined,
    tty: options.tty,
    signal,
    stdout: (data) => {
      if (options.stdout) send(channel.stdout, options.tty ? terminal(data) : data);
    },
    stderr: (data) => {
      if (options.tty && options.stdout) send(channel.stdout, terminal(data));
      else if (options.stderr) send(channel.stderr, data);
    },
  };
  try {
    const code = await program(args, machine, io);
    return code === 0 ? successStatus() : exitCodeStatus(code & 0xff);
  } catch (error) {
    return internalErrorStatus(`error executing command in container: ${(error as Error).message}`);
  }
}
