import type { EngineReport } from '../kind/container-engine.ts';
import type { KindIo } from '../kind/kind-io.ts';

/**
 * One line of `doctor`. This is also the `--json` shape (documented in doctor-command.ts):
 * `status` is `ok` (ready), `warn` (works, with a caveat to know) or `fail` (lessons on kind
 * cannot run until fixed); `fix` says what to do, for warn and fail.
 */
export interface CheckResult {
  id: CheckId;
  title: string;
  status: 'ok' | 'warn' | 'fail';
  detail: string;
  fix?: string;
}

export type CheckId =
  | 'engine'
  | 'kind'
  | 'kubectl'
  | 'cloud-provider-kind'
  | 'cluster'
  | 'host-ports'
  | 'platform';

/** What every check may look at; the engine is asked once and shared. */
export interface DoctorContext {
  io: KindIo;
  clusterName: string;
  engine: Promise<EngineReport>;
}

export type DoctorCheck = (context: DoctorContext) => Promise<CheckResult>;
