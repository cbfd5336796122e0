import type { Command } from 'commander';
import { UserError } from '../user-error.ts';

export interface InspectCommandOptions {
  context?: string;
  kubeconfig?: string;
  namespace?: string;
  allNamespaces?: boolean;
  json?: boolean;
  plain?: boolean;
}

export function registerInspectCommand(program: Command): void {
  program
    .command('inspect')
    .description('show, read-only, how every Service of a context is exposed and what is wrong')
    .option('--context <name>', 'the kubeconfig context to inspect (default: the current one)')
    .option('--kubeconfig <path>', 'the kubeconfig file (default: $KUBECONFIG or ~/.kube/config)')
    .option('-n, --namespace <name>', "one namespace (default: the context's, or default)")
    .option('-A, --all-namespaces', 'every namespace')
    .option('--json', 'print the report as JSON (schemaVersion 1, see docs/inspect-json.md)')
    .option('--plain', 'print the readable report (the default when not on a terminal)')
    .addHelpText(
      'after',
      '\nOnly reads (get and list): inspect never changes the cluster. Kinds it may not read are\nreported as unseen instead of failing. On a terminal, without --json or --plain, it opens a\nlive tree (namespace → Service → endpoints and routes) with a details pane.',
    )
    .action(async (options: InspectCommandOptions) => {
      const interactive = process.stdout.isTTY && process.stdin.isTTY;
      await runInspectCommand(options, {
        stdout: process.stdout,
        ...(interactive
          ? { terminal: { stdout: process.stdout, stdin: process.stdin, env: process.env } }
          : {}),
      });
    });
}

export async function runInspectCommand(
  options: InspectCommandOptions,
  io: {
    stdout: NodeJS.WritableStream;
    /** Set on an interactive terminal: without --json or --plain the live view starts. */
    terminal?: { stdout: NodeJS.WriteStream; stdin: NodeJS.ReadStream; env: NodeJS.ProcessEnv };
  },
): Promise<void> {
  if (options.namespace !== undefined && options.allNamespaces)
    throw new UserError('use either -n/--namespace or -A/--all-namespaces, not both');
  if (options.json && options.plain) throw new UserError('use either --json or --plain, not both');
  // Loaded only now: client-node costs ~0.3 s to import, and --help should not pay for it.
  const { inspectContext } = await import('../../inspect/inspect-context.ts');
  const report = await inspectContext(options);
  if (!options.json && !options.plain && io.terminal) {
    const { startInspectTui } = await import('../../inspect/view/start-inspect-tui.tsx');
    await startInspectTui(report, () => inspectContext(options), io.terminal);
    return;
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
    return;
  }
  const { plainReport } = await import('../../inspect/plain-report.ts');
  io.stdout.write(plainReport(report));
}
