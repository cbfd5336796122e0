import { UserError } from '../cli/user-error.ts';
import { removeCloudProvider } from './cloud-provider.ts';
import type { KindIo } from './kind-io.ts';
import { cloudProviderContainerName } from './kind-versions.ts';
import { existingClusters, requireEngine, requireKind } from './preflight.ts';
import { firstErrorLine } from './tool-runner.ts';

/**
 * `cluster down`: deletes the named kind cluster and the cloud-provider-kind container the
 * tutor started (by name and label). Other clusters and containers stay as they are.
 */
export async function clusterDown(options: { name: string }, io: KindIo): Promise<void> {
  const say = (line: string) => io.stdout.write(`${line}\n`);
  const engine = await requireEngine(io);
  const kind = await requireKind(io);
  const { name } = options;
  if ((await existingClusters(kind, engine.name)).includes(name)) {
    say(`$ kind delete cluster --name ${name}`);
    const deleted = await kind.delete(name);
    if (deleted.exitCode !== 0)
      throw new UserError(
        `kind could not delete cluster "${name}" (${firstErrorLine(deleted.stderr)}): retry, or remove its containers with \`${engine.name} rm -f ${name}-control-plane ${name}-worker ${name}-worker2\``,
        1,
      );
    say(`✓ Cluster "${name}" deleted`);
  } else {
    say(`No kind cluster "${name}": nothing to delete`);
  }
  const removed = await removeCloudProvider(io.run, engine.name);
  if (removed === 'removed') say(`✓ Container ${cloudProviderContainerName} removed`);
  if (removed === 'not-ours')
    say(`Left container ${cloudProviderContainerName} alone: the tutor did not start it`);
}
