import { type Segment, type StyledLine, segment } from './styled-line.ts';

const keyPattern = /^([^\s#'"{[\]}][^:#]*?|"[^"]*"|'[^']*'):(?=\s|$)/;
const scalarWords = /^(true|false|null|~|-?\d+(\.\d+)?)$/;

/** Splits `value  # comment` at a `#` that starts a comment (not one inside quotes). */
function splitComment(text: string): [string, string] {
  let quote = '';
  for (let index = 0; index < text.length; index++) {
    const char = text[index]!;
    if (quote) {
      if (char === quote) quote = '';
    } else if (char === '"' || char === "'") quote = char;
    else if (char === '#' && (index === 0 || /\s/.test(text[index - 1]!)))
      return [text.slice(0, index), text.slice(index)];
  }
  return [text, ''];
}

function valueSegments(value: string): Segment[] {
  const trimmed = value.trim();
  if (trimmed === '') return value ? [segment(value)] : [];
  const lead = value.slice(0, value.indexOf(trimmed));
  const tail = value.slice(lead.length + trimmed.length);
  const style = /^["']/.test(trimmed)
    ? 'yaml-string'
    : scalarWords.test(trimmed)
      ? 'yaml-number'
      : /^[|>][-+]?$/.test(trimmed)
        ? 'yaml-punctuation'
        : 'plain';
  return [segment(lead), segment(trimmed, style), segment(tail)].filter((part) => part.text);
}

/**
 * Colours one line of YAML the way editors do: keys, strings, numbers and booleans, comments,
 * list dashes and document markers. Line by line, so a half-written manifest still colours.
 */
export function highlightYamlLine(line: string): StyledLine {
  if (/^(---|\.\.\.)\s*$/.test(line)) return [segment(line, 'yaml-punctuation')];
  const [code, comment] = splitComment(line);
  const out: Segment[] = [];
  const indent = /^\s*/.exec(code)![0];
  if (indent) out.push(segment(indent));
  let rest = code.slice(indent.length);
  const dash = /^-(\s+|$)/.exec(rest);
  if (dash) {
    out.push(segment('-', 'yaml-punctuation'), segment(dash[1] ?? ''));
    rest = rest.slice(dash[0].length);
  }
  const key = keyPattern.exec(rest);
  if (key) {
    out.push(segment(key[1]!, 'yaml-key'), segment(':', 'yaml-punctuation'));
    rest = rest.slice(key[0].length);
  }
  out.push(...valueSegments(rest));
  if (comment) out.push(segment(comment, 'yaml-comment'));
  return out.filter((part) => part.text !== '');
}
