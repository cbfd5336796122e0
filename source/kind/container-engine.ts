import { firstErrorLine, type ToolRunner } from './tool-runner.ts';

export type EngineName = 'docker' | 'podman';

/** What the container engine kind would use says about itself. */
export type EngineReport =
  | { state: 'missing' }
  | { state: 'not-running'; name: EngineName; clientVersion?: string; error: string }
  | {
      state: 'running';
      name: EngineName;
      clientVersion?: string;
      serverVersion: string;
      /** Docker Desktop (or a podman machine): nodes live in a VM, their IPs not routable. */
      inVirtualMachine: boolean;
      /** Rootless engines cannot bind ports below 1024 on the host. */
      rootless: boolean;
      /** `Docker Desktop 4.43.0`, `Docker Engine - Community`, `podman`. */
      product: string;
    };

function parseJson(text: string): Record<string, unknown> | undefined {
  const start = text.indexOf('{');
  if (start < 0) return undefined;
  try {
    return JSON.parse(text.slice(start)) as Record<string, unknown>;
  } catch {
    return undefined;
  }
}

function field(value: unknown, ...path: string[]): unknown {
  let current = value;
  for (const key of path) {
    if (!current || typeof current !== 'object') return undefined;
    current = (current as Record<string, unknown>)[key];
  }
  return current;
}

/** The engine kind picks: KIND_EXPERIMENTAL_PROVIDER if set, else docker, else podman. */
async function chooseEngine(
  run: ToolRunner,
  env: NodeJS.ProcessEnv,
): Promise<{ name: EngineName; version: ReturnType<ToolRunner> } | undefined> {
  const preferred = env.KIND_EXPERIMENTAL_PROVIDER === 'podman' ? 'podman' : 'docker';
  const order: EngineName[] = preferred === 'podman' ? ['podman', 'docker'] : ['docker', 'podman'];
  for (const name of order) {
    // `{{json .}}` rather than `json`: Docker before 23 knows only templates.
    const version = run(name, ['version', '--format', '{{json .}}']);
    if ((await version).found) return { name, version };
  }
  return undefined;
}

/**
 * Asks the engine itself, not only its client: `docker version --format '{{json .}}'` prints the
 * client and fails when the daemon does not answer; `docker info` then says where it runs.
 */
export async function detectEngine(
  run: ToolRunner,
  env: NodeJS.ProcessEnv = process.env,
  platform: NodeJS.Platform = process.platform,
): Promise<EngineReport> {
  const chosen = await chooseEngine(run, env);
  if (!chosen) return { state: 'missing' };
  const { name } = chosen;
  const version = await chosen.version;
  const versions = parseJson(version.stdout);
  const clientVersion = field(versions, 'Client', 'Version') as string | undefined;
  const serverVersion = field(versions, 'Server', 'Version') as string | undefined;
  if (version.exitCode !== 0 || (name === 'docker' && !serverVersion)) {
    return {
      state: 'not-running',
      name,
      ...(clientVersion ? { clientVersion } : {}),
      error: firstErrorLine(version.stderr) || `${name} version failed`,
    };
  }
  const info = await run(name, ['info', '--format', '{{json .}}']);
  const details = parseJson(info.stdout);
  if (name === 'podman') {
    return {
      state: 'running',
      name,
      ...(clientVersion ? { clientVersion } : {}),
      serverVersion: serverVersion ?? clientVersion ?? 'unknown',
      // A podman machine (macOS, Windows) runs the containers in a VM, like Docker Desktop.
      inVirtualMachine: platform !== 'linux',
      rootless: field(details, 'host', 'security', 'rootless') === true,
      product: 'podman',
    };
  }
  const operatingSystem = String(field(details, 'OperatingSystem') ?? '');
  const product = String(field(versions, 'Server', 'Platform', 'Name') ?? 'Docker Engine');
  const securityOptions = (field(details, 'SecurityOptions') ?? []) as string[];
  return {
    state: 'running',
    name,
    ...(clientVersion ? { clientVersion } : {}),
    serverVersion: serverVersion ?? 'unknown',
    inVirtualMachine:
      platform !== 'linux' || /Docker Desktop/i.test(`${operatingSystem} ${product}`),
    rootless: securityOptions.some((option) => option.includes('name=rootless')),
    product,
  };
}
