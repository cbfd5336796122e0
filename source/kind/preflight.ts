import { UserError } from '../cli/user-error.ts';
import { detectEngine, type EngineReport } from './container-engine.ts';
import { engineMissing, engineNotRunning, kindMissing } from './kind-failure.ts';
import type { KindIo } from './kind-io.ts';
import { KindTool } from './kind-tool.ts';
import { minimumKindVersion, nodeImage, versionAtLeast } from './kind-versions.ts';

export type RunningEngine = Extract<EngineReport, { state: 'running' }>;

/** The engine, answering; otherwise a one-line error with the fix (exit 1). */
export async function requireEngine(io: KindIo): Promise<RunningEngine> {
  const engine = await detectEngine(io.run, io.env, io.platform);
  if (engine.state === 'missing') throw new UserError(engineMissing, 1);
  if (engine.state === 'not-running') throw new UserError(engineNotRunning(engine.name), 1);
  return engine;
}

/** kind, recent enough for the pinned node image; otherwise a one-line error with the fix. */
export async function requireKind(io: KindIo): Promise<KindTool> {
  const kind = new KindTool(io.run);
  const version = await kind.version();
  if (!version.found) throw new UserError(kindMissing, 1);
  if (!versionAtLeast(version.version, minimumKindVersion))
    throw new UserError(
      `kind ${version.version} is older than v${minimumKindVersion}, which ${nodeImage.split('@')[0]} needs: upgrade kind (https://kind.sigs.k8s.io/docs/user/quick-start/#installation)`,
      1,
    );
  return kind;
}

/** kind's cluster names, or the one-line reason it could not list them. */
export async function existingClusters(kind: KindTool, engine: string): Promise<string[]> {
  const clusters = await kind.clusters();
  if (!clusters.ok) {
    const { explainKindFailure } = await import('./kind-failure.ts');
    throw new UserError(explainKindFailure(clusters.stderr, engine), 1);
  }
  return clusters.names;
}
