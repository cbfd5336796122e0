import { type StyledLine, segment } from '../text/styled-line.ts';
import { wrapSegments } from '../text/wrap-segments.ts';
import type { PathHop } from './request-path.ts';

/** The Path pane: the request, then one hop per line, a failed hop marked and explained. */
export function pathLines(
  request: { url: string; from: string } | undefined,
  hops: readonly PathHop[],
  width: number,
): StyledLine[] {
  if (!request)
    return [[segment('No request yet: the route appears with the first probe step.', 'muted')]];
  const lines: StyledLine[] = [
    ...wrapSegments([segment(`${request.url} from ${request.from}`, 'muted')], { width }),
  ];
  hops.forEach((hop, index) => {
    const failed = hop.state === 'failed';
    const arrow = index === 0 ? '  ' : failed ? '✗ ' : '→ ';
    lines.push(
      ...wrapSegments(
        [
          segment(hop.label, failed ? 'fail' : 'strong'),
          ...(hop.detail ? [segment(` · ${hop.detail}`, 'muted')] : []),
        ],
        {
          width,
          firstPrefix: [segment(arrow, failed ? 'fail' : 'accent')],
          restPrefix: [segment('    ')],
        },
      ),
    );
    if (hop.why)
      lines.push(
        ...wrapSegments([segment('why: ', 'fail'), segment(hop.why, 'warn')], {
          width,
          firstPrefix: [segment('    ')],
          restPrefix: [segment('    ')],
        }),
      );
  });
  return lines;
}
