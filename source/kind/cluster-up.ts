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

export interface ClusterUpOptions {
  name: string;
  /** How long to wait for nodes and classes (default 5 minutes). */
  timeoutMs?: number;
  pollMs?: number;
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
  if ((await existingClusters(kind)).includes(name)) {
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
    writeFileSync(configPath, kindConfig({ mapNodePorts }));
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
  await ensureCloudProvider(io, engine.name, say);
  await waitUntilReady(name, options, io, say);
  say('');
  say(`Cluster "${name}" is ready for the lessons (kubectl context ${kindContext(name)}).`);
  say('Run one with: k8s-expose-tutor run 02-clusterip --plain --runtime kind');
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
