import { Text } from 'ink';
import { memo } from 'react';
import { useTheme } from '../hooks/theme-context.ts';
import type { StyledLine } from '../text/styled-line.ts';

/**
 * One pre-wrapped line. Memoised on the line object: the Objects pane reuses a row's line
 * while the row is unchanged, so only changed rows re-render.
 */
export const StyledLineText = memo(function StyledLineText({ line }: { line: StyledLine }) {
  const theme = useTheme();
  if (line.length === 0) return <Text> </Text>;
  return (
    <Text wrap="truncate-end">
      {line.map((part, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: a line's segments never reorder.
        <Text key={index} {...theme.style(part.style)}>
          {part.text}
        </Text>
      ))}
    </Text>
  );
});
