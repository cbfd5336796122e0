import { Writable } from 'node:stream';
import type { KubeConfig, V1Status } from '@kubernetes/client-node';
import type { CurlRun } from './curl-outcome.ts';

/** A command that ran (with its exit code), or the reason it could not run. */
export type ExecResult = ({ ran: true } & CurlRun) | { ran: false; reason: string };

function collector(): { stream: Writable; text: () => string } {
  const chunks: Buffer[] = [];
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      chunks.push(Buffer.from(chunk));
      done();
    },
  });
  return { stream, text: () => Buffer.concat(chunks).toString('utf8') };
}

/** The exit code a final exec status carries: 0, the NonZeroExitCode cause, or none. */
export function exitCodeOf(status: V1Status): number | undefined {
  if (status.status === 'Success') return 0;
  if (status.reason !== 'NonZeroExitCode') return undefined;
  const cause = status.details?.causes?.find((c) => c.reason === 'ExitCode');
  return cause?.message !== undefined ? Number(cause.message) : undefined;
}

/**
 * Runs `argv` in a pod's container through the API server's `pods/exec` (client-node's
 * `Exec`, a WebSocket), as `kubectl exec` does — against the sandbox or any real cluster.
 */
export class PodExec {
  private exec: Promise<import('../kube/client-node.ts').Exec> | undefined;

  constructor(private readonly kubeConfig: KubeConfig) {}

  async run(
    namespace: string,
    pod: string,
    container: string | undefined,
    argv: string[],
  ): Promise<ExecResult> {
    this.exec ??= import('../kube/client-node.ts').then(({ Exec }) => new Exec(this.kubeConfig));
    const exec = await this.exec;
    const stdout = collector();
    const stderr = collector();
    return new Promise<ExecResult>((resolve) => {
      let status: V1Status | undefined;
      const finish = () => {
        if (!status) {
          resolve({ ran: false, reason: 'the exec stream closed without a final status' });
          return;
        }
        const exitCode = exitCodeOf(status);
        if (exitCode === undefined)
          resolve({ ran: false, reason: status.message ?? 'exec failed' });
        else resolve({ ran: true, exitCode, stdout: stdout.text(), stderr: stderr.text() });
      };
      exec
        .exec(
          namespace,
          pod,
          container ?? '',
          argv,
          stdout.stream,
          stderr.stream,
          null,
          false,
          (s) => {
            status = s;
          },
        )
        .then((socket) => {
          socket.on('close', finish);
        })
        .catch((error: { message?: string }) => {
          resolve({ ran: false, reason: error?.message ?? String(error) });
        });
    });
  }
}
