import { describe, expect, it } from 'vitest';
import type { LessonEvent } from '../../source/lesson-engine/lesson-events.ts';
import type { QuizStep } from '../../source/lesson-format/lesson-types.ts';
import { plainPrinter, wrap } from '../../source/plain-printer/plain-printer.ts';
import { wantsColor } from '../../source/plain-printer/text-style.ts';
import { tallyHits } from '../../source/probe/hit-tally.ts';
import type { ProbeResult } from '../../source/probe/probe.ts';

function print(events: LessonEvent[], color = false): string {
  let text = '';
  const listener = plainPrinter(
    (chunk) => {
      text += chunk;
    },
    { color },
  );
  for (const event of events) listener(event);
  return text;
}

const hit = (pod: string, index: number): ProbeResult => ({
  index,
  command: 'kubectl exec -n demo client -- curl -s http://echo/hostname',
  outcome: { kind: 'response', status: 200, headers: [], body: pod },
  body: pod,
  pod,
  latencyMs: 1,
});

describe('the plain printer', () => {
  it('prints a probe as its command, a bar per pod and the checks', () => {
    const results = ['echo-a', 'echo-b', 'echo-a', 'echo-a'].map(hit);
    const text = print([
      {
        type: 'probe-finished',
        command: results[0]!.command,
        run: { results, tally: tallyHits(results) },
        attempts: 1,
      },
      { type: 'check-passed', check: 'every response is 200', detail: '4 × 200', counts: true },
      {
        type: 'check-failed',
        check: 'answered by exactly 3 pods',
        detail: '2 pods',
        counts: false,
      },
    ]);
    expect(text).toBe(
      [
        '$ kubectl exec -n demo client -- curl -s http://echo/hostname   # × 4',
        '  echo-a  ███████████████░░░░░  3',
        '  echo-b  █████░░░░░░░░░░░░░░░  1',
        '✓ every response is 200 — 4 × 200',
        '✗ answered by exactly 3 pods (not yet) — 2 pods',
        '',
      ].join('\n'),
    );
  });

  it('shows a quiz with its answer and explanation', () => {
    const quiz: QuizStep = {
      type: 'quiz',
      id: 'q',
      section: 's',
      at: { file: 'f', line: 1 },
      question: 'Which port?',
      choices: ['80', '8080'],
      answer: 1,
      explanation: 'The targetPort.',
    };
    expect(
      print([
        { type: 'quiz-shown', quiz },
        { type: 'quiz-answered', quiz, choice: undefined, correct: false },
      ]),
    ).toBe('? Which port?\n  a) 80\n  b) 8080   ← answer\n  Why: The targetPort.\n');
  });

  it('colours only when asked', () => {
    const event: LessonEvent = { type: 'check-passed', check: 'x', detail: '', counts: true };
    expect(print([event])).toBe('✓ x\n');
    expect(print([event], true)).toBe('\u001b[32m✓\u001b[39m x\n');
  });

  it('wraps long prose at 100 columns', () => {
    const long = `Why: ${'word '.repeat(30).trim()}`;
    const wrapped = wrap(long, '     ').split('\n');
    expect(wrapped.length).toBe(2);
    expect(wrapped.every((line) => line.length <= 100)).toBe(true);
    expect(wrapped[1]!.startsWith('     word')).toBe(true);
  });
});

describe('colour', () => {
  it('follows NO_COLOR and the terminal', () => {
    expect(wantsColor({ isTTY: true }, {})).toBe(true);
    expect(wantsColor({ isTTY: true }, { NO_COLOR: '1' })).toBe(false);
    expect(wantsColor({ isTTY: false }, {})).toBe(false);
    expect(wantsColor({ isTTY: true }, { TERM: 'dumb' })).toBe(false);
  });
});
