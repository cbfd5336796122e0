import { minimumKubectlVersion, versionAtLeast } from '../kind/kind-versions.ts';
import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'kubectl';
const install = 'https://kubernetes.io/docs/tasks/tools/';

/**
 * kubectl is optional (the tutor talks to the API itself) but every lesson shows kubectl
 * commands to try: missing or outside the supported skew is a warning, not a failure.
 */
export async function checkKubectl(context: DoctorContext): Promise<CheckResult> {
  const result = await context.io.run('kubectl', ['version', '--client', '--output', 'json']);
  if (!result.found)
    return {
      id: 'kubectl',
      title,
      status: 'warn',
      detail: 'kubectl is not installed; the lessons show kubectl commands to try',
      fix: `install kubectl v1.35 or newer (${install})`,
    };
  let version = '';
  try {
    version = JSON.parse(result.stdout).clientVersion?.gitVersion ?? '';
  } catch {
    version = /v\d+\.\d+\.\d+/.exec(result.stdout)?.[0] ?? '';
  }
  if (!versionAtLeast(version, minimumKubectlVersion))
    return {
      id: 'kubectl',
      title,
      status: 'warn',
      detail: `kubectl ${version || '(unknown version)'} is more than one minor version behind the v1.36 cluster`,
      fix: `upgrade kubectl to v1.35 or newer (${install})`,
    };
  return { id: 'kubectl', title, status: 'ok', detail: `kubectl ${version}` };
}
