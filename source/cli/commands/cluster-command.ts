import { existsSync } from 'node:fs';
import type { Command } from 'commander';
import type { KindIo } from '../../kind/kind-io.ts';
import { stateDirectory } from '../state-paths.ts';
import { SilentExit, UserError } from '../user-error.ts';

export interface ClusterCommandOptions {
  name: string;
  /** Seconds `up` waits for nodes and cloud-provider-kind. */
  timeout?: string;
  /** `up --images FILE`: a tarball from `images save`, loaded instead of pulling. */
  images?: string;
}

/** The real machine: tools from PATH, ports on 127.0.0.1, the user's state directory. */
export async function machineIo(
  stdout: NodeJS.WritableStream = process.stdout,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KindIo> {
  const { toolRunner } = await import('../../kind/tool-runner.ts');
  const { portIsFree } = await import('../../kind/host-port.ts');
  return {
    stdout,
    env,
    platform: process.platform,
    run: toolRunner(env),
    stateDirectory: stateDirectory(env),
    portIsFree,
  };
}

function parseTimeout(text: string | undefined): number | undefined {
  if (text === undefined) return undefined;
  const seconds = Number(text);
  if (!Number.isFinite(seconds) || seconds <= 0)
    throw new UserError(`--timeout must be a number of seconds above 0, not '${text}'`);
  return seconds * 1000;
}

export async function runClusterCommand(
  action: 'up' | 'down' | 'status',
  options: ClusterCommandOptions,
  io: KindIo,
  lessonsDirectory?: string,
): Promise<number> {
  const name = options.name;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(name))
    throw new UserError(
      `--name must be lower-case letters, digits and dashes (a kind cluster name), not '${name}'`,
    );
  switch (action) {
    case 'up': {
      const { clusterUp } = await import('../../kind/cluster-up.ts');
      const { bundledLessonsDirectory } = await import('../../lesson-format/lesson-catalog.ts');
      if (options.images && !existsSync(options.images))
        throw new UserError(
          `${options.images} does not exist: make it with \`k8s-expose-tutor images save ${options.images}\``,
        );
      await clusterUp(
        {
          name,
          timeoutMs: parseTimeout(options.timeout),
          ...(options.images
            ? {
                images: options.images,
                lessonsDirectory: lessonsDirectory ?? bundledLessonsDirectory(),
              }
            : {}),
        },
        io,
      );
      return 0;
    }
    case 'down': {
      const { clusterDown } = await import('../../kind/cluster-down.ts');
      await clusterDown({ name }, io);
      return 0;
    }
    case 'status': {
      const { clusterStatus } = await import('../../kind/cluster-status.ts');
      return (await clusterStatus({ name }, io)) ? 0 : 1;
    }
  }
}

export function registerClusterCommand(program: Command): void {
  const cluster = program
    .command('cluster')
    .description('create, check or remove the kind cluster the lessons run on (expose-tutor)')
    .helpCommand(false);
  const actions = {
    up: 'create the kind cluster and start cloud-provider-kind; quick when both already run',
    down: 'delete the kind cluster and the cloud-provider-kind container the tutor started',
    status: 'say what exists: the engine, the cluster, its nodes, cloud-provider-kind',
  } as const;
  for (const [action, description] of Object.entries(actions) as [keyof typeof actions, string][]) {
    const command = cluster
      .command(action)
      .description(description)
      .option('--name <name>', 'the kind cluster name', 'expose-tutor');
    if (action === 'up')
      command
        .option('--timeout <seconds>', 'how long to wait for the cluster to be ready', '300')
        .option('--images <file>', 'load images from a tarball made by `images save` (workshops)');
    command.action(async (options: ClusterCommandOptions) => {
      const exitCode = await runClusterCommand(action, options, await machineIo());
      if (exitCode !== 0) throw new SilentExit(exitCode);
    });
    command.exitOverride().configureOutput({ outputError: () => {} });
  }
}
