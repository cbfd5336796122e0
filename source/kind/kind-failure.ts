import { firstErrorLine } from './tool-runner.ts';

/**
 * One line, with the fix, for what `kind create cluster` printed when it failed. kind prints
 * `ERROR: failed to create cluster: …` and, for a command that failed, `Command Output: …`
 * with the engine's own words (cmd/kind/app/main.go, logError).
 */
export function explainKindFailure(stderr: string, engine: string): string {
  const portInUse =
    /Bind for [\d.:]*?:(\d+) failed: port is already allocated/.exec(stderr) ??
    /listen tcp[^:]*:[\d.]*:(\d+): bind: address already in use/.exec(stderr) ??
    /:(\d+): bind: address already in use/.exec(stderr);
  if (portInUse) {
    const port = portInUse[1];
    return `port ${port} on this machine is already in use, so kind cannot publish it: stop what listens there (\`lsof -i :${port}\`) or run \`k8s-expose-tutor cluster down\` for an old tutor cluster, then retry`;
  }
  if (/Cannot connect to the (Docker daemon|Podman)|Is the docker daemon running/.test(stderr)) {
    return engineNotRunning(engine);
  }
  const pull = /failed to pull image "([^"]+)"/.exec(stderr);
  if (pull) {
    return `could not pull the node image ${pull[1]}: check the network (or a proxy or registry mirror) and \`${engine} pull ${pull[1]}\`, or preload it from a workshop tarball, then retry`;
  }
  if (/node\(s\) already exist for a cluster with the name/.test(stderr)) {
    return `${firstErrorLine(stderr)}: run \`k8s-expose-tutor cluster status\` to see it, or \`k8s-expose-tutor cluster down\` to start over`;
  }
  return `kind could not create the cluster (${firstErrorLine(stderr) || 'no message'}): run \`k8s-expose-tutor doctor\` to see what is missing`;
}

export function engineNotRunning(engine: string): string {
  if (engine === 'podman')
    return 'podman is installed but does not answer: run `podman machine start` (macOS, Windows) or start the podman socket, then retry';
  return 'docker is installed but the engine does not answer (Cannot connect to the Docker daemon): start Docker Desktop, or `sudo systemctl start docker` on Linux, then retry';
}

export const kindMissing =
  'kind is not installed: install kind v0.32 or newer (https://kind.sigs.k8s.io/docs/user/quick-start/#installation), or use --runtime sandbox';

export const engineMissing =
  'no container engine found (docker or podman): install Docker Desktop, Docker Engine or podman, or use --runtime sandbox';
