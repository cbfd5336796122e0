import { managedByLabel, managedByValue } from '../cluster/cluster.ts';
import { cloudProviderContainerName, cloudProviderKindImage } from './kind-versions.ts';
import { firstErrorLine, type ToolRunner } from './tool-runner.ts';

/** Where a cloud-provider-kind is running, if one is. */
export type CloudProviderState =
  | { running: true; how: 'ours'; container: string }
  | { running: true; how: 'container'; container: string }
  | { running: true; how: 'process' }
  | { running: false; stoppedOurs: boolean };

interface ContainerLine {
  name: string;
  image: string;
  state: string;
  managedBy: string;
}

const psFormat = `{{.Names}}\t{{.Image}}\t{{.State}}\t{{.Label "${managedByLabel}"}}`;

async function containers(run: ToolRunner, engine: string): Promise<ContainerLine[]> {
  const result = await run(engine, ['ps', '-a', '--format', psFormat]);
  if (result.exitCode !== 0) return [];
  return result.stdout
    .split('\n')
    .filter((line) => line.trim())
    .map((line) => {
      const [name = '', image = '', state = '', managedBy = ''] = line.split('\t');
      return { name, image, state, managedBy };
    });
}

/** A cloud-provider-kind binary the user started (macOS and Windows run it this way). */
async function processRunning(run: ToolRunner, platform: NodeJS.Platform): Promise<boolean> {
  if (platform === 'win32') {
    const result = await run('tasklist', ['/FO', 'CSV', '/NH']);
    return /"cloud-provider-kind\.exe"/i.test(result.stdout);
  }
  // `command` (the full command line): Linux truncates `comm` to 15 characters.
  const result = await run('ps', ['-A', '-o', 'command=']);
  return result.stdout
    .split('\n')
    .some((line) => /(^|[\s/])cloud-provider-kind(\s|$)/.test(line.trim()));
}

/**
 * Finds a running cloud-provider-kind: the tutor's container, anyone's container of its image
 * (the README's `docker run`, its compose file), or a process on this machine.
 */
export async function findCloudProvider(
  run: ToolRunner,
  engine: string,
  platform: NodeJS.Platform = process.platform,
): Promise<CloudProviderState> {
  const all = await containers(run, engine);
  const ours = all.find((container) => container.name === cloudProviderContainerName);
  if (ours?.state === 'running') return { running: true, how: 'ours', container: ours.name };
  const theirs = all.find(
    (container) => container.state === 'running' && container.image.includes('cloud-provider-kind'),
  );
  if (theirs) return { running: true, how: 'container', container: theirs.name };
  if (await processRunning(run, platform)) return { running: true, how: 'process' };
  return { running: false, stoppedOurs: ours !== undefined };
}

/** The `docker run` that starts cloud-provider-kind on Linux, as its README documents. */
export function cloudProviderRunArguments(): string[] {
  return [
    'run',
    '--detach',
    '--name',
    cloudProviderContainerName,
    '--label',
    `${managedByLabel}=${managedByValue}`,
    '--restart',
    'unless-stopped',
    '--network',
    'host',
    '--volume',
    '/var/run/docker.sock:/var/run/docker.sock',
    cloudProviderKindImage,
  ];
}

/** Starts (or restarts) the tutor's cloud-provider-kind container; a one-line error if not. */
export async function startCloudProvider(
  run: ToolRunner,
  engine: string,
  state: Extract<CloudProviderState, { running: false }>,
): Promise<{ ok: true; command: string[] } | { ok: false; error: string }> {
  const args = state.stoppedOurs
    ? ['start', cloudProviderContainerName]
    : cloudProviderRunArguments();
  const result = await run(engine, args);
  if (result.exitCode === 0) return { ok: true, command: [engine, ...args] };
  if (
    /Unable to find image|pull access denied|manifest unknown|failed to resolve|TLS handshake timeout|i\/o timeout/.test(
      result.stderr,
    )
  ) {
    return {
      ok: false,
      error: `could not pull ${cloudProviderKindImage}: check the network and \`${engine} pull ${cloudProviderKindImage}\`, then retry`,
    };
  }
  return {
    ok: false,
    error: `could not start cloud-provider-kind (${firstErrorLine(result.stderr)}): run \`${engine} logs ${cloudProviderContainerName}\` to see why`,
  };
}

/** Removes the tutor's container, and only it: one carrying the tutor's label. */
export async function removeCloudProvider(
  run: ToolRunner,
  engine: string,
): Promise<'removed' | 'absent' | 'not-ours'> {
  const ours = (await containers(run, engine)).find(
    (container) => container.name === cloudProviderContainerName,
  );
  if (!ours) return 'absent';
  if (ours.managedBy !== managedByValue) return 'not-ours';
  await run(engine, ['rm', '--force', cloudProviderContainerName]);
  return 'removed';
}

/** How to run cloud-provider-kind where the tutor does not start it (macOS, Windows, podman). */
export function cloudProviderInstructions(platform: NodeJS.Platform): string {
  if (platform === 'win32')
    return 'start cloud-provider-kind in a terminal opened with "Run as administrator" (it publishes LoadBalancer ports through Docker); install it with `go install sigs.k8s.io/cloud-provider-kind@latest`';
  if (platform === 'darwin')
    return 'run `sudo cloud-provider-kind` in another terminal (it needs admin rights to publish LoadBalancer ports); install it with `brew install cloud-provider-kind`';
  return 'run `sudo cloud-provider-kind` in another terminal, or let `k8s-expose-tutor cluster up` start its container';
}
