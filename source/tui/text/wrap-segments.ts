import { cellWidth, type Segment, type StyledLine } from './styled-line.ts';

export interface WrapOptions {
  width: number;
  /** Put before the first line (a list bullet). */
  firstPrefix?: Segment[];
  /** Put before every following line (the bullet's hanging indent). */
  restPrefix?: Segment[];
}

interface Word {
  parts: Segment[];
  width: number;
}

/** Splits styled text into words (runs without spaces) keeping each piece's style. */
function wordsOf(segments: readonly Segment[]): Word[] {
  const words: Word[] = [];
  let current: Word | undefined;
  for (const part of segments) {
    for (const piece of part.text.split(/(\s+)/)) {
      if (piece === '') continue;
      if (/^\s+$/.test(piece)) {
        current = undefined;
        continue;
      }
      if (!current) {
        current = { parts: [], width: 0 };
        words.push(current);
      }
      current.parts.push({ text: piece, style: part.style });
      current.width += cellWidth(piece);
    }
    // A style change inside a word (`**echo**-svc`) keeps the word whole; a space ends it.
    if (/\s$/.test(part.text)) current = undefined;
  }
  return words;
}

/** Breaks a word longer than a line into line-sized pieces. */
function splitLongWord(word: Word, width: number): Word[] {
  const pieces: Word[] = [];
  let piece: Word = { parts: [], width: 0 };
  for (const part of word.parts) {
    for (const char of part.text) {
      if (piece.width >= width) {
        pieces.push(piece);
        piece = { parts: [], width: 0 };
      }
      const last = piece.parts.at(-1);
      if (last && last.style === part.style) last.text += char;
      else piece.parts.push({ text: char, style: part.style });
      piece.width += 1;
    }
  }
  if (piece.width > 0) pieces.push(piece);
  return pieces;
}

/**
 * Greedy word wrap of styled text to `width` cells; runs of spaces collapse to one, as in
 * Markdown paragraphs. Always returns at least one line.
 */
export function wrapSegments(segments: readonly Segment[], options: WrapOptions): StyledLine[] {
  const firstPrefix = options.firstPrefix ?? [];
  const restPrefix = options.restPrefix ?? [];
  const prefixWidth = (prefix: Segment[]) => prefix.reduce((n, p) => n + cellWidth(p.text), 0);
  const lines: StyledLine[] = [];
  let line: StyledLine = [...firstPrefix];
  let room = Math.max(1, options.width - prefixWidth(firstPrefix));
  let used = 0;
  const newLine = () => {
    lines.push(line);
    line = [...restPrefix];
    room = Math.max(1, options.width - prefixWidth(restPrefix));
    used = 0;
  };
  for (const whole of wordsOf(segments)) {
    const pieces =
      whole.width > Math.max(1, options.width - prefixWidth(restPrefix))
        ? splitLongWord(whole, Math.max(1, options.width - prefixWidth(restPrefix)))
        : [whole];
    for (const word of pieces) {
      const gap = used > 0 ? 1 : 0;
      if (used > 0 && used + gap + word.width > room) newLine();
      if (used > 0) line.push({ text: ' ', style: 'plain' });
      line.push(...word.parts);
      used += (used > 0 ? 1 : 0) + word.width;
    }
  }
  lines.push(line);
  return lines.map(mergeSegments);
}

/** Joins neighbours of the same style, so a line is a few Text nodes rather than one per word. */
export function mergeSegments(line: StyledLine): StyledLine {
  const out: StyledLine = [];
  for (const part of line) {
    const last = out.at(-1);
    if (last && last.style === part.style) last.text += part.text;
    else out.push({ ...part });
  }
  return out;
}
