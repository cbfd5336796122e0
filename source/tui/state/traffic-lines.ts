import {
  cellWidth,
  type StyledLine,
  segment,
  truncate,
  truncateLine,
} from '../text/styled-line.ts';
import { wrapSegments } from '../text/wrap-segments.ts';
import { type TrafficState, tallyBars } from './traffic-state.ts';

/**
 * The Traffic pane: a bar per pod for who answered the latest command (over every batch that
 * sent it), then each batch's command and its requests, newest first.
 */
export function trafficLines(traffic: TrafficState, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  const tally = tallyBars(traffic);
  if (traffic.batches.length === 0) {
    return [[segment('No requests yet. Probe steps send them; m sends 20 more.', 'muted')]];
  }
  if (tally.bars.length > 0) {
    lines.push([
      segment(
        `Who answered (${tally.total} ${tally.total === 1 ? 'request' : 'requests'})`,
        'title',
      ),
    ]);
    const labelWidth = Math.min(
      Math.max(...tally.bars.map((bar) => cellWidth(bar.label))),
      Math.max(8, Math.floor(width / 2)),
    );
    const countWidth = String(Math.max(...tally.bars.map((bar) => bar.count))).length;
    const room = Math.max(1, width - labelWidth - countWidth - 3);
    const most = Math.max(...tally.bars.map((bar) => bar.count));
    for (const bar of tally.bars) {
      const length = bar.count === 0 ? 0 : Math.max(1, Math.round((bar.count / most) * room));
      lines.push([
        segment(
          truncate(bar.label, labelWidth).padEnd(labelWidth),
          bar.kind === 'failure' ? 'fail' : 'plain',
        ),
        segment(' '),
        segment(
          '█'.repeat(length),
          bar.kind === 'pod' ? 'bar' : bar.kind === 'failure' ? 'fail' : 'muted',
        ),
        segment(` ${bar.count}`, 'strong'),
      ]);
    }
    lines.push([]);
  }
  for (const batch of traffic.batches) {
    lines.push(
      ...wrapSegments(
        [
          segment(batch.source === 'learner' ? '+ ' : '$ ', 'muted'),
          segment(batch.command, 'code'),
          segment(` (${batch.sent}/${batch.count})`, 'muted'),
        ],
        { width, restPrefix: [segment('  ')] },
      ),
    );
    for (const result of batch.results) {
      lines.push(
        truncateLine(
          [
            segment(`  #${String(result.index + 1).padEnd(3)} `, 'muted'),
            segment(result.label, result.failed ? 'fail' : 'ok'),
            ...(result.pod ? [segment(` ${result.pod}`)] : []),
            ...(result.detail && result.failed ? [segment(` ${result.detail}`, 'muted')] : []),
            segment(` ${Math.round(result.latencyMs)}ms`, 'muted'),
          ],
          width,
        ),
      );
    }
  }
  return lines;
}
