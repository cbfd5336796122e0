import { afterAll, afterEach, beforeAll } from 'vitest';
import {
  type SandboxRuntime,
  startSandboxRuntime,
} from '../../../source/runtime/sandbox-runtime.ts';
import { App } from '../../../source/tui/app.tsx';
import type { TutorApp } from '../../../source/tui/session/tutor-app.ts';
import type { Theme } from '../../../source/tui/theme.ts';
import { keys, type RenderedTui, renderTui } from './render-tui.tsx';

/** One sandbox runtime for a test file, and the tutor and screen the running test opened. */
export interface TuiSession {
  runtime: SandboxRuntime;
  tutor: TutorApp | undefined;
  screen: RenderedTui | undefined;
}

/** Registers the hooks: the runtime starts once; each test's screen and tutor close after it. */
export function tuiSession(): TuiSession {
  const session = { tutor: undefined, screen: undefined } as TuiSession;
  beforeAll(async () => {
    session.runtime = await startSandboxRuntime({ pace: 0.05 });
  });
  afterEach(async () => {
    session.screen?.unmount();
    session.screen = undefined;
    // Each test starts from an empty namespace.
    await session.tutor?.quit({ cleanUp: true });
    session.tutor = undefined;
  });
  afterAll(async () => {
    await session.runtime.stop();
  });
  return session;
}

/** Shows `tutor` in the App and opens its first lesson, returning once ⏎ runs the step. */
export async function openFirstLesson(
  session: TuiSession,
  tutor: TutorApp,
  view: { theme: Theme; size: { columns: number; rows: number }; readyTimeoutMs?: number },
): Promise<RenderedTui> {
  session.tutor = tutor;
  void tutor.detect();
  const screen = await renderTui(<App tutor={tutor} theme={view.theme} size={view.size} />);
  session.screen = screen;
  await screen.waitFor('▶ 01 Tiny Service');
  await screen.press(keys.enter);
  await screen.waitFor('Ready: ⏎ runs the step.', view.readyTimeoutMs);
  return screen;
}
