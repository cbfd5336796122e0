import type { ProbeOutcome } from './probe.ts';

/** What a `curl -sS -i` run printed and how it exited. */
export interface CurlRun {
  exitCode: number;
  stdout: string;
  stderr: string;
}

/** curl's error line without its `curl: (N) ` prefix, or the whole stderr. */
function curlMessage(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((text) => text.trim())
    .find((text) => /^curl: \(\d+\)/.test(text));
  return (line ?? stderr.trim()).replace(/^curl: \(\d+\) /, '');
}

/** The last response in `curl -i` output (interim 1xx heads come first), split into parts. */
export function parseIncludedResponse(
  stdout: string,
): { status: number; headers: [string, string][]; body: string } | undefined {
  let rest = stdout;
  for (;;) {
    const end = rest.indexOf('\r\n\r\n');
    if (!rest.startsWith('HTTP/') || end < 0) return undefined;
    const [statusLine = '', ...lines] = rest.slice(0, end).split('\r\n');
    const status = Number(/^HTTP\/[\d.]+ (\d{3})/.exec(statusLine)?.[1]);
    if (!status) return undefined;
    rest = rest.slice(end + 4);
    if (status >= 100 && status < 200 && rest.startsWith('HTTP/')) continue;
    const headers = lines.flatMap((line): [string, string][] => {
      const colon = line.indexOf(':');
      return colon > 0 ? [[line.slice(0, colon), line.slice(colon + 1).trim()]] : [];
    });
    return { status, headers, body: rest };
  }
}

/**
 * The outcome curl's exit code and output mean. Exit codes: 6 name lookup failed, 7 nothing
 * accepted the connection, 28 time ran out, 35 and 60 TLS, 0 a response (read from `-i`).
 */
export function curlOutcome(run: CurlRun): ProbeOutcome {
  const detail = curlMessage(run.stderr);
  switch (run.exitCode) {
    case 0: {
      const response = parseIncludedResponse(run.stdout);
      return response
        ? { kind: 'response', ...response }
        : { kind: 'error', detail: 'curl printed no HTTP response' };
    }
    case 6:
      return { kind: 'dns-failure', detail };
    case 7:
      return { kind: 'refused', detail };
    case 28:
      return { kind: 'timed-out', detail };
    case 35:
    case 51:
    case 58:
    case 60:
      return { kind: 'tls-error', detail };
    default:
      return { kind: 'error', detail: detail || `curl exited with ${run.exitCode}` };
  }
}
