import { homedir } from 'node:os';
import { join } from 'node:path';

/**
 * Where the tutor keeps its state (progress, the sandbox's kubeconfig): XDG on Linux, the
 * platform's usual place elsewhere.
 */
export function stateDirectory(
  env: NodeJS.ProcessEnv = process.env,
  platform = process.platform,
): string {
  const home = env.HOME ?? homedir();
  if (platform === 'darwin')
    return join(home, 'Library', 'Application Support', 'k8s-expose-tutor');
  if (platform === 'win32')
    return join(env.LOCALAPPDATA ?? join(home, 'AppData', 'Local'), 'k8s-expose-tutor');
  return join(env.XDG_STATE_HOME || join(home, '.local', 'state'), 'k8s-expose-tutor');
}
