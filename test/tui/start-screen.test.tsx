import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { ProgressStore } from '../../source/progress/progress-store.ts';
import { App } from '../../source/tui/app.tsx';
import { createTheme } from '../../source/tui/theme.ts';
import { keys, type RenderedTui, renderTui } from './support/render-tui.tsx';
import { tinyLesson } from './support/tiny-lesson.ts';
import { tutorFixture } from './support/tutor-fixture.ts';

const lesson = tinyLesson();
const second = {
  ...lesson,
  id: 'second',
  number: '02',
  title: 'Second lesson',
  summary: 'The second one.',
};
const third = {
  ...lesson,
  id: 'third',
  number: '03',
  title: 'Third lesson',
  summary: 'The third one.',
};
const size = { columns: 100, rows: 30 };
let screen: RenderedTui | undefined;
afterEach(() => screen?.unmount());

describe('start screen', () => {
  it('says which runtime lessons use and why, and lists lessons with progress and summaries', async () => {
    const fixture = tutorFixture([lesson, second, third], undefined);
    const progress = new ProgressStore(join(fixture.state, 'progress.json'));
    progress.finished('tiny');
    progress.reached('third', 'pods-and-a-service/6');
    const { tutor } = tutorFixture([lesson, second, third], undefined, { progress });
    void tutor.detect();
    screen = await renderTui(<App tutor={tutor} theme={createTheme({})} size={size} />);
    const frame = await screen.waitFor('Why: neither Docker nor kind was found');
    expect(frame).toContain('Runtime  sandbox  an embedded Kubernetes API with real traffic');
    expect(frame).toMatch(/01 Tiny Service {2,}done/);
    expect(frame).toMatch(/02 Second lesson {2,}new/);
    expect(frame).toMatch(/03 Third lesson {2,}in progress · step 7\/10/);
    expect(frame).toContain('Three pods behind one Service, a quiz and a challenge');
    // The cursor starts on the lesson in progress.
    expect(frame).toMatch(/▶ 03 Third lesson/);
    expect(frame).toMatch(/↓\/j choose +⏎\/→ open +r runtime +\? help +q quit/);
  });

  it('moves the cursor with arrows and vim keys, and r chooses another runtime', async () => {
    const { tutor } = tutorFixture([lesson, second, third], undefined);
    void tutor.detect();
    screen = await renderTui(<App tutor={tutor} theme={createTheme({})} size={size} />);
    await screen.waitFor('▶ 01 Tiny Service');
    await screen.press('j');
    await screen.waitFor('▶ 02 Second lesson');
    await screen.press(keys.down);
    await screen.waitFor('▶ 03 Third lesson');
    await screen.press('k');
    await screen.waitFor('▶ 02 Second lesson');
    await screen.press('r');
    let frame = await screen.waitFor('Runtime  kind');
    expect(frame).toContain(
      'kind: needs Docker and kind on PATH, then k8s-expose-tutor cluster up',
    );
    await screen.press(keys.enter);
    frame = await screen.waitFor('kind cannot run lessons');
    expect(frame.replace(/\s+/g, ' ')).toContain('press r to choose another');
    await screen.press('r');
    await screen.press('r');
    await screen.waitFor('Runtime  sandbox');
  });

  it('q quits from the list', async () => {
    const { tutor } = tutorFixture([lesson], undefined);
    void tutor.detect();
    screen = await renderTui(<App tutor={tutor} theme={createTheme({})} size={size} />);
    await screen.waitFor('Lessons');
    await screen.press('q');
    await tutor.finished;
    expect(tutor.app.getState().screen.name).toBe('done');
  });
});
