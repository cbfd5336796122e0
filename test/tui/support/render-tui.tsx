import { stripVTControlCharacters } from 'node:util';
import { render } from 'ink-testing-library';
import type { ReactElement } from 'react';

/** Keys as a terminal sends them. */
export const keys = {
  enter: '\r',
  escape: '\u001b',
  tab: '\t',
  shiftTab: '\u001b[Z',
  up: '\u001b[A',
  down: '\u001b[B',
  right: '\u001b[C',
  left: '\u001b[D',
  ctrlC: '\u0003',
} as const;

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RenderedTui {
  /** The last frame, without colours. */
  frame(): string;
  /** Types one key and lets Ink read it. */
  press(key: string): Promise<void>;
  /** Polls the frame until `expected` shows (or the predicate holds); fails with the frame. */
  waitFor(
    expected: string | RegExp | ((frame: string) => boolean),
    timeoutMs?: number,
  ): Promise<string>;
  unmount(): void;
}

/**
 * The one way the TUI tests drive Ink: render, wait a tick after rendering and after each key
 * (Ink reads input on the next turn), and wait for text with a timeout instead of sleeping.
 */
export async function renderTui(tree: ReactElement): Promise<RenderedTui> {
  const rendered = render(tree);
  await tick();
  const frame = () => stripVTControlCharacters(rendered.lastFrame() ?? '');
  return {
    frame,
    async press(key) {
      rendered.stdin.write(key);
      await tick();
    },
    async waitFor(expected, timeoutMs = 10_000) {
      const holds =
        typeof expected === 'function'
          ? expected
          : typeof expected === 'string'
            ? (text: string) => text.includes(expected)
            : (text: string) => expected.test(text);
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const current = frame();
        if (holds(current)) return current;
        if (Date.now() > deadline)
          throw new Error(
            `timed out after ${timeoutMs} ms waiting for ${String(expected)}; the screen:\n${current}`,
          );
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    unmount: () => rendered.unmount(),
  };
}
