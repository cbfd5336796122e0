import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { interruptedRun, newcomerRun, projectRoot } from './newcomer-run.ts';

const hasTmux = (() => {
  try {
    execFileSync('tmux', ['-V']);
    return true;
  } catch {
    return false;
  }
})();

beforeAll(() => {
  // CI builds before testing; a developer's checkout may not have a bundle yet.
  if (!existsSync(join(projectRoot, 'dist/cli.js')))
    execFileSync('npm', ['run', 'build'], { cwd: projectRoot, stdio: 'ignore' });
}, 120_000);

describe.skipIf(!hasTmux)('a newcomer at a terminal', () => {
  for (const [columns, rows] of [
    [120, 40],
    [80, 24],
  ] as const) {
    it(`opens the ClusterIP lesson at ${columns}×${rows}, sees pods and traffic, and leaves the terminal as it was`, async () => {
      const result = await newcomerRun(columns, rows);
      // The lesson text…
      expect(result.lessonScreen).toMatch(
        /✓ Send 30 requests to http:\/\/10\.96\.\d+\.\d+\/hostname/,
      );
      // …the Objects table with three ready pods…
      expect(result.lessonScreen.match(/echo-\S+ +1\/1\s/g)).toHaveLength(3);
      // …and a hit bar per pod in the Traffic pane, adding up to the thirty requests.
      const bars = result.trafficScreen.match(/echo-\S+ █+ \d+/g) ?? [];
      expect(bars).toHaveLength(3);
      expect(bars.reduce((sum, bar) => sum + Number(bar.split(' ').at(-1)), 0)).toBe(30);
      for (const line of result.lessonScreen.split('\n'))
        expect(line.length).toBeLessThanOrEqual(columns);
      // q left cleanly: the shell answers, and the terminal is out of raw mode.
      expect(result.shellAfter).toContain('shell-ok-42');
      expect(result.sttyAfter).toMatch(/(^|\s)icanon(\s|$)/m);
      expect(result.sttyAfter).toMatch(/(^|\s)echo(\s|$)/m);
      expect(result.sttyAfter).not.toMatch(/-icanon|(^|\s)-echo(\s|$)/m);
    }, 240_000);
  }

  it('gives the terminal back on Ctrl-C and on SIGTERM too', async () => {
    const ctrlC = await interruptedRun('ctrl-c');
    expect(ctrlC.exitLine).toBe('exit-code-130');
    expect(ctrlC.sttyAfter).not.toMatch(/-icanon|(^|\s)-echo(\s|$)/m);
    const term = await interruptedRun('sigterm');
    expect(term.exitLine).toBe('exit-code-143');
    expect(term.sttyAfter).not.toMatch(/-icanon|(^|\s)-echo(\s|$)/m);
    expect(term.sttyAfter).toMatch(/(^|\s)icanon(\s|$)/m);
  }, 240_000);
});
