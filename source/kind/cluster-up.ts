import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { UserError } from '../cli/user-error.ts';
import { abortableSleep } from '../cluster/abortable-sleep.ts';
import { KubeCluster } from '../cluster/kube-cluster.ts';
import { shellCommand } from '../probe/shell-words.ts';
import {
  cloudProviderInstructions,
  findCloudProvider,
  startCloudProvider,
} from './cloud-provider.ts';
import {
  type ClusterReadiness,
  describeReadiness,
  isClusterReady,
  readReadiness,
} from './cluster-readiness.ts';
import { kindConfig } from './kind-config.ts';
import { explainKindFailure } from './kind-failure.ts';
import type { KindIo } from './kind-io.ts';
import { loadContext } from './kind-kubeconfig.ts';
import { kindContext, lessonNodePorts, nodeImage } from './kind-versions.ts';
import { existingClusters, requireEngine, requireKind } from './preflight.ts';
import { firstErrorLine } from './tool-runner.ts';
import { withoutDigest, workshopImages } from './workshop-images.ts';

export interface ClusterUpOptions {
  name: string;
  /** How long to wait for nodes and classes (default 5 minutes). */
  timeoutMs?: number;
  pollMs?: number;
  /** A tarball from `images save`: loaded first, so nothing is pulled from the network. */
  images?: string;
  /** Where the lessons are (their images are loaded onto the nodes with --images). */
  lessonsDirectory?: string;
}

export function kindConfigPath(stateDirectory: string, name: string): string {
  return join(stateDirectory, 'kind', `${name}.yaml`);
}

/**
 * `cluster up`: the kind cluster, cloud-provider-kind, and a wait until both serve the
 * lessons. Each step first looks at what exists, so a second run on a healthy cluster only
 * checks and returns.
 */
export async function clusterUp(options: ClusterUpOptions, io: KindIo): Promise<void> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const engine = await requireEngine(io);
  const kind = await requireKind(io);
  const { name } = options;
  const image = options.images ? await loadTarball(options.images, engine.name, io) : nodeImage;
  if ((await existingClusters(kind, engine.name)).includes(name)) {
    say(`✓ Cluster "${name}" exists (kind get clusters)`);
  } else {
    const mapNodePorts = engine.inVirtualMachine;
    if (mapNodePorts) {
      for (const port of lessonNodePorts) {
        if (!(await io.portIsFree(port)))
          throw new UserError(
            `port ${port} on 127.0.0.1 is already in use, and the lessons' NodePort needs it on ${engine.product}: stop what listens there (\`lsof -i :${port}\`), then retry`,
            1,
          );
      }
    }
    const configPath = kindConfigPath(io.stateDirectory, name);
    mkdirSync(join(io.stateDirectory, 'kind'), { recursive: true });
    writeFileSync(configPath, kindConfig({ mapNodePorts, image }));
    say(
      `Creating cluster "${name}": 1 control-plane and 2 workers on ${nodeImage.split('@')[0]}${mapNodePorts ? `, NodePorts ${lessonNodePorts.join(', ')} mapped to 127.0.0.1` : ''}`,
    );
    say(`$ ${shellCommand(['kind', ...kind.createArguments(name, configPath)])}`);
    const created = await kind.create(name, configPath, {
      onStderrLine: (line) => say(`  ${line.trim()}`),
    });
    if (created.exitCode !== 0)
      throw new UserError(explainKindFailure(created.stderr, engine.name), 1);
    say(`✓ Cluster "${name}" created (context ${kindContext(name)})`);
  }
  if (options.images && options.lessonsDirectory)
    await loadIntoNodes(name, options.lessonsDirectory, io, say);
  await ensureCloudProvider(io, engine.name, say);
  await waitUntilReady(name, options, io, say);
  say('');
  say(`Cluster "${name}" is ready for the lessons (kubectl context ${kindContext(name)}).`);
  say('Run one with: k8s-expose-tutor run 02-clusterip --plain --runtime kind');
}

