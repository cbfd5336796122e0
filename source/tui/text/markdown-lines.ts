import { Lexer, type Token, type Tokens } from 'marked';
import {
  lineWidth,
  overwrite,
  type Segment,
  type StyledLine,
  segment,
  type TextStyle,
  truncateLine,
} from './styled-line.ts';
import { wrapSegments } from './wrap-segments.ts';
import { highlightYamlLine } from './yaml-highlight.ts';

/** Markdown entities marked leaves escaped in text tokens. */
function decodeEntities(text: string): string {
  return text
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&amp;/g, '&');
}

/** Inline tokens (text, emphasis, code spans, links) as styled segments. */
function inlineSegments(
  tokens: readonly Token[] | undefined,
  style: TextStyle = 'plain',
): Segment[] {
  const out: Segment[] = [];
  for (const token of tokens ?? []) {
    switch (token.type) {
      case 'strong':
        out.push(...inlineSegments((token as Tokens.Strong).tokens, 'strong'));
        break;
      case 'em':
        out.push(
          ...inlineSegments((token as Tokens.Em).tokens, style === 'strong' ? 'strong' : 'em'),
        );
        break;
      case 'del':
        out.push(...inlineSegments((token as Tokens.Del).tokens, 'muted'));
        break;
      case 'codespan':
        out.push(segment(decodeEntities((token as Tokens.Codespan).text), 'code'));
        break;
      case 'link': {
        const link = token as Tokens.Link;
        out.push(...inlineSegments(link.tokens, 'link'));
        const text = link.tokens?.map((t) => t.raw).join('') ?? '';
        if (link.href && link.href !== text && !link.href.startsWith('#'))
          out.push(segment(` (${link.href})`, 'muted'));
        break;
      }
      case 'br':
        out.push(segment(' '));
        break;
      case 'text': {
        const text = token as Tokens.Text;
        if (text.tokens && text.tokens.length > 0) out.push(...inlineSegments(text.tokens, style));
        else out.push(segment(decodeEntities(text.text).replace(/\n/g, ' '), style));
        break;
      }
      case 'escape':
        out.push(segment((token as Tokens.Escape).text, style));
        break;
      case 'image':
        out.push(segment(`[image: ${(token as Tokens.Image).text}]`, 'muted'));
        break;
      default:
        out.push(segment(decodeEntities(token.raw).replace(/\n/g, ' '), style));
    }
  }
  return out;
}

/** A fenced block: YAML coloured, anything else in the code style; long lines cut, not wrapped. */
function codeLines(code: Tokens.Code, width: number, indent: Segment[]): StyledLine[] {
  const yaml = code.lang === 'yaml' || code.lang === 'yml';
  return code.text.split('\n').map((text) => {
    const body = yaml ? highlightYamlLine(text) : [segment(text, 'code')];
    return truncateLine([...indent, segment('  '), ...body], width);
  });
}

function blockLines(tokens: readonly Token[], width: number, indent: Segment[]): StyledLine[] {
  const lines: StyledLine[] = [];
  const blank = () => {
    if (lines.length > 0 && lineWidth(lines.at(-1)!) > lineWidth(indent)) lines.push([...indent]);
  };
  for (const token of tokens) {
    switch (token.type) {
      case 'space':
        break;
      case 'heading': {
        const heading = token as Tokens.Heading;
        blank();
        const style: TextStyle = heading.depth <= 2 ? 'heading' : 'strong';
        const segments = inlineSegments(heading.tokens).map((part) => ({ ...part, style }));
        lines.push(...wrapSegments(segments, { width, firstPrefix: indent, restPrefix: indent }));
        break;
      }
      case 'paragraph':
        blank();
        lines.push(
          ...wrapSegments(inlineSegments((token as Tokens.Paragraph).tokens), {
            width,
            firstPrefix: indent,
            restPrefix: indent,
          }),
        );
        break;
      case 'text': {
        // Text directly inside a tight list item.
        const text = token as Tokens.Text;
        const segments = text.tokens
          ? inlineSegments(text.tokens)
          : [segment(decodeEntities(text.text))];
        lines.push(...wrapSegments(segments, { width, firstPrefix: indent, restPrefix: indent }));
        break;
      }
      case 'list': {
        const list = token as Tokens.List;
        // A list nested in a tight item follows its text directly.
        if (indent.length === 0) blank();
        let number = typeof list.start === 'number' ? list.start : 1;
        for (const item of list.items) {
          const bullet = list.ordered ? `${number++}. ` : '• ';
          const itemLines = blockLines(item.tokens, width, [
            ...indent,
            segment(' '.repeat(bullet.length + 1)),
          ]);
          const first = itemLines[0];
          // The item's first line gets its bullet over the hanging indent.
          if (first)
            itemLines[0] = overwrite(first, lineWidth(indent), segment(` ${bullet}`, 'accent'));
          lines.push(...itemLines);
        }
        break;
      }
      case 'code':
        blank();
        lines.push(...codeLines(token as Tokens.Code, width, indent));
        break;
      case 'blockquote':
        blank();
        lines.push(
          ...blockLines((token as Tokens.Blockquote).tokens, width, [
            ...indent,
            segment('│ ', 'muted'),
          ]),
        );
        break;
      case 'hr':
        blank();
        lines.push([...indent, segment('─'.repeat(Math.max(1, width - indent.length)), 'muted')]);
        break;
      case 'table': {
        const table = token as Tokens.Table;
        blank();
        const row = (cells: Tokens.TableCell[], style?: TextStyle) =>
          truncateLine(
            [
              ...indent,
              ...cells.flatMap((cell, index) => [
                ...(index > 0 ? [segment(' │ ', 'muted')] : []),
                ...inlineSegments(cell.tokens).map((part) => (style ? { ...part, style } : part)),
              ]),
            ],
            width,
          );
        lines.push(row(table.header, 'strong'));
        for (const cells of table.rows) lines.push(row(cells));
        break;
      }
      default:
        blank();
        lines.push(
          ...wrapSegments([segment(token.raw.trim(), 'muted')], {
            width,
            firstPrefix: indent,
            restPrefix: indent,
          }),
        );
    }
  }
  return lines;
}

/**
 * Lesson Markdown as lines for a pane `width` cells wide: headings, emphasis, code spans, lists
 * with hanging indents, block quotes, and fenced code (YAML coloured) cut rather than wrapped.
 */
export function markdownLines(markdown: string, width: number): StyledLine[] {
  return blockLines(Lexer.lex(markdown), Math.max(10, width), []);
}
