import type { Command } from 'commander';
import { SilentExit } from '../user-error.ts';
import { machineIo } from './cluster-command.ts';

export interface DoctorCommandOptions {
  json?: boolean;
  name: string;
}

const jsonHelp = `
Checks the container engine, kind, kubectl, the platform's networking, the host ports the
lessons need, cloud-provider-kind and the tutor's cluster, each with a fix.
Exit code 0 when ready for --runtime kind, 1 when a check failed.

--json prints one object (schemaVersion 1, docs/doctor-json.md; fields are only added):
  {"schemaVersion":1,"ready":true|false,"cluster":"expose-tutor",
   "checks":[{"id":"engine"|"kind"|"kubectl"|"platform"|"host-ports"|
              "cloud-provider-kind"|"cluster",
              "title":"…","status":"ok"|"warn"|"fail","detail":"…","fix":"…"?}]}
"fix" is present for warn and fail; "ready" is false when any status is "fail".`;

export async function runDoctorCommand(
  options: DoctorCommandOptions,
  io: Awaited<ReturnType<typeof machineIo>>,
): Promise<number> {
  const { runDoctor, formatDoctorReport } = await import('../../doctor/run-doctor.ts');
  const report = await runDoctor(io, options.name);
  io.stdout.write(
    options.json ? `${JSON.stringify(report, null, 2)}\n` : formatDoctorReport(report),
  );
  return report.ready ? 0 : 1;
}

export function registerDoctorCommand(program: Command): void {
  program
    .command('doctor')
    .description(
      'check this machine for the kind runtime: engine, kind, cloud-provider-kind, cluster',
    )
    .option('--json', 'print the checks as JSON (see below)')
    .option('--name <name>', 'the kind cluster name', 'expose-tutor')
    .addHelpText('after', jsonHelp)
    .action(async (options: DoctorCommandOptions) => {
      const exitCode = await runDoctorCommand(options, await machineIo());
      if (exitCode !== 0) throw new SilentExit(exitCode);
    });
}
