import { Box } from 'ink';
import type { StyledLine } from '../text/styled-line.ts';
import { StyledLineText } from './styled-line-text.tsx';

export interface LineWindowProps {
  lines: readonly StyledLine[];
  offset: number;
  width: number;
  height: number;
}

/** `height` lines of a longer text, from `offset`; the box keeps its size when the text is short. */
export function LineWindow({ lines, offset, width, height }: LineWindowProps) {
  const visible = lines.slice(offset, offset + height);
  return (
    <Box flexDirection="column" width={width} height={height} overflow="hidden">
      {visible.map((line, index) => (
        // biome-ignore lint/suspicious/noArrayIndexKey: rows are positions in the window.
        <StyledLineText key={index} line={line} />
      ))}
    </Box>
  );
}
