import type { Key } from 'ink';
import { describe, expect, it } from 'vitest';
import { bindingFor, hintsFor, keymap } from '../../source/tui/keymap.ts';

const noKey: Key = {
  upArrow: false,
  downArrow: false,
  leftArrow: false,
  rightArrow: false,
  pageDown: false,
  pageUp: false,
  home: false,
  end: false,
  return: false,
  escape: false,
  ctrl: false,
  shift: false,
  tab: false,
  backspace: false,
  delete: false,
  meta: false,
  super: false,
  hyper: false,
  capsLock: false,
  numLock: false,
};
const press = (input: string, key: Partial<Key> = {}) => ({ input, key: { ...noKey, ...key } });

describe('keymap', () => {
  it('resolves a key in the most specific active scope first', () => {
    const c = press('c');
    expect(bindingFor(['challenge', 'lesson', 'global'], c.input, c.key)?.command).toBe(
      'check-challenge',
    );
    expect(bindingFor(['leave', 'lesson', 'global'], c.input, c.key)?.command).toBe(
      'leave-clean-up',
    );
    const q = press('q');
    expect(bindingFor(['help', 'lesson', 'global'], q.input, q.key)?.command).toBe('close-help');
    expect(bindingFor(['lesson', 'global'], q.input, q.key)?.command).toBe('quit');
  });

  it('takes arrows and vim keys alike, and digits for quiz answers', () => {
    const down = press('', { downArrow: true });
    expect(bindingFor(['lesson'], down.input, down.key)?.command).toBe('scroll-down');
    expect(bindingFor(['lesson'], 'j', noKey)?.command).toBe('scroll-down');
    expect(bindingFor(['start'], 'j', noKey)?.command).toBe('select-next');
    expect(bindingFor(['quiz', 'lesson'], '2', noKey)?.command).toBe('answer-quiz');
    expect(bindingFor(['lesson'], '2', noKey)).toBeUndefined();
    const ctrlC = press('c', { ctrl: true });
    expect(bindingFor(['challenge', 'lesson', 'global'], ctrlC.input, ctrlC.key)?.command).toBe(
      'force-quit',
    );
  });

  it('builds the hint bar from the bindings of the active scopes', () => {
    expect(hintsFor(['quiz', 'lesson', 'global']).slice(0, 3)).toEqual([
      { keys: '1-9', label: 'answer' },
      { keys: '→/n', label: 'next' },
      { keys: '←/p', label: 'back' },
    ]);
    expect(hintsFor(['start', 'global']).map((hint) => hint.label)).toEqual([
      'choose',
      'open',
      'runtime',
      'help',
      'quit',
    ]);
  });

  it('binds no key twice within a scope', () => {
    const seen = new Map<string, string>();
    for (const binding of keymap) {
      for (const spec of binding.keys) {
        const id = `${binding.scope}:${spec.display}`;
        expect(seen.get(id), id).toBeUndefined();
        seen.set(id, binding.command);
      }
    }
  });
});

describe('hint bar in the help', () => {
  it('leaves out global keys the help has taken', () => {
    expect(hintsFor(['help', 'global']).map((hint) => hint.label)).toEqual(['close', 'scroll']);
  });
});
