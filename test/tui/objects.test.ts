import { describe, expect, it } from 'vitest';
import { BatchedSnapshots } from '../../source/tui/session/batched-snapshots.ts';
import { ObjectCache } from '../../source/tui/state/object-cache.ts';
import { objectsTable, RowLineCache } from '../../source/tui/state/objects-table.ts';
import { plainText } from '../../source/tui/text/styled-line.ts';
import { cached, echoWorld, pod } from './support/cluster-objects.ts';

const now = Date.parse('2026-11-26T12:00:00Z');

describe('objectsTable', () => {
  it("shows each kind with kubectl's columns, the kind heading the NAME column", () => {
    const table = objectsTable({ at: now, objects: cached(echoWorld()) }, 100);
    const lines = table.lines.map((line) => plainText(line).trimEnd());
    expect(lines).toEqual([
      'deployment.apps  READY  UP-TO-DATE  AVAILABLE  AGE',
      'echo             3/3    3           3          2m',
      '',
      'pod                   READY  STATUS   RESTARTS  AGE  IP          NODE',
      'client                1/1    Running  0         2m   10.244.2.9  expose-tutor-worker2',
      'echo-6d9f8c7b5-abcde  1/1    Running  0         2m   10.244.1.5  expose-tutor-worker',
      'echo-6d9f8c7b5-fghij  1/1    Running  0         2m   10.244.2.6  expose-tutor-worker2',
      'echo-6d9f8c7b5-klmno  1/1    Running  0         2m   10.244.1.7  expose-tutor-worker',
      '',
      'service  TYPE       CLUSTER-IP  EXTERNAL-IP  PORT(S)  AGE',
      'echo     ClusterIP  10.96.41.7  <none>       80/TCP   2m',
      '',
      'endpointslice.discovery.k8s.io  ADDRESSTYPE  PORTS  ENDPOINTS                         AGE',
      'echo-abcde                      IPv4         8080   10.244.1.5,10.244.2.6,10.244.1.7  2m',
    ]);
    expect(table.counts).toEqual(['1 deployment', '4 pods', '1 service', '1 endpointslice']);
  });

  it('gives up columns in the kind’s order when the pane is narrow, never the name', () => {
    const medium = objectsTable({ at: now, objects: cached(echoWorld()) }, 64);
    const lines = medium.lines.map((line) => plainText(line).trimEnd());
    expect(lines).toContain('pod                   READY  IP          NODE');
    expect(lines).toContain('echo-6d9f8c7b5-abcde  1/1    10.244.1.5  expose-tutor-worker');
    for (const line of lines) expect(line.length).toBeLessThanOrEqual(64);
    const narrow = objectsTable({ at: now, objects: cached(echoWorld()) }, 40);
    expect(narrow.lines.map((line) => plainText(line).trimEnd())).toContain(
      'echo-6d9f8c7b5-abcde  1/1    10.244.1.5',
    );
  });

  it('highlights a row that changed a moment ago, and keeps an unchanged row’s line object', () => {
    const rows = new RowLineCache();
    const objects = cached(echoWorld(), now - 10_000);
    const changed = objects.findIndex((entry) => entry.object.metadata.name === 'client');
    objects[changed] = { ...objects[changed]!, changedAt: now - 200 };
    const first = objectsTable({ at: now, objects }, 100, rows);
    const clientLine = first.lines.find((line) => plainText(line).startsWith('client'))!;
    expect(clientLine[0]!.style).toBe('changed');
    const echoLine = first.lines.find((line) =>
      plainText(line).startsWith('echo-6d9f8c7b5-abcde'),
    )!;
    expect(echoLine[0]!.style).toBe('plain');

    const later = objectsTable({ at: now + 500, objects }, 100, rows);
    expect(later.lines.find((line) => plainText(line).startsWith('echo-6d9f8c7b5-abcde'))).toBe(
      echoLine,
    );
    const faded = objectsTable({ at: now + 2_000, objects }, 100, rows);
    expect(faded.lines.find((line) => plainText(line).startsWith('client'))![0]!.style).toBe(
      'plain',
    );
  });
});

describe('ObjectCache and BatchedSnapshots', () => {
  it('turns a burst of a thousand watch events into one snapshot on the next tick', () => {
    const cache = new ObjectCache();
    let clock = now;
    const snapshots = new BatchedSnapshots(cache, { now: () => clock, refreshMs: 1_000 });
    let published = 0;
    snapshots.subscribe(() => published++);
    for (let n = 0; n < 1_000; n++) {
      const object = pod(`echo-${n % 50}`, `10.244.1.${n % 50}`);
      object.metadata.resourceVersion = String(100 + n);
      cache.apply({ type: n < 50 ? 'ADDED' : 'MODIFIED', resourceId: '/pods', object }, clock);
    }
    expect(published).toBe(0);
    clock += 100;
    snapshots.tick();
    expect(published).toBe(1);
    expect(snapshots.getState().objects).toHaveLength(50);
    // Nothing changed: no new snapshot until the age refresh is due.
    clock += 100;
    snapshots.tick();
    expect(published).toBe(1);
    clock += 1_000;
    snapshots.tick();
    expect(published).toBe(2);
  });

  it('replaces a kind on a fresh list: gone objects leave, unchanged ones keep their time', () => {
    const cache = new ObjectCache();
    const a = pod('a', '10.244.1.1');
    const b = pod('b', '10.244.1.2');
    cache.apply({ type: 'listed', resourceId: '/pods', objects: [a, b] }, 1);
    cache.apply({ type: 'listed', resourceId: '/pods', objects: [a] }, 2);
    const { objects } = cache.snapshot(3);
    expect(objects.map((entry) => [entry.object.metadata.name, entry.changedAt])).toEqual([
      ['a', 1],
    ]);
    cache.apply({ type: 'DELETED', resourceId: '/pods', object: a }, 4);
    expect(cache.snapshot(5).objects).toEqual([]);
  });
});
