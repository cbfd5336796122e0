/**
 * Text as the panes draw it: lines of styled segments, already wrapped to a width, so a pane can
 * scroll by line and never depends on the terminal's own wrapping.
 */

/** What a piece of text means; theme.ts decides how each looks (and drops colour for NO_COLOR). */
export type TextStyle =
  | 'plain'
  | 'heading'
  | 'strong'
  | 'em'
  | 'code'
  | 'link'
  | 'muted'
  | 'accent'
  | 'ok'
  | 'fail'
  | 'warn'
  | 'yaml-key'
  | 'yaml-string'
  | 'yaml-number'
  | 'yaml-comment'
  | 'yaml-punctuation'
  | 'title'
  | 'focused-title'
  | 'selected'
  | 'changed'
  | 'bar';

export interface Segment {
  text: string;
  style: TextStyle;
}

export type StyledLine = Segment[];

export function segment(text: string, style: TextStyle = 'plain'): Segment {
  return { text, style };
}

/** Cells a string takes. Lessons are written in plain text; one code point is one cell. */
export function cellWidth(text: string): number {
  let width = 0;
  for (const _ of text) width++;
  return width;
}

export function lineWidth(line: StyledLine): number {
  return line.reduce((sum, part) => sum + cellWidth(part.text), 0);
}

export function plainText(line: StyledLine): string {
  return line.map((part) => part.text).join('');
}

/** The first `width` cells of a string, with `…` when something was cut. */
export function truncate(text: string, width: number): string {
  if (width <= 0) return '';
  if (cellWidth(text) <= width) return text;
  return `${[...text].slice(0, Math.max(0, width - 1)).join('')}…`;
}

/** Cuts a line to `width` cells, keeping styles. */
export function truncateLine(line: StyledLine, width: number): StyledLine {
  if (lineWidth(line) <= width) return line;
  const out: StyledLine = [];
  let left = width - 1;
  for (const part of line) {
    if (left <= 0) break;
    const chars = [...part.text];
    out.push({ text: chars.slice(0, left).join(''), style: part.style });
    left -= Math.min(left, chars.length);
  }
  out.push({ text: '…', style: 'muted' });
  return out;
}

/** Writes `replacement` over a line's cells from `at` (a list bullet over its indent). */
export function overwrite(line: StyledLine, at: number, replacement: Segment): StyledLine {
  const chars: Segment[] = line.flatMap((part) =>
    [...part.text].map((text) => ({ text, style: part.style })),
  );
  const width = cellWidth(replacement.text);
  while (chars.length < at + width) chars.push({ text: ' ', style: 'plain' });
  chars.splice(at, width, replacement);
  const out: StyledLine = [];
  for (const part of chars) {
    const last = out.at(-1);
    if (last && last.style === part.style) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}
