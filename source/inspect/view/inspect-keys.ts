import type { Key } from 'ink';

export type InspectCommand = 'up' | 'down' | 'toggle' | 'open' | 'close' | 'refresh' | 'quit';

interface InspectBinding {
  command: InspectCommand;
  display: string;
  hint: string;
  matches(input: string, key: Key): boolean;
}

/** The inspect view's keys as data: the hint line is generated from the same table. */
export const inspectBindings: readonly InspectBinding[] = [
  {
    command: 'up',
    display: '↑/k',
    hint: 'up',
    matches: (input, key) => key.upArrow || input === 'k',
  },
  {
    command: 'down',
    display: '↓/j',
    hint: 'down',
    matches: (input, key) => key.downArrow || input === 'j',
  },
  {
    command: 'toggle',
    display: 'enter',
    hint: 'open/close',
    matches: (input, key) => key.return || input === ' ',
  },
  {
    command: 'open',
    display: '→/l',
    hint: 'open',
    matches: (input, key) => key.rightArrow || input === 'l',
  },
  {
    command: 'close',
    display: '←/h',
    hint: 'close',
    matches: (input, key) => key.leftArrow || input === 'h',
  },
  { command: 'refresh', display: 'r', hint: 'refresh', matches: (input) => input === 'r' },
  {
    command: 'quit',
    display: 'q',
    hint: 'quit',
    matches: (input, key) => input === 'q' || key.escape || (key.ctrl && input === 'c'),
  },
];

export function commandFor(input: string, key: Key): InspectCommand | undefined {
  return inspectBindings.find((binding) => binding.matches(input, key))?.command;
}

export function inspectHints(): string {
  return inspectBindings.map((binding) => `${binding.display} ${binding.hint}`).join('  ');
}
