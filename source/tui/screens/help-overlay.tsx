import { Box, Text } from 'ink';
import { LineWindow } from '../components/line-window.tsx';
import { useTheme } from '../hooks/theme-context.ts';
import type { StyledLine } from '../text/styled-line.ts';

/**
 * Every key, generated from the keymap (state/help-lines.ts), scrolled by `offset` when the
 * terminal is too short to show them all.
 */
export function HelpOverlay({
  lines,
  offset,
  width,
  height,
}: {
  lines: readonly StyledLine[];
  offset: number;
  width: number;
  height: number;
}) {
  const theme = useTheme();
  const room = Math.max(1, height - 1);
  const more = lines.length > room;
  return (
    <Box flexDirection="column" width={width} height={height}>
      <Text {...theme.style('heading')} wrap="truncate-end">
        {`Keys — ? or esc closes this help${more ? ` · ↑/↓ scroll (${offset + 1}–${Math.min(lines.length, offset + room)} of ${lines.length})` : ''}`}
      </Text>
      <LineWindow lines={lines} offset={offset} width={width} height={room} />
    </Box>
  );
}
