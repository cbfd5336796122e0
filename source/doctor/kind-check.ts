import { KindTool } from '../kind/kind-tool.ts';
import { minimumKindVersion, nodeImage, versionAtLeast } from '../kind/kind-versions.ts';
import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'kind';
const install = 'https://kind.sigs.k8s.io/docs/user/quick-start/#installation';

/** kind on PATH, at least the release the pinned node image is built for. */
export async function checkKind(context: DoctorContext): Promise<CheckResult> {
  const version = await new KindTool(context.io.run).version();
  if (!version.found)
    return {
      id: 'kind',
      title,
      status: 'fail',
      detail: 'kind is not installed',
      fix: `install kind v${minimumKindVersion} or newer (${install})`,
    };
  if (!versionAtLeast(version.version, minimumKindVersion))
    return {
      id: 'kind',
      title,
      status: 'fail',
      detail: `${version.line} is older than v${minimumKindVersion}, which ${nodeImage.split('@')[0]} needs`,
      fix: `upgrade kind (${install})`,
    };
  return { id: 'kind', title, status: 'ok', detail: version.line };
}
