import { kindContext } from './kind-versions.ts';
import type { ToolRunner, ToolRunOptions } from './tool-runner.ts';

/** The kind CLI, as the tutor uses it. */
export class KindTool {
  // kind reads KIND_EXPERIMENTAL_PROVIDER from the runner's environment itself.
  constructor(private readonly run: ToolRunner) {}

  /** `v0.32.0` from `kind v0.32.0 go1.25.5 linux/amd64`; undefined when kind is missing. */
  async version(): Promise<{ found: false } | { found: true; version: string; line: string }> {
    const result = await this.run('kind', ['version']);
    if (!result.found) return { found: false };
    const line = result.stdout.trim().split('\n')[0] ?? '';
    const version = /kind (v\S+)/.exec(line)?.[1] ?? line;
    return { found: true, version, line };
  }

  /** `kind get clusters`: one name per line on stdout; "No kind clusters found." on stderr. */
  async clusters(): Promise<{ ok: true; names: string[] } | { ok: false; stderr: string }> {
    const result = await this.run('kind', ['get', 'clusters']);
    if (result.exitCode !== 0) return { ok: false, stderr: result.stderr };
    return {
      ok: true,
      names: result.stdout
        .split('\n')
        .map((line) => line.trim())
        .filter(Boolean),
    };
  }

  createArguments(name: string, configPath: string): string[] {
    // kind waits for nothing by default; the tutor waits itself, with progress.
    return ['create', 'cluster', '--name', name, '--config', configPath];
  }

  create(name: string, configPath: string, options: ToolRunOptions = {}) {
    return this.run('kind', this.createArguments(name, configPath), options);
  }

  delete(name: string) {
    return this.run('kind', ['delete', 'cluster', '--name', name]);
  }

  /** The kubeconfig context kind wrote for the cluster. */
  context(name: string): string {
    return kindContext(name);
  }
}
