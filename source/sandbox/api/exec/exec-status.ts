/**
 * What the error channel (3) carries when the command ends, as kube-apiserver's WebSocket
 * translator writes it for the v4/v5 protocols: a metav1.Status marshalled without kind and
 * apiVersion. The translator wraps what the kubelet's SPDY stream reported, which is why an
 * exit code's message and an internal error's prefix appear twice, as on a real cluster.
 */

export type ExecStatus = Record<string, unknown>;

export function successStatus(): ExecStatus {
  return { metadata: {}, status: 'Success' };
}

export function exitCodeStatus(code: number): ExecStatus {
  return {
    metadata: {},
    status: 'Failure',
    message: `command terminated with non-zero exit code: command terminated with exit code ${code}`,
    reason: 'NonZeroExitCode',
    details: { causes: [{ reason: 'ExitCode', message: String(code) }] },
  };
}

/** An internal error: `detail` is the kubelet's or the runtime's message. */
export function internalErrorStatus(detail: string): ExecStatus {
  const inner = `Internal error occurred: ${detail}`;
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${inner}`,
    reason: 'InternalError',
    details: { causes: [{ message: inner }] },
    code: 500,
  };
}

/** The kubelet cannot find a running container to exec into (still creating, or exited). */
export function containerNotFoundStatus(container: string): ExecStatus {
  const detail = `unable to upgrade connection: container not found ("${container}")`;
  return {
    metadata: {},
    status: 'Failure',
    message: `Internal error occurred: ${detail}`,
    reason: 'InternalError',
    details: { causes: [{ message: detail }] },
    code: 500,
  };
}

/** containerd's (runc's) failure to start a program that is not in the image. */
export function executableNotFoundDetail(program: string, execId: string): string {
  const cause = program.includes('/')
    ? `exec: "${program}": stat ${program}: no such file or directory`
    : `exec: "${program}": executable file not found in $PATH`;
  return (
    'error executing command in container: failed to exec in container: ' +
    `failed to start exec "${execId}": OCI runtime exec failed: exec failed: ` +
    `unable to start container process: ${cause}`
  );
}
