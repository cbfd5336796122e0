import { engineMissing, engineNotRunning } from '../kind/kind-failure.ts';
import type { CheckResult, DoctorContext } from './doctor-check.ts';

const title = 'Container engine';

/** docker or podman, and that the engine itself answers (not only the client). */
export async function checkEngine(context: DoctorContext): Promise<CheckResult> {
  const engine = await context.engine;
  if (engine.state === 'missing') {
    const [detail, fix] = splitFix(engineMissing);
    return { id: 'engine', title, status: 'fail', detail, fix };
  }
  if (engine.state === 'not-running') {
    const [, fix] = splitFix(engineNotRunning(engine.name));
    const client = engine.clientVersion ? ` (client ${engine.clientVersion})` : '';
    return {
      id: 'engine',
      title,
      status: 'fail',
      detail: `${engine.name}${client} is installed but the engine does not answer: ${engine.error}`,
      fix,
    };
  }
  return {
    id: 'engine',
    title,
    status: 'ok',
    detail: `${engine.product} ${engine.serverVersion} answers (${engine.name})`,
  };
}

/** Our one-line errors read `what: fix`; a check shows the two parts apart. */
export function splitFix(line: string): [string, string] {
  const colon = line.indexOf(': ');
  return colon < 0 ? [line, ''] : [line.slice(0, colon), line.slice(colon + 2)];
}
