import { describe, expect, it } from 'vitest';
import { markdownLines } from '../../source/tui/text/markdown-lines.ts';
import { lineWidth, plainText, segment, truncateLine } from '../../source/tui/text/styled-line.ts';
import { wrapSegments } from '../../source/tui/text/wrap-segments.ts';
import { highlightYamlLine } from '../../source/tui/text/yaml-highlight.ts';

const text = (lines: ReturnType<typeof markdownLines>) => lines.map(plainText);

describe('wrapSegments', () => {
  it('fills lines greedily, keeps styles, and never exceeds the width', () => {
    const lines = wrapSegments(
      [segment('one two '), segment('three', 'strong'), segment(' four five six seven')],
      { width: 12 },
    );
    expect(lines.map(plainText)).toEqual(['one two', 'three four', 'five six', 'seven']);
    expect(lines[1]![0]).toEqual({ text: 'three', style: 'strong' });
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(12);
  });

  it('breaks a word longer than the line and indents following lines', () => {
    const lines = wrapSegments([segment('abcdefghijkl mn')], {
      width: 6,
      firstPrefix: [segment('• ')],
      restPrefix: [segment('  ')],
    });
    expect(lines.map(plainText)).toEqual(['• abcd', '  efgh', '  ijkl', '  mn']);
  });

  it('truncates a line with an ellipsis', () => {
    expect(plainText(truncateLine([segment('abcdef'), segment('ghij')], 5))).toBe('abcd…');
  });
});

describe('markdownLines', () => {
  it('renders headings, emphasis and code spans as styles, without Markdown marks', () => {
    const lines = markdownLines('## A heading\n\nSome **bold**, *em* and `code`.', 40);
    expect(text(lines)).toEqual(['A heading', '', 'Some bold, em and code.']);
    expect(lines[0]![0]!.style).toBe('heading');
    const styles = Object.fromEntries(lines[2]!.map((part) => [part.text.trim(), part.style]));
    expect(styles).toMatchObject({ bold: 'strong', em: 'em', code: 'code' });
  });

  it('wraps paragraphs to the width and gives list items hanging indents', () => {
    const lines = markdownLines(
      'Pods come and go, and each new pod gets a new IP address.\n\n- a first item that wraps around\n- second\n\n1. one\n2. two',
      24,
    );
    expect(text(lines)).toEqual([
      'Pods come and go, and',
      'each new pod gets a new',
      'IP address.',
      '',
      ' • a first item that',
      '   wraps around',
      ' • second',
      '',
      ' 1. one',
      ' 2. two',
    ]);
    for (const line of lines) expect(lineWidth(line)).toBeLessThanOrEqual(24);
  });

  it('keeps code blocks verbatim, highlights YAML, and cuts long lines instead of wrapping', () => {
    const lines = markdownLines(
      '```yaml\nkind: Service  # a comment\nspec:\n  ports:\n  - port: 80\n    name: "http"\n```\n\n```\na very long line of shell output that goes on\n```',
      30,
    );
    expect(text(lines)).toEqual([
      '  kind: Service  # a comment',
      '  spec:',
      '    ports:',
      '    - port: 80',
      '      name: "http"',
      '',
      '  a very long line of shell o…',
    ]);
    expect(lines[0]!.find((part) => part.text === 'kind')?.style).toBe('yaml-key');
    expect(lines[0]!.find((part) => part.text.startsWith('#'))?.style).toBe('yaml-comment');
    expect(lines[3]!.find((part) => part.text === '80')?.style).toBe('yaml-number');
    expect(lines[4]!.find((part) => part.text === '"http"')?.style).toBe('yaml-string');
  });

  it('shows link targets after their text and quotes with a bar', () => {
    const lines = markdownLines('See [the docs](https://kubernetes.io/docs).\n\n> quoted', 60);
    expect(text(lines)).toEqual(['See the docs (https://kubernetes.io/docs).', '', '│ quoted']);
  });
});

describe('highlightYamlLine', () => {
  it('colours keys, dashes, values and comments, and leaves a # inside quotes alone', () => {
    const line = highlightYamlLine('  - name: "a # b" # note');
    expect(line.map((part) => [part.text, part.style])).toEqual([
      ['  ', 'plain'],
      ['-', 'yaml-punctuation'],
      [' ', 'plain'],
      ['name', 'yaml-key'],
      [':', 'yaml-punctuation'],
      [' ', 'plain'],
      ['"a # b"', 'yaml-string'],
      [' ', 'plain'],
      ['# note', 'yaml-comment'],
    ]);
    expect(highlightYamlLine('---')).toEqual([{ text: '---', style: 'yaml-punctuation' }]);
  });
});
