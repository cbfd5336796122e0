import type { Json, KubeObject } from '../api/kube-object.ts';

/**
 * What a container's image and arguments make it listen on. The sandbox runs no images: it
 * knows one program, agnhost's `netexec`, the e2e test image's HTTP server
 * (registry.k8s.io/e2e-test-images/agnhost, any tag), and answers for it. Every other
 * container runs without listening on anything, so connections to it are refused — and
 * `silentReason` says why in words a learner can act on.
 *
 *   programOf(container)   → { kind: 'netexec', httpPort } | { kind: 'silent', reason }
 *   listenersOf(pod)       → the ports the pod's containers serve (shared network namespace)
 *   whyPodServesNothing(pod) → undefined when something listens, else the reason
 */

export type ContainerProgram =
  | { kind: 'netexec'; httpPort: number }
  | { kind: 'silent'; reason: string };

export interface PodListener {
  port: number;
  /** The container whose program listens there. */
  container: string;
}

const agnhostRepositories = [
  'registry.k8s.io/e2e-test-images/agnhost',
  // The old registry, still in many manifests; kind pulls from it too.
  'k8s.gcr.io/e2e-test-images/agnhost',
];

/** agnhost's netexec listens on 8080 unless `--http-port` says otherwise (netexec.go). */
export const netexecDefaultHttpPort = 8080;

export function isAgnhostImage(image: string): boolean {
  const withoutDigest = image.split('@')[0] ?? '';
  const lastSlash = withoutDigest.lastIndexOf('/');
  const colon = withoutDigest.lastIndexOf(':');
  const repository = colon > lastSlash ? withoutDigest.slice(0, colon) : withoutDigest;
  return agnhostRepositories.includes(repository);
}

export function programOf(container: Json): ContainerProgram {
  const image = String(container.image ?? '');
  if (!isAgnhostImage(image)) {
    return {
      kind: 'silent',
      reason: `the sandbox runs no program for image "${image}": only registry.k8s.io/e2e-test-images/agnhost with "netexec" answers connections`,
    };
  }
  const argv = agnhostArguments(container);
  if (!argv) {
    return {
      kind: 'silent',
      reason: `container "${container.name}" runs a command the sandbox does not simulate (${JSON.stringify(container.command)}); only "/agnhost netexec" answers connections`,
    };
  }
  // The image's CMD is `pause`: agnhost with no arguments just sleeps.
  const [subcommand = 'pause', ...flags] = argv;
  if (subcommand !== 'netexec') {
    return {
      kind: 'silent',
      reason: `agnhost "${subcommand}" listens on no port in the sandbox; "agnhost netexec --http-port=<port>" serves HTTP`,
    };
  }
  return netexecProgram(flags);
}

/**
 * The agnhost argument vector after the binary: the image's entrypoint is `/agnhost`, so
 * `args` alone are its arguments, and a `command` must start with the binary itself.
 * Undefined when the command runs something else (a shell, say).
 */
function agnhostArguments(container: Json): string[] | undefined {
  const command: unknown[] | undefined = container.command;
  const args = ((container.args as unknown[] | undefined) ?? []).map(String);
  if (!command || command.length === 0) return args;
  const [binary, ...rest] = command.map(String);
  if (binary !== '/agnhost' && binary !== 'agnhost') return undefined;
  return [...rest, ...args];
}

/** Reads `--http-port=N` / `--http-port N` as cobra's flag parser would. */
function netexecProgram(flags: string[]): ContainerProgram {
  let httpPort = netexecDefaultHttpPort;
  for (let i = 0; i < flags.length; i++) {
    const flag = flags[i]!;
    let value: string | undefined;
    if (flag.startsWith('--http-port=')) value = flag.slice('--http-port='.length);
    else if (flag === '--http-port') value = flags[++i] ?? '';
    else continue;
    if (!/^[+-]?\d+$/.test(value) || Number(value) < 1 || Number(value) > 65535) {
      return {
        kind: 'silent',
        reason: `agnhost netexec exits at start: invalid argument "${value}" for "--http-port" flag`,
      };
    }
    httpPort = Number(value);
  }
  return { kind: 'netexec', httpPort };
}

/** Ports the pod serves: its containers share one network namespace. */
export function listenersOf(pod: Readonly<KubeObject>): PodListener[] {
  const listeners: PodListener[] = [];
  for (const container of (pod.spec?.containers ?? []) as Json[]) {
    const program = programOf(container);
    if (program.kind === 'netexec') {
      listeners.push({ port: program.httpPort, container: String(container.name) });
    }
  }
  return listeners;
}

/** Why nothing in the pod listens, or undefined when something does. */
export function whyPodServesNothing(pod: Readonly<KubeObject>): string | undefined {
  if (listenersOf(pod).length > 0) return undefined;
  const reasons = ((pod.spec?.containers ?? []) as Json[])
    .map(programOf)
    .flatMap((program) => (program.kind === 'silent' ? [program.reason] : []));
  return reasons.join('; ') || 'the pod has no containers';
}
