import type { Key } from 'ink';

/** Everything a key can do. The app maps commands to actions; keys are only data here. */
export type Command =
  | 'quit'
  | 'force-quit'
  | 'toggle-help'
  | 'close-help'
  | 'select-previous'
  | 'select-next'
  | 'open-lesson'
  | 'choose-runtime'
  | 'next-step'
  | 'previous-step'
  | 'run-step'
  | 'more-requests'
  | 'answer-quiz'
  | 'edit-challenge'
  | 'check-challenge'
  | 'next-hint'
  | 'show-solution'
  | 'focus-next-pane'
  | 'focus-previous-pane'
  | 'zoom-pane'
  | 'scroll-up'
  | 'scroll-down'
  | 'page-up'
  | 'page-down'
  | 'scroll-top'
  | 'scroll-bottom'
  | 'leave-keep'
  | 'leave-clean-up'
  | 'leave-confirm'
  | 'leave-cancel';

/**
 * Where a binding applies. Several scopes are active at once, most specific first (an open
 * dialog, then a quiz or challenge waiting for an answer, then the screen, then global).
 */
export type Scope = 'global' | 'start' | 'lesson' | 'quiz' | 'challenge' | 'help' | 'leave';

export interface KeySpec {
  /** How the key is written in the hint bar and the help overlay. */
  display: string;
  matches(input: string, key: Key): boolean;
}

export interface Binding {
  command: Command;
  scope: Scope;
  keys: KeySpec[];
  /** What the command does, for the help overlay. */
  description: string;
  /** A word or two for the hint bar; bindings without one are listed only in the help. */
  hint?: string;
}

const char = (input: string, display = input): KeySpec => ({
  display,
  matches: (typed, key) => typed === input && !key.ctrl && !key.meta,
});
const ctrl = (letter: string): KeySpec => ({
  display: `ctrl+${letter}`,
  matches: (typed, key) => key.ctrl && typed === letter,
});
type NamedKey =
  | 'upArrow'
  | 'downArrow'
  | 'leftArrow'
  | 'rightArrow'
  | 'pageUp'
  | 'pageDown'
  | 'home'
  | 'end'
  | 'return'
  | 'escape';
const named = (name: NamedKey, display: string): KeySpec => ({
  display,
  matches: (_typed, key) => key[name] && !key.shift,
});
const tab: KeySpec = { display: 'tab', matches: (_t, key) => key.tab && !key.shift };
const shiftTab: KeySpec = { display: 'shift+tab', matches: (_t, key) => key.tab && key.shift };
const digit: KeySpec = {
  display: '1-9',
  matches: (typed, key) => /^[1-9]$/.test(typed) && !key.ctrl && !key.meta,
};

