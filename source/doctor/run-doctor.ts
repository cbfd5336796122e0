import { detectEngine } from '../kind/container-engine.ts';
import type { KindIo } from '../kind/kind-io.ts';
import { checkCloudProvider } from './cloud-provider-check.ts';
import { checkCluster } from './cluster-check.ts';
import type { CheckResult, DoctorCheck } from './doctor-check.ts';
import { checkEngine } from './engine-check.ts';
import { checkHostPorts } from './host-ports-check.ts';
import { checkKind } from './kind-check.ts';
import { checkKubectl } from './kubectl-check.ts';
import { checkPlatform } from './platform-check.ts';

/** In the order a learner fixes things: the engine first, the cluster last. */
const checks: DoctorCheck[] = [
  checkEngine,
  checkKind,
  checkKubectl,
  checkPlatform,
  checkHostPorts,
  checkCloudProvider,
  checkCluster,
];

/** `doctor --json` prints this. `ready` is true when no check failed. */
export interface DoctorReport {
  schemaVersion: 1;
  ready: boolean;
  cluster: string;
  checks: CheckResult[];
}

export async function runDoctor(io: KindIo, clusterName: string): Promise<DoctorReport> {
  const context = { io, clusterName, engine: detectEngine(io.run, io.env, io.platform) };
  const results: CheckResult[] = [];
  for (const check of checks) results.push(await check(context));
  return {
    schemaVersion: 1,
    ready: results.every((result) => result.status !== 'fail'),
    cluster: clusterName,
    checks: results,
  };
}

const marks = { ok: '✓', warn: '!', fail: '✗' } as const;

/** The plain report: one line per check, its fix indented below it. */
export function formatDoctorReport(report: DoctorReport): string {
  const lines: string[] = [];
  for (const check of report.checks) {
    lines.push(`${marks[check.status]} ${check.title}: ${check.detail}`);
    if (check.fix && check.status !== 'ok') lines.push(`    fix: ${check.fix}`);
  }
  lines.push('');
  lines.push(
    report.ready
      ? `Ready: run a lesson with \`k8s-expose-tutor run <lesson> --plain --runtime kind\`.`
      : 'Not ready for the kind runtime yet (the sandbox always works: --runtime sandbox).',
  );
  return `${lines.join('\n')}\n`;
}