/**
 * `docker load` of a workshop tarball. Returns the node image to use: the pinned digest if the
 * engine knows it, else the tag the tarball carries (`docker save` does not keep digests).
 */
async function loadTarball(file: string, engine: string, io: KindIo): Promise<string> {
  const load = [engine, 'load', '--input', file];
  io.stdout.write(`$ ${shellCommand(load)}\n`);
  const loaded = await io.run(load[0]!, load.slice(1));
  if (loaded.exitCode !== 0)
    throw new UserError(
      `could not load ${file} (${firstErrorLine(loaded.stderr)}): make it again with \`k8s-expose-tutor images save ${file}\``,
      1,
    );
  if ((await io.run(engine, ['image', 'inspect', nodeImage])).exitCode === 0) return nodeImage;
  return withoutDigest(nodeImage);
}

/** `kind load docker-image` for the lessons' images, so pods start without a registry. */
async function loadIntoNodes(
  name: string,
  lessonsDirectory: string,
  io: KindIo,
  say: (line: string) => void,
): Promise<void> {
  const images = workshopImages(lessonsDirectory).cluster;
  if (images.length === 0) return;
  const args = ['load', 'docker-image', '--name', name, ...images];
  say(`$ ${shellCommand(['kind', ...args])}`);
  const loaded = await io.run('kind', args, { onStderrLine: (line) => say(`  ${line.trim()}`) });
  if (loaded.exitCode !== 0)
    throw new UserError(
      `kind could not load the lessons' images (${firstErrorLine(loaded.stderr)}): check \`k8s-expose-tutor images save\` made the tarball, then retry`,
      1,
    );
}

async function ensureCloudProvider(
  io: KindIo,
  engine: string,
  say: (line: string) => void,
): Promise<void> {
  const state = await findCloudProvider(io.run, engine, io.platform);
  if (state.running) {
    const where =
      state.how === 'process' ? 'a process on this machine' : `container ${state.container}`;
    say(`✓ cloud-provider-kind is running (${where})`);
    return;
  }
  // Linux with Docker: the README's container, host networking and the engine's socket.
  if (io.platform === 'linux' && engine === 'docker') {
    const started = await startCloudProvider(io.run, engine, state);
    if (!started.ok) throw new UserError(started.error, 1);
    say(`$ ${shellCommand(started.command)}`);
    say('✓ cloud-provider-kind started (LoadBalancer, Ingress and Gateway API)');
    return;
  }
  say(`cloud-provider-kind is not running: ${cloudProviderInstructions(io.platform)}.`);
  say('Waiting for it to start…');
}

async function waitUntilReady(
  name: string,
  options: ClusterUpOptions,
  io: KindIo,
  say: (line: string) => void,
): Promise<void> {
  const context = kindContext(name);
  const kubeConfig = await loadContext(context, io.env);
  if (!kubeConfig)
    throw new UserError(
      `kind did not write the context ${context} to your kubeconfig: run \`kind export kubeconfig --name ${name}\`, then retry`,
      1,
    );
  const deadline = Date.now() + (options.timeoutMs ?? 300_000);
  let last = '';
  let readiness: ClusterReadiness;
  for (;;) {
    // A fresh client each time: its discovery cache must not remember the Gateway API group
    // as missing from before cloud-provider-kind installed its CRDs.
    readiness = await readReadiness(new KubeCluster(kubeConfig), io.signal);
    if (isClusterReady(readiness)) break;
    const line = describeReadiness(readiness);
    if (line !== last) say(`… waiting: ${line}`);
    last = line;
    if (Date.now() > deadline || io.signal?.aborted) {
      const fix = !readiness.gatewayClass
        ? `cloud-provider-kind has not set the cluster up: ${cloudProviderInstructions(io.platform)}`
        : `see \`kubectl --context ${context} get nodes\` and \`kubectl --context ${context} -n kube-system get pods\``;
      throw new UserError(`cluster "${name}" is not ready (${line}): ${fix}`, 1);
    }
    await abortableSleep(options.pollMs ?? 1_000, io.signal);
  }
  say(`✓ ${describeReadiness(readiness)}`);
}
