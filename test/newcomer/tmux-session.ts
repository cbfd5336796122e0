import { execFileSync } from 'node:child_process';

/**
 * A terminal a person would use, driven from a test: a detached tmux session of a given size
 * running a plain shell. Keys go in one at a time (a terminal app sees several characters at
 * once as a paste); the screen is read with capture-pane.
 */
export class TmuxSession {
  private started = false;

  constructor(
    readonly name: string,
    readonly columns: number,
    readonly rows: number,
  ) {}

  private tmux(...args: string[]): string {
    return execFileSync('tmux', args, { encoding: 'utf8' });
  }

  /** Starts a bare bash with a `$ ` prompt, in `cwd`, with `env` added. */
  start(cwd: string, env: Record<string, string>): void {
    const assignments = Object.entries(env).map(([key, value]) => `${key}=${value}`);
    this.tmux(
      'new-session',
      '-d',
      '-s',
      this.name,
      '-x',
      String(this.columns),
      '-y',
      String(this.rows),
      '-c',
      cwd,
      'env',
      'PS1=$ ',
      ...assignments,
      'bash',
      '--norc',
      '--noprofile',
    );
    this.started = true;
  }

  /** Types a line into the shell and presses Enter. */
  typeLine(text: string): void {
    this.tmux('send-keys', '-t', this.name, '-l', text);
    this.tmux('send-keys', '-t', this.name, 'Enter');
  }

  /** One key, in tmux's names: `n`, `Enter`, `Tab`, `Escape`, `Down`, `C-c`. */
  press(key: string): void {
    this.tmux('send-keys', '-t', this.name, key);
  }

  /** Resizes the window, as a person dragging the terminal's corner, and waits for `holds`. */
  resize(columns: number, rows: number, holds: (screen: string) => boolean): Promise<string> {
    this.tmux('resize-window', '-t', this.name, '-x', String(columns), '-y', String(rows));
    return this.waitFor(`the screen at ${columns}×${rows}`, holds);
  }

  screen(): string {
    return this.tmux('capture-pane', '-p', '-t', this.name);
  }

  /** Polls the screen until `holds` is true; fails with the screen as it was. */
  async waitFor(
    what: string,
    holds: (screen: string) => boolean,
    timeoutMs = 30_000,
  ): Promise<string> {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const screen = this.screen();
      if (holds(screen)) return screen;
      if (Date.now() > deadline)
        throw new Error(
          `${this.name}: timed out after ${timeoutMs} ms waiting for ${what}; the screen:\n${screen}`,
        );
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** The process running in the foreground of the pane's shell (its child). */
  foregroundPid(): number | undefined {
    const shell = this.tmux('list-panes', '-t', this.name, '-F', '#{pane_pid}').trim();
    try {
      const children = execFileSync('pgrep', ['-P', shell], { encoding: 'utf8' }).trim();
      const pid = Number(children.split('\n')[0]);
      return Number.isInteger(pid) && pid > 0 ? pid : undefined;
    } catch {
      return undefined;
    }
  }

  kill(): void {
    if (!this.started) return;
    this.started = false;
    try {
      this.tmux('kill-session', '-t', this.name);
    } catch {
      // Already gone.
    }
  }
}
