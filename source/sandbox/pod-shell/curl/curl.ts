import { performance } from 'node:perf_hooks';
import type { Program, ShellIO } from '../shell-machine.ts';
import { type CurlOptions, parseCurlArguments } from './curl-arguments.ts';
import { CurlFailure, caCertAdvice, curlExit, curlHelpHint } from './curl-errors.ts';
import { CurlTransfer } from './curl-transfer.ts';
import type { ResponseHead } from './http-response-parser.ts';
import { progressHeader, progressLine } from './progress-meter.ts';
import { formatWriteOut } from './write-out.ts';

async function readAll(stdin: AsyncIterable<Buffer> | undefined): Promise<string> {
  if (!stdin) return '';
  const chunks: Buffer[] = [];
  for await (const chunk of stdin) chunks.push(chunk);
  return Buffer.concat(chunks).toString('utf8');
}

/** Where the body (and with -i the headers) goes: stdout, nowhere (/dev/null), or refused. */
function outputOf(
  options: CurlOptions,
  io: ShellIO,
): ((data: string | Buffer) => void) | 'unwritable' {
  const target = options.output;
  if (target === undefined || target === '-') return (data) => io.stdout(data);
  if (target === '/dev/null') return () => {};
  return 'unwritable';
}

/**
 * `curl`: a useful subset of curl 8 as Alpine ships it in the agnhost image, with curl's exit
 * codes, messages, -v trace, progress meter and -w variables. Transfers run from the machine
 * it is called on: its resolver, its address, its network.
 */
export const curl: Program = async (args, machine, io) => {
  const parsed = parseCurlArguments(args);
  if (!parsed.ok) {
    if (parsed.message) io.stderr(`curl: ${parsed.message}\n`);
    io.stderr(curlHelpHint);
    return curlExit.usage;
  }
  const { options } = parsed;
  const output = outputOf(options, io);
  const showErrors = !options.silent || options.showError;
  const meter = !options.silent && (!io.tty || options.output !== undefined);
  let stdinText: Promise<string> | undefined;
  const stdinData = () => {
    stdinText ??= readAll(io.stdin);
    return stdinText;
  };
  let exitCode = 0;
  for (const url of options.urls) {
    const started = performance.now();
    if (meter) io.stderr(`${progressHeader}${progressLine({ received: 0, elapsedSeconds: 0 })}`);
    let suppressBody = false;
    let received = 0;
    let expected: number | undefined;
    const write = output === 'unwritable' ? () => {} : output;
    const transfer = new CurlTransfer(
      machine,
      options,
      {
        trace: (line) => {
          if (options.verbose) io.stderr(line);
        },
        head: (head: ResponseHead) => {
          const failing = head.status >= 400 && (options.fail || options.failWithBody);
          suppressBody = failing && !options.failWithBody;
          const length = head.headers.find(([name]) => name.toLowerCase() === 'content-length');
          expected = length ? Number(length[1]) : undefined;
          if ((options.include || options.head) && !suppressBody)
            write(Buffer.from(head.raw, 'latin1'));
        },
        body: (data) => {
          received += data.length;
          if (options.verbose && !io.tty) io.stderr(`{ [${data.length} bytes data]\n`);
          if (!suppressBody) write(data);
        },
      },
      stdinData,
      url,
    );
    let failure: CurlFailure | undefined;
    try {
      if (output === 'unwritable')
        throw new CurlFailure(curlExit.writeError, 'Failure writing output to destination');
      await transfer.run();
      const status = transfer.report.httpCode;
      if (status >= 400 && (options.fail || options.failWithBody)) {
        failure = new CurlFailure(
          curlExit.httpReturnedError,
          `The requested URL returned error: ${status}`,
        );
        transfer.report.exitCode = failure.exitCode;
        transfer.report.errorMessage = failure.message;
      }
    } catch (error) {
      if (!(error instanceof CurlFailure)) throw error;
      failure = error;
      transfer.report.exitCode = error.exitCode;
      transfer.report.errorMessage = error.message;
    }
    if (meter) {
      const elapsedSeconds = (performance.now() - started) / 1000;
      io.stderr(
        `${progressLine({ ...(expected !== undefined ? { expected } : {}), received, elapsedSeconds })}\n`,
      );
    }
    if (failure) {
      exitCode = failure.exitCode;
      if (showErrors) {
        io.stderr(`curl: (${failure.exitCode}) ${failure.message}\n`);
        if (failure.exitCode === curlExit.peerFailedVerification) io.stderr(caCertAdvice);
      }
    }
    if (options.writeOut !== undefined) {
      const written = formatWriteOut(options.writeOut, transfer.report);
      for (const warning of written.warnings) io.stderr(`Warning: ${warning}\n`);
      if (written.stdout) io.stdout(written.stdout);
      if (written.stderr) io.stderr(written.stderr);
    }
  }
  return exitCode;
};
