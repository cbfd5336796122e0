import { Box, Text } from 'ink';
import { memo } from 'react';
import { PaneFrame } from '../../tui/components/pane-frame.tsx';
import { useTheme } from '../../tui/hooks/theme-context.ts';
import { truncate } from '../../tui/text/styled-line.ts';
import type { ThemeStyle } from '../../tui/theme.ts';
import type { InspectReport } from '../inspect-report.ts';
import { detailLines } from './detail-lines.ts';
import { inspectHints } from './inspect-keys.ts';
import type { TreeRow } from './inspect-tree.ts';

export interface InspectScreenProps {
  report: InspectReport | undefined;
  rows: readonly TreeRow[];
  selected: number;
  error: string | undefined;
  refreshing: boolean;
  width: number;
  height: number;
}

const statusMark: Record<TreeRow['status'], { mark: string; style: ThemeStyle }> = {
  error: { mark: '✗', style: 'fail' },
  warning: { mark: '!', style: 'warn' },
  note: { mark: 'i', style: 'accent' },
  ok: { mark: '✓', style: 'ok' },
  none: { mark: ' ', style: 'plain' },
};

/** The live inspect view: a tree (namespace → Service → endpoints, routes) beside details. */
export function InspectScreen(props: InspectScreenProps) {
  const theme = useTheme();
  const { report, rows, selected, width, height } = props;
  const treeWidth = Math.max(24, Math.floor(width * 0.4));
  const detailWidth = Math.max(20, width - treeWidth - 1);
  const bodyHeight = Math.max(3, height - 3);
  const first = Math.max(
    0,
    Math.min(selected - Math.floor(bodyHeight / 2), rows.length - bodyHeight),
  );
  const visible = rows.slice(first, first + bodyHeight);
  const details = detailLines(rows[selected]?.target)
    .flatMap((line) => wrapLine(line, detailWidth))
    .slice(0, bodyHeight);
  const header = report
    ? `inspect ${report.context} · ${report.scope.allNamespaces ? 'all namespaces' : `namespace ${report.scope.namespace}`} · ${count(report.totals.error, 'error')}, ${count(report.totals.warning, 'warning')}, ${count(report.totals.note, 'note')}${report.unseen.length ? ` · could not see ${report.unseen.map((u) => u.resource).join(', ')}` : ''}`
    : 'inspect: reading the cluster…';
  return (
    <Box flexDirection="column" width={width}>
      <Text wrap="truncate-end" {...theme.style('heading')}>
        {truncate(header, width)}
      </Text>
      {props.error ? (
        <Text wrap="truncate-end" {...theme.style('fail')}>
          {truncate(`refresh failed: ${props.error}`, width)}
        </Text>
      ) : null}
      <Box flexDirection="row">
        <PaneFrame
          title="Services"
          note={props.refreshing ? 'refreshing…' : `${rows.length} rows`}
          focused
          width={treeWidth}
        >
          {visible.map((row, index) => (
            <TreeLine
              key={row.id}
              row={row}
              selected={first + index === selected}
              width={treeWidth}
            />
          ))}
        </PaneFrame>
        <Box width={1} />
        <PaneFrame title="Details" focused={false} width={detailWidth}>
          {details.map((line, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: lines are positional text.
            <Text key={index} wrap="truncate-end" {...theme.style(lineStyle(line))}>
              {truncate(line, detailWidth)}
            </Text>
          ))}
        </PaneFrame>
      </Box>
      <Text wrap="truncate-end" {...theme.style('muted')}>
        {truncate(inspectHints(), width)}
      </Text>
    </Box>
  );
}

/** Breaks a line at spaces to the pane's width, continuing under its own indentation. */
export function wrapLine(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const indent = `${/^\s*/.exec(line)![0]}  `.slice(0, Math.floor(width / 2));
  const lines: string[] = [];
  let rest = line;
  while (rest.length > width) {
    const cut = rest.lastIndexOf(' ', width);
    const at = cut > indent.length ? cut : width;
    lines.push(rest.slice(0, at));
    rest = indent + rest.slice(at).trimStart();
  }
  lines.push(rest);
  return lines;
}

function count(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

function lineStyle(line: string): ThemeStyle {
  const trimmed = line.trimStart();
  if (trimmed.startsWith('ERROR')) return 'fail';
  if (trimmed.startsWith('WARNING')) return 'warn';
  if (trimmed.startsWith('NOTE')) return 'accent';
  return 'plain';
}

const TreeLine = memo(function TreeLine(props: { row: TreeRow; selected: boolean; width: number }) {
  const theme = useTheme();
  const { row } = props;
  const { mark, style } = statusMark[row.status];
  const opener = row.expandable ? '▸ ' : '  ';
  const text = `${'  '.repeat(row.depth)}${opener}${row.label}`;
  return (
    <Text wrap="truncate-end" {...(props.selected ? theme.style('selected') : {})}>
      <Text {...theme.style(style)}>{mark}</Text> {truncate(text, props.width - 2)}
    </Text>
  );
});
