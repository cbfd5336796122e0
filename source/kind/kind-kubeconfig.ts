import { existsSync, readFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { KubeConfig } from '@kubernetes/client-node';

/** The kubeconfig files kubectl reads: $KUBECONFIG's list, else ~/.kube/config. */
export function kubeconfigPaths(env: NodeJS.ProcessEnv = process.env): string[] {
  if (env.KUBECONFIG) return env.KUBECONFIG.split(delimiter).filter(Boolean);
  return [join(env.HOME ?? homedir(), '.kube', 'config')];
}

/**
 * A KubeConfig set to `context`, read from the first kubeconfig file that has it (kind writes
 * `kind-<name>` into the first), or undefined when no file has that context.
 */
export async function loadContext(
  context: string,
  env: NodeJS.ProcessEnv = process.env,
): Promise<KubeConfig | undefined> {
  const { KubeConfig } = await import('../kube/client-node.ts');
  for (const path of kubeconfigPaths(env)) {
    if (!existsSync(path)) continue;
    const kubeConfig = new KubeConfig();
    try {
      kubeConfig.loadFromString(readFileSync(path, 'utf8'));
    } catch {
      continue;
    }
    if (!kubeConfig.getContextObject(context)) continue;
    kubeConfig.setCurrentContext(context);
    return kubeConfig;
  }
  return undefined;
}
