import { since } from './human-duration.ts';
import { nameDescription } from './object-meta-columns.ts';
import { column, type ObjectRenderer } from './table-column.ts';

export const eventColumns = [
  column('Last Seen', 'The time at which the most recent occurrence of this event was recorded.'),
  column('Type', 'Type of this event (Normal, Warning), new types could be added in the future'),
  column(
    'Reason',
    "This should be a short, machine understandable string that gives the reason for the transition into the object's current status.",
  ),
  column('Object', 'The object that this event is about.'),
  column(
    'Subobject',
    'If referring to a piece of an object instead of an entire object, this string should contain a valid JSON/Go field access statement, such as desiredState.manifest.containers[2].',
    { priority: 1 },
  ),
  column(
    'Source',
    'The component reporting this event. Should be a short machine understandable string.',
    {
      priority: 1,
    },
  ),
  column('Message', 'A human-readable description of the status of this operation.'),
  column(
    'First Seen',
    'The time at which the event was first recorded. (Time of server receipt is in TypeMeta.)',
    { priority: 1 },
  ),
  column('Count', 'The number of times this event has occurred.', { priority: 1 }),
  column('Name', nameDescription, { format: 'name', priority: 1 }),
] as const;

/** `kubelet, expose-tutor-worker`: the source, with the newer reporting fields as fallback. */
function eventSource(
  source: { component?: string; host?: string } | undefined,
  controller: string | undefined,
  instance: string | undefined,
): string {
  const component = source?.component || controller || '';
  const host = source?.host || instance || '';
  return host ? `${component}, ${host}` : component;
}

export const eventRow: ObjectRenderer = {
  columns: eventColumns,
  cells(event, now) {
    const firstSeen = event.firstTimestamp
      ? since(event.firstTimestamp, now)
      : since(event.eventTime, now);
    let lastSeen = event.lastTimestamp ? since(event.lastTimestamp, now) : firstSeen;
    let count: number = event.count ?? 0;
    if (event.series) {
      lastSeen = since(event.series.lastObservedTime, now);
      count = event.series.count ?? 0;
    } else if (count === 0) {
      // Events written through events.k8s.io leave count unset for a single occurrence.
      count = 1;
    }
    const involved = event.involvedObject ?? {};
    const kind = String(involved.kind ?? '').toLowerCase();
    return [
      lastSeen,
      event.type ?? '',
      event.reason ?? '',
      involved.name ? `${kind}/${involved.name}` : kind,
      involved.fieldPath ?? '',
      eventSource(event.source, event.reportingComponent, event.reportingInstance),
      String(event.message ?? '').trim(),
      firstSeen,
      count,
      event.metadata?.name ?? '',
    ];
  },
};
