import { keymap, type Scope, scopeTitles } from '../keymap.ts';
import { type StyledLine, segment, truncateLine } from '../text/styled-line.ts';

const keyWidth = 18;

/** What the help lists in a lesson: everything a key can do there. */
export const lessonHelpScopes: readonly Scope[] = [
  'lesson',
  'quiz',
  'challenge',
  'leave',
  'help',
  'global',
];

/** The help overlay's text: every binding of the scopes, grouped under where it works. */
export function helpLines(scopes: readonly Scope[], width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  for (const scope of scopes) {
    const bindings = keymap.filter((binding) => binding.scope === scope);
    if (bindings.length === 0) continue;
    if (lines.length > 0) lines.push([]);
    lines.push([segment(scopeTitles[scope], 'strong')]);
    for (const binding of bindings)
      lines.push(
        truncateLine(
          [
            segment(
              `  ${binding.keys.map((spec) => spec.display).join(' ')}`.padEnd(keyWidth),
              'accent',
            ),
            segment(binding.description),
          ],
          width,
        ),
      );
  }
  return lines;
}