export const keymap: readonly Binding[] = [
  // Dialogs first: they take every key they know.
  {
    scope: 'help',
    command: 'close-help',
    keys: [char('?'), named('escape', 'esc'), char('q')],
    description: 'close this help',
    hint: 'close',
  },
  {
    scope: 'help',
    command: 'scroll-down',
    keys: [named('downArrow', '↓'), char('j')],
    description: 'scroll this help',
    hint: 'scroll',
  },
  {
    scope: 'help',
    command: 'scroll-up',
    keys: [named('upArrow', '↑'), char('k')],
    description: 'scroll this help back',
  },
  {
    scope: 'leave',
    command: 'leave-keep',
    keys: [char('k')],
    description: "quit and keep the lesson's objects in the cluster",
  },
  {
    scope: 'leave',
    command: 'leave-clean-up',
    keys: [char('c')],
    description: "quit and delete the lesson's objects",
  },
  {
    scope: 'leave',
    command: 'leave-confirm',
    keys: [char('y'), char('q'), named('return', '⏎')],
    description: 'quit (the sandbox and its objects end with the tutor)',
  },
  {
    scope: 'leave',
    command: 'leave-cancel',
    keys: [named('escape', 'esc'), char('n')],
    description: 'stay in the lesson',
  },
  {
    scope: 'quiz',
    command: 'answer-quiz',
    keys: [digit],
    description: 'answer the quiz with that choice',
    hint: 'answer',
  },
  {
    scope: 'challenge',
    command: 'edit-challenge',
    keys: [char('e')],
    description: "open the challenge's manifest in $EDITOR, then apply and check it",
    hint: 'edit',
  },
  {
    scope: 'challenge',
    command: 'check-challenge',
    keys: [char('c')],
    description: "apply the challenge's manifest as it is now and check it",
    hint: 'check',
  },
  {
    scope: 'challenge',
    command: 'next-hint',
    keys: [char('h')],
    description: 'show the next hint',
    hint: 'hint',
  },
  {
    scope: 'challenge',
    command: 'show-solution',
    keys: [char('s')],
    description: 'apply the reference solution and check it',
    hint: 'solution',
  },
  {
    scope: 'start',
    command: 'select-previous',
    keys: [named('upArrow', '↑'), char('k')],
    description: 'previous lesson',
  },
  {
    scope: 'start',
    command: 'select-next',
    keys: [named('downArrow', '↓'), char('j')],
    description: 'next lesson',
    hint: 'choose',
  },
  {
    scope: 'start',
    command: 'open-lesson',
    keys: [named('return', '⏎'), named('rightArrow', '→')],
    description: 'open the lesson (it resumes where you left off)',
    hint: 'open',
  },
  {
    scope: 'start',
    command: 'choose-runtime',
    keys: [char('r')],
    description: 'choose where lessons run: sandbox, kind or your kube context',
    hint: 'runtime',
  },
  {
    scope: 'lesson',
    command: 'next-step',
    keys: [named('rightArrow', '→'), char('n'), char(' ', 'space')],
    description: 'next step (runs the step when you are at the current one)',
    hint: 'next',
  },
  {
    scope: 'lesson',
    command: 'previous-step',
    keys: [named('leftArrow', '←'), char('p')],
    description: 'previous step (read it again)',
    hint: 'back',
  },
  {
    scope: 'lesson',
    command: 'run-step',
    keys: [named('return', '⏎'), char('r')],
    description: 'go to the current step and run it',
    hint: 'run',
  },
  {
    scope: 'lesson',
    command: 'more-requests',
    keys: [char('m')],
    description: "send 20 more of the step's requests",
    hint: '20 more',
  },
  {
    scope: 'lesson',
    command: 'focus-next-pane',
    keys: [tab],
    description: 'next pane',
    hint: 'pane',
  },
  {
    scope: 'lesson',
    command: 'focus-previous-pane',
    keys: [shiftTab],
    description: 'previous pane',
  },
  {
    scope: 'lesson',
    command: 'zoom-pane',
    keys: [char('z')],
    description: 'zoom the focused pane (again to restore)',
    hint: 'zoom',
  },
  {
    scope: 'lesson',
    command: 'scroll-up',
    keys: [named('upArrow', '↑'), char('k')],
    description: 'scroll the focused pane up',
  },
  {
    scope: 'lesson',
    command: 'scroll-down',
    keys: [named('downArrow', '↓'), char('j')],
    description: 'scroll the focused pane down',
    hint: 'scroll',
  },
  {
    scope: 'lesson',
    command: 'page-up',
    keys: [named('pageUp', 'pgup'), ctrl('u')],
    description: 'scroll up a page',
  },
  {
    scope: 'lesson',
    command: 'page-down',
    keys: [named('pageDown', 'pgdn'), ctrl('d')],
    description: 'scroll down a page',
  },
  {
    scope: 'lesson',
    command: 'scroll-top',
    keys: [named('home', 'home'), char('g')],
    description: 'scroll to the top',
  },
  {
    scope: 'lesson',
    command: 'scroll-bottom',
    keys: [named('end', 'end'), char('G')],
    description: 'scroll to the bottom',
  },
  {
    scope: 'global',
    command: 'toggle-help',
    keys: [char('?')],
    description: 'show every key',
    hint: 'help',
  },
  {
    scope: 'global',
    command: 'quit',
    keys: [char('q')],
    description: "quit (mid-lesson it asks what to do with the lesson's objects)",
    hint: 'quit',
  },
  {
    scope: 'global',
    command: 'force-quit',
    keys: [ctrl('c')],
    description: 'quit now, keeping what is in the cluster',
  },
];

/** The first binding, in scope order, that a key press matches. */
export function bindingFor(
  scopes: readonly Scope[],
  input: string,
  key: Key,
  bindings: readonly Binding[] = keymap,
): Binding | undefined {
  for (const scope of scopes) {
    const found = bindings.find(
      (binding) => binding.scope === scope && binding.keys.some((spec) => spec.matches(input, key)),
    );
    if (found) return found;
  }
  return undefined;
}

export interface Hint {
  keys: string;
  label: string;
}

/**
 * The hint bar's entries for the active scopes, most specific first, each command once; a
 * binding whose keys a more specific scope has taken is left out (in the help, q closes it).
 */
export function hintsFor(scopes: readonly Scope[], bindings: readonly Binding[] = keymap): Hint[] {
  const seen = new Set<Command>();
  const taken = new Set<string>();
  const hints: Hint[] = [];
  for (const scope of scopes) {
    const inScope = bindings.filter((binding) => binding.scope === scope);
    for (const binding of inScope) {
      if (!binding.hint || seen.has(binding.command)) continue;
      if (binding.keys.every((spec) => taken.has(spec.display))) continue;
      seen.add(binding.command);
      hints.push({ keys: keysText(binding), label: binding.hint });
    }
    for (const binding of inScope) for (const spec of binding.keys) taken.add(spec.display);
  }
  return hints;
}

/** `↓/j`: a binding's keys as the hint bar and the help write them (`space` kept for help). */
export function keysText(binding: Binding, limit = 2): string {
  return binding.keys
    .slice(0, limit)
    .map((spec) => spec.display)
    .join('/');
}

export const scopeTitles: Record<Scope, string> = {
  global: 'Anywhere',
  start: 'Lesson list',
  lesson: 'In a lesson',
  quiz: 'At a quiz',
  challenge: 'At a challenge',
  help: 'This help',
  leave: 'Leaving a lesson',
};
