import { Text } from 'ink';
import { useTheme } from '../hooks/theme-context.ts';
import { hintsFor, type Scope } from '../keymap.ts';

/** The keys that work now, generated from the keymap, as many as fit the width. */
export function HintBar({ scopes, width }: { scopes: readonly Scope[]; width: number }) {
  const theme = useTheme();
  const hints = hintsFor(scopes);
  const shown: typeof hints = [];
  let used = 0;
  for (const hint of hints) {
    const cost = hint.keys.length + hint.label.length + 3;
    if (used + cost > width) break;
    shown.push(hint);
    used += cost;
  }
  return (
    <Text wrap="truncate-end">
      {shown.map((hint) => (
        <Text key={hint.label}>
          <Text {...theme.style('accent')} bold>
            {hint.keys}
          </Text>
          <Text {...theme.style('muted')}> {hint.label} </Text>
        </Text>
      ))}
    </Text>
  );
}
