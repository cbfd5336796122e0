import { Box, Text } from 'ink';
import type { ReactNode } from 'react';
import { useTheme } from '../hooks/theme-context.ts';
import { truncate } from '../text/styled-line.ts';

export interface PaneFrameProps {
  title: string;
  /** Shown after the title, dimmed (`3 pods`, `lines 4–20 of 52`). */
  note?: string;
  focused: boolean;
  width: number;
  children: ReactNode;
}

/** A pane: one title line (inverse when focused) over its content. */
export function PaneFrame({ title, note, focused, width, children }: PaneFrameProps) {
  const theme = useTheme();
  const heading = ` ${title} `;
  const rest = note ? ` ${note}` : '';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end">
        <Text {...theme.style(focused ? 'focused-title' : 'title')}>
          {truncate(heading, width)}
        </Text>
        <Text {...theme.style('muted')}>{truncate(rest, Math.max(0, width - heading.length))}</Text>
      </Text>
      {children}
    </Box>
  );
}
