import { appendFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { inspect } from 'node:util';

/**
 * The TUI's log: errors with their stacks, which the screen cannot show. One file per run
 * (started afresh), so the path the error screen names holds this run's story.
 */
export function fileLog(file: string, now: () => Date = () => new Date()) {
  let usable = true;
  try {
    mkdirSync(dirname(file), { recursive: true, mode: 0o700 });
    writeFileSync(file, `k8s-expose-tutor TUI log, started ${now().toISOString()}\n`);
  } catch {
    usable = false;
  }
  return {
    file,
    log(message: string, error?: unknown): void {
      if (!usable) return;
      const detail =
        error === undefined
          ? ''
          : `\n${error instanceof Error ? (error.stack ?? error.message) : inspect(error)}`;
      try {
        appendFileSync(file, `${now().toISOString()} ${message}${detail}\n`);
      } catch {
        usable = false;
      }
    },
  };
}
