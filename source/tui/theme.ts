import type { TextStyle } from './text/styled-line.ts';

/** The Text props a style turns into (a subset of Ink's TextProps). */
export interface StyleProps {
  color?: string;
  backgroundColor?: string;
  bold?: boolean;
  italic?: boolean;
  underline?: boolean;
  dimColor?: boolean;
  inverse?: boolean;
}

export type ThemeStyle = TextStyle;

export interface Theme {
  /** True when NO_COLOR is set: no colours at all, only bold, italics, underline, dim, inverse. */
  readonly noColor: boolean;
  style(name: ThemeStyle): StyleProps;
}

const colored: Record<ThemeStyle, StyleProps> = {
  plain: {},
  heading: { color: 'cyan', bold: true },
  strong: { bold: true },
  em: { italic: true },
  code: { color: 'yellow' },
  link: { color: 'blue', underline: true },
  muted: { dimColor: true },
  accent: { color: 'cyan' },
  ok: { color: 'green' },
  fail: { color: 'red', bold: true },
  warn: { color: 'yellow' },
  'yaml-key': { color: 'cyan' },
  'yaml-string': { color: 'green' },
  'yaml-number': { color: 'magenta' },
  'yaml-comment': { dimColor: true, italic: true },
  'yaml-punctuation': { dimColor: true },
  title: { bold: true },
  'focused-title': { color: 'black', backgroundColor: 'cyan', bold: true },
  selected: { color: 'cyan', bold: true },
  changed: { color: 'black', backgroundColor: 'yellow' },
  bar: { color: 'green' },
};

// https://no-color.org: no colour, but emphasis that is not colour stays.
const monochrome: Record<ThemeStyle, StyleProps> = {
  plain: {},
  heading: { bold: true, underline: true },
  strong: { bold: true },
  em: { italic: true },
  code: {},
  link: { underline: true },
  muted: { dimColor: true },
  accent: {},
  ok: {},
  fail: { bold: true },
  warn: { bold: true },
  'yaml-key': { bold: true },
  'yaml-string': {},
  'yaml-number': {},
  'yaml-comment': { dimColor: true },
  'yaml-punctuation': {},
  title: { bold: true },
  'focused-title': { inverse: true, bold: true },
  selected: { inverse: true },
  changed: { inverse: true },
  bar: {},
};

export function createTheme(env: NodeJS.ProcessEnv = process.env): Theme {
  // NO_COLOR counts when present and not empty.
  const noColor = Boolean(env.NO_COLOR);
  const table = noColor ? monochrome : colored;
  return { noColor, style: (name) => table[name] };
}
