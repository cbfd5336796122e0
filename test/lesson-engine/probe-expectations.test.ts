import { describe, expect, it } from 'vitest';
import { judgeProbe, outcomeSummary } from '../../source/lesson-engine/probe-expectations.ts';
import { tallyHits } from '../../source/probe/hit-tally.ts';
import type { ProbeOutcome, ProbeResult, ProbeRun } from '../../source/probe/probe.ts';

function run(...answers: (string | ProbeOutcome)[]): ProbeRun {
  const results: ProbeResult[] = answers.map((answer, index) => {
    if (typeof answer !== 'string')
      return { index, command: 'curl', outcome: answer, latencyMs: 1 };
    const [status, pod] = answer.split(' ');
    const outcome: ProbeOutcome = {
      kind: 'response',
      status: Number(status),
      headers: [],
      body: pod ?? '',
    };
    return {
      index,
      command: 'curl',
      outcome,
      body: pod ?? '',
      latencyMs: 1,
      ...(pod ? { pod } : {}),
    };
  });
  return { results, tally: tallyHits(results) };
}

const refused: ProbeOutcome = { kind: 'refused', detail: 'Failed to connect' };
const timedOut: ProbeOutcome = { kind: 'timed-out', detail: 'Connection timed out' };

describe('probe expectations', () => {
  it('status and spread over pods', () => {
    const spread = run('200 a', '200 b', '200 c', '200 a');
    expect(judgeProbe(spread, { status: 200, pods: { atLeast: 3 } })).toEqual([
      { check: 'every response is 200', passed: true, detail: '4 × 200' },
      { check: 'answered by at least 3 different pods', passed: true, detail: '3 pods: a, b, c' },
    ]);
    expect(judgeProbe(spread, { pods: { exactly: 2 } })[0]).toMatchObject({ passed: false });
    expect(judgeProbe(run('200 a', '200 a'), { pods: { exactly: 1 } })[0]).toMatchObject({
      check: 'every answer from the same pod',
      passed: true,
    });
  });

  it('a 404 that no pod sent', () => {
    const fromController = run('404');
    expect(judgeProbe(fromController, { status: 404, pods: { exactly: 0 } })).toEqual([
      { check: 'every response is 404', passed: true, detail: '1 × 404' },
      { check: 'no pod answered', passed: true, detail: 'no pod answered' },
    ]);
  });

  it('failures by name, or any failure', () => {
    const mixed = run(refused, timedOut);
    expect(judgeProbe(mixed, { fails: 'refused' })[0]).toMatchObject({
      passed: false,
      detail: '1 × connection refused, 1 × timed out',
    });
    expect(judgeProbe(mixed, { fails: 'any' })[0]).toMatchObject({ passed: true });
    expect(judgeProbe(run('200 a', refused), { status: 200 })[0]).toMatchObject({ passed: false });
    expect(
      judgeProbe(run({ kind: 'unreachable-from-host', detail: 'no route' }), {
        fails: 'unreachable',
      })[0],
    ).toMatchObject({ passed: true, check: 'every request fails: no route from your machine' });
  });

  it('body text', () => {
    expect(judgeProbe(run('200 hello', '200 help'), { bodyContains: 'hel' })[0]).toMatchObject({
      passed: true,
      detail: '2/2 did',
    });
    expect(judgeProbe(run('200 hello', '200 bye'), { bodyContains: 'hel' })[0]).toMatchObject({
      passed: false,
    });
  });

  it("a body that is exactly some text, or empty (like a proxy's own 404)", () => {
    expect(judgeProbe(run('404', '404'), { body: '' })[0]).toEqual({
      check: 'every body is empty',
      passed: true,
      detail: '2/2 were',
    });
    expect(judgeProbe(run('404', '404 gone'), { body: '' })[0]).toMatchObject({
      passed: false,
      detail: '1/2 was',
    });
    expect(judgeProbe(run('200 hello'), { body: 'hello' })[0]).toMatchObject({
      check: 'every body is exactly "hello"',
      passed: true,
    });
    expect(judgeProbe(run('200 hello'), { body: 'hell' })[0]).toMatchObject({ passed: false });
    expect(judgeProbe(run(refused), { body: '' })[0]).toMatchObject({ passed: false });
  });

  it('an empty run passes nothing', () => {
    expect(judgeProbe(run(), { status: 200, fails: 'any' }).map((v) => v.passed)).toEqual([
      false,
      false,
    ]);
    expect(outcomeSummary(run())).toBe('no requests');
  });
});
