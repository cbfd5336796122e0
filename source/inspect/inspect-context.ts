import { existsSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import { UserError } from '../cli/user-error.ts';
import { KubeConfig } from '../kube/client-node.ts';
import { buildReport } from './build-report.ts';
import { ClusterRefusedError, ClusterUnreachableError, collectObjects } from './collect-objects.ts';
import type { InspectReport } from './inspect-report.ts';

export interface InspectTarget {
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces?: boolean;
}

/** Reads a kubeconfig context's Services and what routes to them, and builds the report. */
export async function inspectContext(target: InspectTarget): Promise<InspectReport> {
  const kubeConfig = new KubeConfig();
  if (!target.kubeconfig && !defaultKubeconfigExists()) {
    // client-node would otherwise invent a "loaded-context" on localhost:8080.
    throw new UserError(
      'no kubeconfig found (KUBECONFIG is unset or names no file, and ~/.kube/config does not exist): point --kubeconfig at one, or run `k8s-expose-tutor sandbox` and use the kubeconfig it prints',
    );
  }
  try {
    if (target.kubeconfig) kubeConfig.loadFromFile(target.kubeconfig);
    else kubeConfig.loadFromDefault();
  } catch (error) {
    throw new UserError(`cannot read the kubeconfig: ${(error as Error).message}`);
  }
  if (target.context !== undefined) {
    if (!kubeConfig.getContextObject(target.context)) {
      const known = kubeConfig.getContexts().map((context) => context.name);
      throw new UserError(
        `context "${target.context}" does not exist in the kubeconfig${known.length ? ` (contexts: ${known.join(', ')})` : ''}`,
      );
    }
    kubeConfig.setCurrentContext(target.context);
  }
  const contextName = kubeConfig.getCurrentContext();
  const context = kubeConfig.getContextObject(contextName);
  const cluster = kubeConfig.getCurrentCluster();
  if (!context || !cluster)
    throw new UserError(
      'no kubeconfig context to inspect: set KUBECONFIG, use --kubeconfig, or choose one with --context',
    );
  const namespace = target.allNamespaces
    ? undefined
    : (target.namespace ?? context.namespace ?? 'default');
  try {
    const snapshot = await collectObjects(kubeConfig, namespace);
    return buildReport(snapshot, { context: contextName, server: cluster.server, namespace });
  } catch (error) {
    if (error instanceof ClusterUnreachableError)
      throw new UserError(
        `cannot reach the API server of context "${contextName}" at ${cluster.server}: ${error.message}`,
      );
    if (error instanceof ClusterRefusedError)
      throw new UserError(
        `the API server of context "${contextName}" at ${cluster.server}: ${error.message}`,
      );
    throw error;
  }
}

/** Is there a kubeconfig where kubectl would look: the KUBECONFIG files, else ~/.kube/config? */
function defaultKubeconfigExists(env: NodeJS.ProcessEnv = process.env): boolean {
  const listed = (env.KUBECONFIG ?? '').split(delimiter).filter(Boolean);
  const candidates = listed.length > 0 ? listed : [join(env.HOME ?? homedir(), '.kube', 'config')];
  return candidates.some((path) => existsSync(path));
}
