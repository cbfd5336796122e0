import { describe, expect, it } from 'vitest';
import { App } from '../../source/tui/app.tsx';
import { createTheme } from '../../source/tui/theme.ts';
import { keys, renderTui } from './support/render-tui.tsx';
import { tinyLesson } from './support/tiny-lesson.ts';
import { openFirstLesson, tuiSession } from './support/tui-session.tsx';
import { tutorFixture } from './support/tutor-fixture.ts';

const lesson = tinyLesson();
const session = tuiSession();

async function open(size: { columns: number; rows: number }, env: NodeJS.ProcessEnv = {}) {
  const fixture = tutorFixture([lesson], session.runtime);
  return openFirstLesson(session, fixture.tutor, { theme: createTheme(env), size });
}

describe('help overlay', () => {
  it('lists every key from the keymap, grouped by where it works, scrolling when short', async () => {
    const s = await open({ columns: 80, rows: 24 });
    await s.press('?');
    let frame = await s.waitFor('Keys — ? or esc closes this help');
    expect(frame).toMatch(/↑\/↓ scroll \(1–\d+ of \d+\)/);
    // Read it all, a line at a time, as a learner scrolling with j.
    const seen = new Set(frame.split('\n'));
    for (let n = 0; n < 40 && !frame.includes('quit now, keeping what is in the cluster'); n++) {
      await s.press('j');
      frame = await s.waitFor(/scroll \(\d+–/);
      for (const line of frame.split('\n')) seen.add(line);
    }
    const text = [...seen].join('\n');
    for (const expected of [
      'In a lesson',
      'next step (runs the step when you are at the current one)',
      "send 20 more of the step's requests",
      'At a quiz',
      'answer the quiz with that choice',
      'At a challenge',
      'show the next hint',
      'Leaving a lesson',
      "quit and delete the lesson's objects",
      'Anywhere',
      'quit now, keeping what is in the cluster',
    ])
      expect(text).toContain(expected);
    expect(text).toMatch(/→ n space +next step/);
    expect(text).toMatch(/pgdn ctrl\+d +scroll down a page/);
    // No line is drawn over another: every shown line is one binding or heading.
    for (const line of seen) expect(line.length).toBeLessThanOrEqual(80);
    await s.press(keys.escape);
    await s.waitFor(
      (current) => !current.includes('Keys —') && current.includes('Press n to go on.'),
    );
  });
});

describe('layout', () => {
  it('at 80×24 stacks the lesson over tabbed panes, every line within 80 columns', async () => {
    const s = await open({ columns: 80, rows: 24 });
    let frame = await s.waitFor('Objects   Traffic   Path');
    const lines = frame.split('\n');
    expect(lines.length).toBeLessThanOrEqual(24);
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(80);
    expect(frame).toContain('A Service gives pods one address.');
    expect(frame).toContain('Nothing in namespace tiny yet.');
    // tab moves focus to the live panes: Objects, then Traffic.
    await s.press(keys.tab);
    await s.press(keys.tab);
    frame = await s.waitFor('No requests yet. Probe steps send them; m sends 20 more.');
    expect(frame).not.toContain('Nothing in namespace tiny yet.');
  });

  it('z zooms the focused pane to the whole screen and back', async () => {
    const s = await open({ columns: 80, rows: 24 });
    await s.press('z');
    let frame = await s.waitFor((text) => !text.includes('Objects   Traffic   Path'));
    expect(frame).toContain('A Service gives pods one address.');
    await s.press('z');
    frame = await s.waitFor('Objects   Traffic   Path');
  });

  it('respects NO_COLOR: no style carries a colour, and the focused title still stands out', () => {
    const plain = createTheme({ NO_COLOR: '1' });
    const styles = [
      'plain',
      'heading',
      'strong',
      'em',
      'code',
      'link',
      'muted',
      'accent',
      'ok',
      'fail',
      'warn',
      'yaml-key',
      'yaml-string',
      'yaml-number',
      'yaml-comment',
      'yaml-punctuation',
      'title',
      'focused-title',
      'selected',
      'changed',
      'bar',
    ] as const;
    for (const style of styles) {
      expect(plain.style(style).color, style).toBeUndefined();
      expect(plain.style(style).backgroundColor, style).toBeUndefined();
    }
    expect(plain.style('focused-title')).toMatchObject({ inverse: true });
    expect(plain.style('changed')).toMatchObject({ inverse: true });
    expect(createTheme({}).style('ok').color).toBe('green');
    // An empty NO_COLOR does not count (no-color.org).
    expect(createTheme({ NO_COLOR: '' }).noColor).toBe(false);
  });
});

describe('error display', () => {
  it('shows a readable message and where the log is when a screen crashes, and q still quits', async () => {
    const broken = {
      ...lesson,
      steps: [{ ...lesson.steps[0]!, markdown: undefined as unknown as string }],
    };
    const fixture = tutorFixture([broken], session.runtime);
    const tutor = fixture.tutor;
    session.tutor = tutor;
    void tutor.detect();
    const s = await renderTui(
      <App tutor={tutor} theme={createTheme({})} size={{ columns: 100, rows: 30 }} />,
    );
    session.screen = s;
    await s.waitFor('▶ 01 Tiny Service');
    await s.press(keys.enter);
    const frame = await s.waitFor('The tutor hit an error it cannot recover from.');
    expect(frame).toContain("Cannot read properties of undefined (reading 'replace')");
    expect(frame).toContain(`The details are in ${fixture.state}/tui.log`);
    expect(fixture.logs.some((line) => line.startsWith('the screen crashed'))).toBe(true);
    await s.press('q');
    await tutor.finished;
  });

  it('a lesson that stops with an error says so in the lesson pane', async () => {
    const s = await open({ columns: 100, rows: 30 });
    session.tutor!.session!.run.dispatch({
      type: 'engine-failed',
      message: 'the API server went away',
    });
    await s.waitFor('The lesson stopped: the API server went away');
  });
});
