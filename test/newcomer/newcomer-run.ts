import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TmuxSession } from './tmux-session.ts';

export const projectRoot = join(import.meta.dirname, '../..');

export interface NewcomerResult {
  /** The screen with the probe's answers: lesson text, objects, traffic. */
  lessonScreen: string;
  /** The live pane that showed the traffic (the same screen side by side). */
  trafficScreen: string;
  sttyAfter: string;
  shellAfter: string;
}

const readyPods = (screen: string) => (screen.match(/echo-\S+ +1\/1\s/g) ?? []).length;
const hitBars = (screen: string) => screen.match(/echo-\S+ █+ \d+/g) ?? [];
/** `step 5 of 42 · 4 done`: the lesson pane's place, which every n changes. */
const place = (screen: string) => /step \d+ of \d+ · \d+ done/.exec(screen)?.[0];
const statusLines = (screen: string) => screen.trimEnd().split('\n').slice(-2).join('\n');

/**
 * What a newcomer does: starts `k8s-expose-tutor` with no arguments in a terminal of the given
 * size, opens the ClusterIP lesson, presses n through its steps until thirty requests have
 * been answered, looks at the panes, quits with q, and uses the shell again.
 */
export async function newcomerRun(columns: number, rows: number): Promise<NewcomerResult> {
  const cli = join(projectRoot, 'dist/cli.js');
  if (!existsSync(cli)) throw new Error('dist/cli.js is missing: run npm run build first');
  const node = join(projectRoot, 'node_modules/.bin/node');
  const state = mkdtempSync(join(tmpdir(), 'newcomer-'));
  const tmux = new TmuxSession(
    `newcomer-${process.pid}-${Date.now()}-${columns}x${rows}`,
    columns,
    rows,
  );
  try {
    tmux.start(projectRoot, { XDG_STATE_HOME: state, EDITOR: 'true' });
    await tmux.waitFor('the shell prompt', (screen) => screen.includes('$'));
    tmux.typeLine(`${node} ${cli}`);
    await tmux.waitFor(
      'the lesson list',
      (screen) => screen.includes('Lessons') && screen.includes('ClusterIP'),
    );
    for (let n = 0; n < 10 && !/▶ \d+ ClusterIP/.test(tmux.screen()); n++) {
      const before = tmux.screen();
      tmux.press('j');
      await tmux.waitFor('the cursor to move', (screen) => screen !== before);
    }
    tmux.press('Enter');
    await tmux.waitFor(
      'the lesson to open',
      (screen) => screen.includes('Ready: ⏎ runs the step.'),
      60_000,
    );

    // n, step after step, until the Service has answered thirty requests.
    const answered = (screen: string) =>
      /Who answered \(30 requests\)/.test(screen) || hitBars(screen).length === 3;
    let lessonScreen = tmux.screen();
    for (let presses = 0; presses < 60; presses++) {
      const before = place(tmux.screen());
      tmux.press('n');
      lessonScreen = await tmux.waitFor(
        'the step to change and the lesson to wait for the learner again',
        (screen) =>
          place(screen) !== before && statusLines(screen).includes('Ready: ⏎ runs the step.'),
        60_000,
      );
      if (
        /Send 30 requests to http:\/\/10\.96\.\d+\.\d+\/hostname/.test(lessonScreen) &&
        /✓ Send 30 requests/.test(lessonScreen)
      )
        break;
    }
    lessonScreen = await tmux.waitFor('three ready echo pods', (screen) => readyPods(screen) === 3);
    let trafficScreen = lessonScreen;
    if (!answered(trafficScreen)) {
      // Stacked layout: the Traffic pane is the second tab.
      tmux.press('Tab');
      await tmux.waitFor('focus on the live panes', (screen) => screen !== lessonScreen);
      tmux.press('Tab');
      trafficScreen = await tmux.waitFor('hit bars in the Traffic pane', answered);
    }

    // The terminal shrinks: the panes re-lay out under tabs (and back).
    const resized = columns >= 120 ? { columns: 80, rows: 24 } : { columns: 120, rows: 40 };
    const resizedScreen = await tmux.resize(resized.columns, resized.rows, (screen) =>
      columns >= 120
        ? /Objects {2,}Traffic {2,}Path/.test(screen)
        : /│ +Objects +namespace clusterip/.test(screen),
    );
    await tmux.resize(columns, rows, (screen) => screen !== resizedScreen);

    tmux.press('q');
    await tmux.waitFor('the leave question', (screen) => screen.includes('Leave the lesson?'));
    tmux.press('y');
    await tmux.waitFor(
      'the tutor to exit',
      (screen) => !screen.includes('Leave the lesson?') && /^\$\s*$/m.test(screen),
      30_000,
    );
    const sttyFile = join(state, 'stty.txt');
    tmux.typeLine(`echo shell-ok-$((6*7)); stty -a > ${sttyFile}`);
    const shellAfter = await tmux.waitFor('the shell to answer', (screen) =>
      screen.includes('shell-ok-42'),
    );
    await tmux.waitFor(
      'stty to write its report',
      () => existsSync(sttyFile) && readFileSync(sttyFile, 'utf8').includes('icanon'),
    );
    return { lessonScreen, trafficScreen, sttyAfter: readFileSync(sttyFile, 'utf8'), shellAfter };
  } finally {
    tmux.kill();
    rmSync(state, { recursive: true, force: true });
  }
}

/**
 * Opens the ClusterIP lesson, then stops the tutor the rough way — Ctrl-C, or SIGTERM sent to
 * its process — and reports the exit code the shell saw and the terminal's modes afterwards.
 */
export async function interruptedRun(
  how: 'ctrl-c' | 'sigterm',
): Promise<{ exitLine: string; sttyAfter: string }> {
  const cli = join(projectRoot, 'dist/cli.js');
  const node = join(projectRoot, 'node_modules/.bin/node');
  const state = mkdtempSync(join(tmpdir(), 'newcomer-'));
  const tmux = new TmuxSession(`newcomer-${process.pid}-${Date.now()}-${how}`, 100, 30);
  try {
    tmux.start(projectRoot, { XDG_STATE_HOME: state });
    await tmux.waitFor('the shell prompt', (screen) => screen.includes('$'));
    tmux.typeLine(`${node} ${cli}`);
    await tmux.waitFor('the lesson list', (screen) => screen.includes('Lessons'));
    tmux.press('Enter');
    await tmux.waitFor(
      'the lesson to open',
      (screen) => screen.includes('Ready: ⏎ runs the step.'),
      60_000,
    );
    if (how === 'ctrl-c') tmux.press('C-c');
    else {
      const pid = tmux.foregroundPid();
      if (!pid) throw new Error('cannot find the tutor process');
      process.kill(pid, 'SIGTERM');
    }
    await tmux.waitFor('the tutor to exit', (screen) => /^\$\s*$/m.test(screen), 30_000);
    const sttyFile = join(state, 'stty.txt');
    tmux.typeLine(`echo exit-code-$?; stty -a > ${sttyFile}`);
    const screen = await tmux.waitFor('the shell to answer', (text) => /exit-code-\d+/.test(text));
    await tmux.waitFor(
      'stty to write its report',
      () => existsSync(sttyFile) && readFileSync(sttyFile, 'utf8').includes('icanon'),
    );
    return {
      exitLine: /exit-code-\d+/.exec(screen)![0],
      sttyAfter: readFileSync(sttyFile, 'utf8'),
    };
  } finally {
    tmux.kill();
    rmSync(state, { recursive: true, force: true });
  }
}
