import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ProgressStore } from '../../source/progress/progress-store.ts';
import { createTheme } from '../../source/tui/theme.ts';
import { keys } from './support/render-tui.tsx';
import { tinyLesson } from './support/tiny-lesson.ts';
import { openFirstLesson, tuiSession } from './support/tui-session.tsx';
import { type TutorFixture, tutorFixture } from './support/tutor-fixture.ts';

const lesson = tinyLesson();
const session = tuiSession();

/** Opens the tiny lesson in a 100×30 terminal, resuming at `resumeAt` when given. */
async function openLesson(
  options: {
    resumeAt?: string;
    size?: { columns: number; rows: number };
    fixture?: Parameters<typeof tutorFixture>[2];
  } = {},
): Promise<TutorFixture> {
  const fixture = tutorFixture([lesson], session.runtime, options.fixture);
  if (options.resumeAt)
    new ProgressStore(join(fixture.state, 'progress.json')).reached('tiny', options.resumeAt);
  const resumed = tutorFixture([lesson], session.runtime, {
    ...options.fixture,
    progress: new ProgressStore(join(fixture.state, 'progress.json')),
  });
  // Keys count once the engine asks for the next step (after catching up, when resuming).
  await openFirstLesson(session, resumed.tutor, {
    theme: createTheme({}),
    size: options.size ?? { columns: 100, rows: 30 },
    readyTimeoutMs: 15_000,
  });
  return resumed;
}

const readyEchoPods = (frame: string) => (frame.match(/echo-\S+ +1\/1 +Running/g) ?? []).length;

