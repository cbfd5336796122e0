import { execa } from 'execa';

/** How an external command ended: its output, or that it is not installed. */
export interface ToolResult {
  /** False when the executable is not on PATH. */
  found: boolean;
  exitCode: number;
  stdout: string;
  stderr: string;
}

export interface ToolRunOptions {
  /** Called with each line the tool prints on stderr while it runs (kind's progress). */
  onStderrLine?(line: string): void;
  timeoutMs?: number;
}

/** Runs `file` with an argument array (never a shell string) and never throws. */
export type ToolRunner = (
  file: string,
  args: readonly string[],
  options?: ToolRunOptions,
) => Promise<ToolResult>;

/** The runner over execa, with `env` as the environment (PATH decides which tools are used). */
export function toolRunner(env: NodeJS.ProcessEnv = process.env): ToolRunner {
  return async (file, args, options = {}) => {
    const child = execa(file, [...args], {
      reject: false,
      env,
      extendEnv: false,
      stdin: 'ignore',
      ...(options.timeoutMs ? { timeout: options.timeoutMs } : {}),
    });
    if (options.onStderrLine) {
      let pending = '';
      child.stderr?.on('data', (chunk: Buffer) => {
        pending += chunk.toString('utf8');
        const lines = pending.split(/\r?\n|\r/);
        pending = lines.pop() ?? '';
        for (const line of lines) if (line.trim()) options.onStderrLine?.(line);
      });
    }
    const result = await child;
    const missing = (result as { code?: string }).code === 'ENOENT';
    return {
      found: !missing,
      exitCode: result.exitCode ?? (missing ? 127 : 1),
      stdout: String(result.stdout ?? ''),
      stderr: String(result.stderr ?? ''),
    };
  };
}

/** The first line of a tool's error output worth showing, without kind's `ERROR: ` prefix. */
export function firstErrorLine(text: string): string {
  const lines = text
    .split('\n')
    .map((line) => line.trim())
    .filter(Boolean);
  const error = lines.find((line) => /^(ERROR|Error|error)\b/.test(line)) ?? lines.at(-1) ?? '';
  return error.replace(/^ERROR: /, '');
}
