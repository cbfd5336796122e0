import { defaultProbeTimeoutMs, type ProbeTarget } from './probe.ts';

function seconds(ms: number): string {
  return String(Math.round(ms) / 1000);
}

/** The URL's host and port, as curl's `--resolve` names them. */
function hostAndPort(url: string): { host: string; port: number } | undefined {
  try {
    const parsed = new URL(url);
    return {
      host: parsed.hostname,
      port: parsed.port ? Number(parsed.port) : parsed.protocol === 'https:' ? 443 : 80,
    };
  } catch {
    return undefined;
  }
}

/** The curl options a target asks for, after `curl -s` (the part a learner would type). */
function targetOptions(target: ProbeTarget): string[] {
  const options: string[] = [];
  if (target.insecure) options.push('-k');
  if (target.method && target.method !== 'GET') options.push('-X', target.method);
  if (target.hostHeader) options.push('-H', `Host: ${target.hostHeader}`);
  for (const [name, value] of Object.entries(target.headers ?? {}))
    options.push('-H', `${name}: ${value}`);
  const pinned = target.resolveTo ? hostAndPort(target.url) : undefined;
  if (pinned) options.push('--resolve', `${pinned.host}:${pinned.port}:${target.resolveTo}`);
  return options;
}

/** `curl -s [options] URL`: the command to show. */
export function displayedCurl(target: ProbeTarget, url = target.url): string[] {
  return ['curl', '-s', ...targetOptions(target), url];
}

/**
 * The command a probe runs: the displayed one plus what lets the probe read the outcome —
 * `-S` (curl's error message), `-i` (status line and headers) and `-m` (a bounded wait).
 */
export function probingCurl(target: ProbeTarget, timeoutMs = defaultProbeTimeoutMs): string[] {
  return ['curl', '-sS', '-i', '-m', seconds(timeoutMs), ...targetOptions(target), target.url];
}