describe('lesson screen', () => {
  it('walks the steps: n reads on and runs the current step, p goes back, ⏎ runs', async () => {
    await openLesson();
    const s = session.screen!;
    let frame = await s.waitFor('Press n to go on.');
    expect(frame).toContain('A Service gives pods one address.');
    expect(frame).toContain('step 1 of 10');
    await s.press('n');
    // The section is over: it stays until n opens the next one.
    await s.waitFor('Next: Pods and a Service — press n.');
    await s.press('n');
    frame = await s.waitFor('step 2 of 10');
    expect(frame).toContain('Pods and a Service');
    expect(frame).toContain('Three replicas of agnhost and a client pod');
    await s.press('n');
    frame = await s.waitFor('Press ⏎ (or n) to run this step.');
    expect(frame).toContain('▶ Apply deployment.yaml, client.yaml, service.yaml');
    await s.press(keys.enter);
    frame = await s.waitFor('step 4 of 10');
    expect(frame).toContain('service/echo serverside-applied');
    expect(frame).toContain('Wait for 3 ready endpoints of svc/echo');
    await s.press('p');
    frame = await s.waitFor('step 3 of 10');
    expect(frame).toContain('✓ Apply deployment.yaml, client.yaml, service.yaml');
    await s.press(keys.left);
    await s.waitFor('step 2 of 10');
    // ⏎ jumps back to the current step.
    await s.press('r');
    await s.waitFor(/step 4 of 10[\s\S]*Wait for 3 ready endpoints/);
  });

  it('shows the namespace in the Objects pane with kubectl columns: three ready echo pods', async () => {
    await openLesson({ resumeAt: 'pods-and-a-service/3' });
    // Pods turn ready first; the Deployment's status follows a moment later.
    const frame = await session.screen!.waitFor(
      (text) => readyEchoPods(text) === 3 && /echo +3\/3 +3 +3/.test(text),
      15_000,
    );
    expect(frame).toMatch(/Objects/);
    expect(frame).toMatch(/deployment\.apps +READY +UP-TO-DATE +AVAILABLE +AGE/);
    expect(frame).toMatch(/echo +3\/3 +3 +3/);
    expect(frame).toMatch(/pod +READY +STATUS +RESTARTS +AGE +IP +NODE/);
    expect(frame).toMatch(/client +1\/1 +Running/);
    expect(frame).toMatch(
      /echo-\S+ +1\/1 +Running +0 +\S+ +10\.244\.\d+\.\d+ +expose-tutor-worker/,
    );
  });

  it('draws a bar per answering pod after the probe, and m sends 20 more', async () => {
    await openLesson({ resumeAt: 'pods-and-a-service/5' });
    const s = session.screen!;
    await s.waitFor((text) => readyEchoPods(text) === 3, 15_000);
    await s.press('n');
    await s.waitFor('Send 12 requests to http://echo/hostname from pod/client');
    await s.press('n');
    await s.waitFor(/12 sent; answered by/, 15_000);
    await s.press(keys.tab);
    await s.press(keys.tab);
    let frame = await s.waitFor('Who answered (12 requests)');
    const bars = frame.match(/echo-\S+ █+ \d+/g) ?? [];
    expect(bars.length).toBeGreaterThanOrEqual(2);
    const total = bars.reduce((sum, bar) => sum + Number(bar.split(' ').at(-1)), 0);
    expect(total).toBe(12);
    expect(frame).toMatch(/\$ kubectl exec -n tiny client -- curl .*http:\/\/echo\/hostname/);
    expect(frame).toMatch(/#12 +200 echo-\S+/);
    await s.press('m');
    frame = await s.waitFor('Who answered (32 requests)', 15_000);
    expect(frame).toMatch(/\+ kubectl exec -n tiny client -- curl/);
  });

  it('answers the quiz with a number key and explains the answer', async () => {
    await openLesson({ resumeAt: 'pods-and-a-service/7' });
    const s = session.screen!;
    await s.press('n');
    let frame = await s.waitFor('Answer with a number key');
    expect(frame).toContain(
      'Clients connect to port 80 of the Service. Which port does the pod see?',
    );
    expect(frame).toMatch(/1\. 80/);
    expect(frame).toMatch(/2\. 8080/);
    expect(frame).toMatch(/1-9 answer/);
    await s.press('2');
    frame = await s.waitFor('Right.');
    expect(frame).toContain('kube-proxy rewrites the destination');
    expect(frame).toMatch(/✓ +2\. 8080/);
    // The explanation stays until the learner moves on to the next section.
    frame = await s.waitFor('Next: A selector that matches nothing — press n.');
    await s.press('n');
    await s.waitFor(/step 9 of 10[\s\S]*▶ Challenge/);
  });

  it('marks the failing hop in the Path pane, then takes a challenge through check, hint and $EDITOR', async () => {
    const fixture = await openLesson({ resumeAt: 'a-selector-that-matches-nothing' });
    const s = session.screen!;
    await s.waitFor((text) => readyEchoPods(text) === 3, 15_000);
    await s.press('n');
    let frame = await s.waitFor('e: edit in $EDITOR and check');
    expect(frame).toContain('The Service echo-backend finds no pods. Fix its selector.');
    expect(frame).toContain('Your copy:');
    // The Path pane, three tabs along: before the first check the Service is not there yet.
    for (let n = 0; n < 3; n++) await s.press(keys.tab);
    frame = await s.waitFor('why: no Service named echo-backend in tiny');
    expect(frame).toContain('http://echo-backend/hostname from pod/client');
    await s.press('c');
    frame = await s.waitFor('Not yet: your manifest does not pass the check', 20_000);
    frame = await s.waitFor('✗ svc/echo-backend', 15_000);
    expect(frame.replace(/\s+/g, ' ')).toContain(
      'why: svc/echo-backend selects pods with app=echo,tier=backend, and no pod in tiny has those labels',
    );
    await s.press('h');
    frame = await s.waitFor("Hint 1/2: Compare the Service's selector with the pods' labels.");
    await s.press('e');
    frame = await s.waitFor('Challenge solved.', 20_000);
    expect(frame).toContain('Your manifest passes the check');
    expect(fixture.editedFiles).toEqual([join(fixture.state, 'workspace/tiny/echo-backend.yaml')]);
    // With pods behind it, the route goes on to the pods.
    await s.waitFor(/→ svc\/echo-backend 10\.96\.\d+\.\d+:80/, 15_000);
  });

  it('asks before leaving mid-lesson; where objects outlive the tutor it offers keep or clean up', async () => {
    await openLesson({ resumeAt: 'pods-and-a-service/3', fixture: { runtimeName: 'context' } });
    const s = session.screen!;
    await s.press('q');
    let frame = await s.waitFor('Leave the lesson?');
    expect(frame).toContain(
      'Its objects are in namespace tiny: k keep them · c clean up · esc stay',
    );
    await s.press(keys.escape);
    frame = await s.waitFor((text) => !text.includes('Leave the lesson?'));
    await s.press('q');
    await s.waitFor('Leave the lesson?');
    await s.press('c');
    await session.tutor!.finished;
    expect(session.runtime.sandbox.store.peek('/namespaces', undefined, 'tiny')).toBeUndefined();
  });

  it('in the sandbox, leaving only asks to confirm', async () => {
    await openLesson();
    const s = session.screen!;
    await s.press('q');
    const frame = await s.waitFor('Leave the lesson?');
    expect(frame).toContain(
      'Your progress is saved; the sandbox and its objects stop with the tutor. y leave',
    );
    await s.press('y');
    await session.tutor!.finished;
    expect(session.tutor!.app.getState().screen.name).toBe('done');
  });
});
