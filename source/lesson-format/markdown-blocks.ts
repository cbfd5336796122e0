/**
 * Splits a lesson's Markdown into what the engine cares about: front matter, `##` sections,
 * prose, and fenced step blocks (```` ```yaml step ````). Other fenced code stays prose, and a
 * `##` inside a fence is not a heading.
 */

export interface FrontMatter {
  text: string;
  /** 1-based line of the first line inside the `---` fences. */
  line: number;
}

export type MarkdownBlock =
  | { type: 'heading'; title: string; line: number }
  | { type: 'prose'; markdown: string; line: number }
  | { type: 'step'; yaml: string; line: number; contentLine: number }
  | { type: 'unclosed-step'; line: number };

export interface SplitMarkdown {
  frontMatter?: FrontMatter;
  /** The `# Title` line's text, if any. */
  title?: string;
  blocks: MarkdownBlock[];
}

const fenceOpen = /^( {0,3})(`{3,}|~{3,})\s*([^`\s]*)(.*)$/;

export function splitMarkdown(text: string): SplitMarkdown {
  const lines = text.replace(/\r\n/g, '\n').split('\n');
  const result: SplitMarkdown = { blocks: [] };
  let index = 0;
  if (lines[0] === '---') {
    const end = lines.indexOf('---', 1);
    if (end > 0) {
      result.frontMatter = { text: lines.slice(1, end).join('\n'), line: 2 };
      index = end + 1;
    }
  }
  let prose: string[] = [];
  let proseLine = index + 1;
  const flushProse = () => {
    const markdown = trimBlankLines(prose);
    if (markdown) {
      const leading = prose.findIndex((line) => line.trim() !== '');
      result.blocks.push({ type: 'prose', markdown, line: proseLine + leading });
    }
    prose = [];
  };
  while (index < lines.length) {
    const line = lines[index]!;
    const fence = fenceOpen.exec(line);
    if (fence) {
      const marker = fence[2]!;
      const isStep = fence[3] === 'yaml' && /^\s+step\s*$/.test(fence[4] ?? '');
      const close = findFenceClose(lines, index + 1, marker);
      if (isStep) {
        flushProse();
        if (close < 0) {
          result.blocks.push({ type: 'unclosed-step', line: index + 1 });
          return result;
        }
        result.blocks.push({
          type: 'step',
          yaml: lines.slice(index + 1, close).join('\n'),
          line: index + 1,
          contentLine: index + 2,
        });
        index = close + 1;
        proseLine = index + 1;
        continue;
      }
      const end = close < 0 ? lines.length - 1 : close;
      if (prose.length === 0) proseLine = index + 1;
      prose.push(...lines.slice(index, end + 1));
      index = end + 1;
      continue;
    }
    const heading = /^(#{1,2})\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading) {
      flushProse();
      if (heading[1] === '#') result.title ??= heading[2];
      else result.blocks.push({ type: 'heading', title: heading[2]!, line: index + 1 });
      index += 1;
      proseLine = index + 1;
      continue;
    }
    if (prose.length === 0) proseLine = index + 1;
    prose.push(line);
    index += 1;
  }
  flushProse();
  return result;
}

function findFenceClose(lines: string[], from: number, marker: string): number {
  const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}\\s*$`);
  for (let index = from; index < lines.length; index++) {
    if (closing.test(lines[index]!)) return index;
  }
  return -1;
}

function trimBlankLines(lines: string[]): string {
  let start = 0;
  let end = lines.length;
  while (start < end && lines[start]!.trim() === '') start++;
  while (end > start && lines[end - 1]!.trim() === '') end--;
  return lines.slice(start, end).join('\n');
}

/** GitHub's heading anchors: lower case, punctuation dropped, spaces to hyphens. */
export function slugOf(title: string): string {
  return title
    .toLowerCase()
    .replace(/`/g, '')
    .replace(/[^\p{L}\p{N}\s_-]/gu, '')
    .trim()
    .replace(/\s/g, '-');
}
