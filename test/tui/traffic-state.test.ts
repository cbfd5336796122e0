import { describe, expect, it } from 'vitest';
import type { ProbeOutcome, ProbeResult } from '../../source/probe/probe.ts';
import { outcomeLabel } from '../../source/tui/state/outcome-label.ts';
import { trafficLines } from '../../source/tui/state/traffic-lines.ts';
import {
  initialTraffic,
  maxResultsPerBatch,
  type TrafficAction,
  tallyBars,
  trafficReducer,
} from '../../source/tui/state/traffic-state.ts';
import { plainText } from '../../source/tui/text/styled-line.ts';

const ok = (pod: string, index: number): ProbeResult => ({
  index,
  command: 'curl http://echo/hostname',
  outcome: { kind: 'response', status: 200, headers: [], body: pod },
  pod,
  latencyMs: 3,
});
const failed = (outcome: ProbeOutcome, index: number): ProbeResult => ({
  index,
  command: 'curl http://echo/hostname',
  outcome,
  latencyMs: 1,
});
const play = (actions: TrafficAction[]) => actions.reduce(trafficReducer, initialTraffic);

describe('outcomeLabel', () => {
  it('names failures as what they are, and replies no pod gave by who gave them', () => {
    expect(outcomeLabel(ok('echo-a', 0))).toBe('200');
    expect(outcomeLabel(failed({ kind: 'refused', detail: 'Connection refused' }, 0))).toBe(
      'connection refused',
    );
    expect(outcomeLabel(failed({ kind: 'timed-out', detail: '' }, 0))).toBe('timed out');
    expect(
      outcomeLabel(
        failed({ kind: 'response', status: 404, headers: [['server', 'envoy']], body: '' }, 0),
      ),
    ).toBe('404 from envoy');
    expect(outcomeLabel(failed({ kind: 'response', status: 503, headers: [], body: '' }, 0))).toBe(
      '503 from the proxy',
    );
  });
});

describe('trafficReducer', () => {
  it('puts the newest batch and the newest result first and counts hits per pod', () => {
    const state = play([
      { type: 'probe-started', command: 'curl http://echo/hostname', count: 3, source: 'lesson' },
      { type: 'probe-result', result: ok('echo-a', 0) },
      { type: 'probe-result', result: ok('echo-b', 1) },
      { type: 'probe-result', result: ok('echo-a', 2) },
    ]);
    const [batch] = state.batches;
    expect(batch!.results.map((result) => result.index)).toEqual([2, 1, 0]);
    expect(batch!.hits).toEqual({ 'echo-a': 2, 'echo-b': 1 });
    expect(batch!.sent).toBe(3);
  });

  it('caps the results kept but not the counts', () => {
    const actions: TrafficAction[] = [
      { type: 'probe-started', command: 'c', count: 100, source: 'learner' },
    ];
    for (let n = 0; n < 100; n++) actions.push({ type: 'probe-result', result: ok('echo-a', n) });
    const [batch] = play(actions).batches;
    expect(batch!.results).toHaveLength(maxResultsPerBatch);
    expect(batch!.hits['echo-a']).toBe(100);
  });

  it('adds up every batch of the latest command into bars, pods by name, then failures', () => {
    const state = play([
      { type: 'probe-started', command: 'curl http://echo/hostname', count: 2, source: 'lesson' },
      { type: 'probe-result', result: ok('echo-b', 0) },
      {
        type: 'probe-result',
        result: failed({ kind: 'refused', detail: 'Connection refused' }, 1),
      },
      { type: 'probe-started', command: 'curl http://other/', count: 1, source: 'lesson' },
      { type: 'probe-result', result: ok('other-x', 0) },
      { type: 'probe-started', command: 'curl http://echo/hostname', count: 2, source: 'learner' },
      { type: 'probe-result', result: ok('echo-a', 0) },
      { type: 'probe-result', result: ok('echo-b', 1) },
    ]);
    expect(tallyBars(state)).toEqual({
      command: 'curl http://echo/hostname',
      total: 4,
      bars: [
        { label: 'echo-a', count: 1, kind: 'pod' },
        { label: 'echo-b', count: 2, kind: 'pod' },
        { label: 'connection refused', count: 1, kind: 'failure' },
      ],
    });
  });
});

describe('trafficLines', () => {
  it('draws bars in proportion, then each command with its requests, newest first', () => {
    const state = play([
      { type: 'probe-started', command: 'curl http://echo/hostname', count: 3, source: 'lesson' },
      { type: 'probe-result', result: ok('echo-a', 0) },
      { type: 'probe-result', result: ok('echo-a', 1) },
      { type: 'probe-result', result: ok('echo-b', 2) },
    ]);
    const lines = trafficLines(state, 40).map(plainText);
    expect(lines[0]).toBe('Who answered (3 requests)');
    expect(lines[1]).toMatch(/^echo-a █+ 2$/);
    expect(lines[2]).toMatch(/^echo-b █+ 1$/);
    const bar = (line: string) => line.split('█').length - 1;
    expect(bar(lines[1]!)).toBe(2 * bar(lines[2]!));
    expect(lines[1]!.length).toBeLessThanOrEqual(40);
    expect(lines.slice(4)).toEqual([
      '$ curl http://echo/hostname (3/3)',
      '  #3   200 echo-b 3ms',
      '  #2   200 echo-a 3ms',
      '  #1   200 echo-a 3ms',
    ]);
  });

  it('says how to send requests before there are any', () => {
    expect(trafficLines(initialTraffic, 60).map(plainText)).toEqual([
      'No requests yet. Probe steps send them; m sends 20 more.',
    ]);
  });
});
