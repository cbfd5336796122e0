import type { Step } from '../../lesson-format/lesson-types.ts';
import { substitute } from '../../lesson-format/variables.ts';
import { markdownLines } from '../text/markdown-lines.ts';
import { type Segment, type StyledLine, segment, truncateLine } from '../text/styled-line.ts';
import { wrapSegments } from '../text/wrap-segments.ts';
import { highlightYamlLine } from '../text/yaml-highlight.ts';
import type { LessonRunState, StepEntry, StepRecord } from './lesson-run-state.ts';

/** The lesson pane's text, and where the step being read starts and ends in it. */
export interface LessonText {
  lines: StyledLine[];
  stepStart: number;
  stepEnd: number;
  /** The step being read is the one happening now: its newest lines matter most. */
  followTail: boolean;
}

const gutterWidth = 2;

function wrap(text: string, width: number, style: Segment['style'] = 'plain'): StyledLine[] {
  return wrapSegments([segment(text, style)], { width });
}

/** Command output and manifests keep their columns: cut, not wrapped. */
function verbatim(text: string, width: number, style: Segment['style'] = 'code'): StyledLine[] {
  return text
    .replace(/\n$/, '')
    .split('\n')
    .map((line) => truncateLine([segment(line, style)], width));
}

const statusMarks: Record<StepRecord['status'], Segment> = {
  new: segment('○ ', 'muted'),
  ready: segment('▶ ', 'accent'),
  running: segment('◌ ', 'warn'),
  passed: segment('✓ ', 'ok'),
  failed: segment('✗ ', 'fail'),
};

function stepTitle(step: Step, variables: Readonly<Record<string, string>>): string | undefined {
  const fill = (text: string) => substitute(text, new Map(Object.entries(variables)));
  switch (step.type) {
    case 'explain':
      return undefined;
    case 'apply':
      return `Apply ${step.files.join(', ')}`;
    case 'wait':
      switch (step.for.kind) {
        case 'pods':
          return `Wait for ${step.for.ready} ready ${step.for.ready === 1 ? 'pod' : 'pods'} (${step.for.selector})`;
        case 'endpoints':
          return `Wait for ${step.for.ready} ready ${step.for.ready === 1 ? 'endpoint' : 'endpoints'} of svc/${step.for.service}`;
        case 'loadBalancer':
          return `Wait for svc/${step.for.service} to get a load balancer address`;
        case 'ingress':
          return `Wait for ingress/${step.for.ingress} to get an address`;
      }
      return 'Wait';
    case 'probe': {
      const from =
        step.from.kind === 'machine' ? 'your machine' : `${step.from.kind}/${step.from.name}`;
      return `Send ${step.count} ${step.count === 1 ? 'request' : 'requests'} to ${fill(step.url)} from ${from}`;
    }
    case 'kubectl':
      return `kubectl ${fill(step.command)}`;
    case 'quiz':
      return 'Quiz';
    case 'challenge':
      return 'Challenge';
    case 'tlsSecret':
      return `Create secret/${step.name} with a self-signed certificate for ${step.hosts.join(', ')}`;
  }
}

function entryLines(entry: StepEntry, width: number): StyledLine[] {
  switch (entry.kind) {
    case 'command':
      return wrapSegments([segment('$ ', 'muted'), segment(entry.text, 'code')], {
        width,
        restPrefix: [segment('  ')],
      });
    case 'output':
      return verbatim(entry.text, width, 'plain');
    case 'manifest':
      return [
        [segment(`# ${entry.file}`, 'yaml-comment')],
        ...entry.text
          .replace(/\n$/, '')
          .split('\n')
          .map((line) => truncateLine(highlightYamlLine(line), width)),
      ];
    case 'applied':
      return [
        ...entry.warnings.map((warning) =>
          truncateLine([segment(`Warning: ${warning}`, 'warn')], width),
        ),
        truncateLine([segment(entry.line, 'ok')], width),
      ];
    case 'apply-failed':
      return wrap(entry.line, width, 'fail');
    case 'condition': {
      const mark =
        entry.state === 'met'
          ? segment('✓ ', 'ok')
          : entry.state === 'timed-out'
            ? segment('✗ ', 'fail')
            : segment('… ', 'warn');
      const took =
        entry.elapsedMs !== undefined ? ` (${(entry.elapsedMs / 1000).toFixed(1)}s)` : '';
      return wrapSegments(
        [mark, segment(`${entry.condition}${entry.detail ? `: ${entry.detail}` : ''}${took}`)],
        {
          width,
          restPrefix: [segment('  ')],
        },
      );
    }
    case 'probe':
      return [
        ...wrapSegments([segment('$ ', 'muted'), segment(entry.command, 'code')], {
          width,
          restPrefix: [segment('  ')],
        }),
        ...wrap(entry.summary ?? `${entry.answered}/${entry.count} sent…`, width, 'muted'),
      ];
    case 'check':
      if (!entry.counts && entry.passed) return [];
      return wrapSegments(
        [
          entry.passed ? segment('✓ ', 'ok') : segment('✗ ', 'fail'),
          segment(entry.check),
          ...(entry.detail
            ? [segment(` — ${entry.detail}`, entry.passed ? 'muted' : 'plain')]
            : []),
        ],
        { width, restPrefix: [segment('  ')] },
      );
    case 'variable':
      return [
        truncateLine([segment(`${entry.name} = `, 'muted'), segment(entry.value, 'code')], width),
      ];
    case 'quiz-answer':
      return [];
    case 'hint':
      return wrapSegments(
        [segment(`Hint ${entry.index + 1}/${entry.total}: `, 'accent'), segment(entry.hint)],
        { width, restPrefix: [segment('  ')] },
      );
    case 'challenge-try':
      return wrap(
        entry.source === 'solution'
          ? 'Applying the reference solution and checking it:'
          : 'Applying your manifest and checking it:',
        width,
        'muted',
      );
    case 'challenge-verdict':
      return [
        [
          entry.passed ? segment('✓ ', 'ok') : segment('✗ ', 'fail'),
          segment(
            entry.source === 'solution'
              ? entry.passed
                ? 'The reference solution passes the check'
                : 'The reference solution does not pass the check'
              : entry.passed
                ? 'Your manifest passes the check'
                : 'Not yet: your manifest does not pass the check',
            entry.passed ? 'ok' : 'plain',
          ),
        ],
      ];
    case 'challenge-finished':
      return wrap(
        entry.outcome === 'solved'
          ? 'Challenge solved.'
          : entry.outcome === 'solution'
            ? 'Solved with the reference solution.'
            : 'Challenge skipped.',
        width,
        entry.passed ? 'ok' : 'muted',
      );
    case 'note':
      return wrap(entry.text, width, 'muted');
  }
}

function quizLines(step: Extract<Step, { type: 'quiz' }>, record: StepRecord, width: number) {
  const lines: StyledLine[] = [...wrap(step.question, width, 'strong')];
  const answer = record.entries.find((entry) => entry.kind === 'quiz-answer');
  step.choices.forEach((choice, index) => {
    const chosen = answer?.kind === 'quiz-answer' && answer.choice === index;
    const right = answer !== undefined && index === step.answer;
    const style = right ? 'ok' : chosen ? 'fail' : 'plain';
    lines.push(
      ...wrapSegments([segment(`${index + 1}. `, 'accent'), segment(choice, style)], {
        width,
        firstPrefix: [segment(right ? '✓ ' : chosen ? '✗ ' : '  ', style)],
        restPrefix: [segment('     ')],
      }),
    );
  });
  if (answer?.kind === 'quiz-answer') {
    lines.push(
      [],
      ...wrap(
        answer.choice === undefined
          ? `The answer is ${step.answer + 1}.`
          : answer.correct
            ? 'Right.'
            : `Not quite: the answer is ${step.answer + 1}.`,
        width,
        answer.correct ? 'ok' : 'warn',
      ),
      ...wrap(step.explanation, width),
    );
  }
  return lines;
}

function stepLines(
  step: Step,
  record: StepRecord,
  run: LessonRunState,
  index: number,
  width: number,
): StyledLine[] {
  if (step.type === 'explain') return markdownLines(step.markdown, width);
  const lines: StyledLine[] = [];
  const title = stepTitle(step, run.variables);
  if (title)
    lines.push(
      ...wrapSegments([statusMarks[record.status], segment(title, 'strong')], {
        width,
        restPrefix: [segment('  ')],
      }),
    );
  if (step.type === 'quiz') lines.push(...quizLines(step, record, width));
  if (step.type === 'challenge') {
    lines.push(...wrap(step.task, width));
    if (run.challenge?.index === index)
      lines.push(
        ...wrapSegments(
          [segment('Your copy: ', 'muted'), segment(run.challenge.workspaceFile, 'code')],
          {
            width,
          },
        ),
      );
  }
  const conditions = new Set(
    record.entries.flatMap((entry) => (entry.kind === 'condition' ? [entry.condition] : [])),
  );
  for (const entry of record.entries) {
    // A wait's verdict repeats its condition line.
    if (entry.kind === 'check' && conditions.has(entry.check)) continue;
    lines.push(...entryLines(entry, width));
  }
  return lines;
}

/** What the learner can do at the current step, in a line. */
function promptLine(run: LessonRunState, step: Step): StyledLine | undefined {
  if (run.prompt === 'run')
    return [
      segment(
        step.type === 'explain' ? 'Press n to go on.' : 'Press ⏎ (or n) to run this step.',
        'accent',
      ),
    ];
  if (run.prompt === 'quiz')
    return [segment('Answer with a number key, or n to see the answer.', 'accent')];
  if (run.prompt === 'challenge')
    return [
      segment(
        'e: edit in $EDITOR and check · c: check · h: hint · s: solution · n: skip',
        'accent',
      ),
    ];
  return undefined;
}

function closingLines(run: LessonRunState, width: number): StyledLine[] {
  const lines: StyledLine[] = [];
  if (run.missing)
    lines.push(
      ...wrap(
        `This lesson needs ${run.missing.join(', ')}, which this runtime does not have.`,
        width,
        'warn',
      ),
    );
  if (run.error) lines.push(...wrap(`The lesson stopped: ${run.error}`, width, 'fail'));
  if (run.outcome && !run.outcome.cancelled && !run.missing) {
    lines.push([]);
    if (run.outcome.passed)
      lines.push(...wrap('Lesson complete: every check passed. Press q to leave.', width, 'ok'));
    else
      lines.push(
        ...wrap(
          `Lesson finished with ${run.outcome.failures.length} failed ${run.outcome.failures.length === 1 ? 'check' : 'checks'}:`,
          width,
          'fail',
        ),
        ...run.outcome.failures.flatMap((failure) => wrap(`• ${failure}`, width)),
      );
  }
  return lines;
}

/**
 * The lesson pane: the section of the step being read, from its heading to the furthest step
 * revealed so far (the engine's current one), each step with what happened in it. The step
 * being read has a bar in the gutter.
 */
export function lessonTextLines(run: LessonRunState, viewIndex: number, width: number): LessonText {
  const steps = run.lesson.steps;
  const inner = Math.max(10, width - gutterWidth);
  const lines: StyledLine[] = [];
  const viewed = steps[viewIndex];
  if (!viewed) {
    lines.push(...wrap(run.lesson.summary, width));
    lines.push(...closingLines(run, width));
    return { lines, stepStart: 0, stepEnd: lines.length, followTail: false };
  }
  const revealedTo = Math.max(viewIndex, run.current);
  lines.push(...wrap(viewed.section, width, 'heading'), []);
  let stepStart = lines.length;
  let stepEnd = lines.length;
  steps.forEach((step, index) => {
    if (step.section !== viewed.section || index > revealedTo) return;
    const record = run.steps[index]!;
    const body = stepLines(step, record, run, index, inner);
    if (index === run.current && record.status === 'ready') {
      const prompt = promptLine(run, step);
      if (prompt) body.push(prompt);
    } else if (index === run.current && (run.prompt === 'quiz' || run.prompt === 'challenge')) {
      const prompt = promptLine(run, step);
      if (prompt) body.push(prompt);
    }
    const gutter: Segment =
      index === viewIndex ? segment('▌ ', 'accent') : segment(' '.repeat(gutterWidth));
    if (index === viewIndex) stepStart = lines.length;
    for (const line of body) lines.push([gutter, ...line]);
    if (index === viewIndex) stepEnd = lines.length;
    lines.push([]);
  });
  const next = steps[run.current];
  if (next && next.section !== viewed.section && run.current > viewIndex && run.prompt === 'run') {
    const lastOfSection = steps.findLastIndex((step) => step.section === viewed.section);
    if (viewIndex === lastOfSection) {
      lines.push([
        segment('Next: ', 'accent'),
        segment(next.section, 'strong'),
        segment(' — press n.', 'accent'),
      ]);
      stepEnd = lines.length;
    }
  }
  if (viewIndex === steps.length - 1 || run.phase === 'finished' || run.error || run.missing) {
    lines.push(...closingLines(run, width));
    // The verdict belongs with the last step: scrolling to it shows both.
    if (viewIndex === steps.length - 1) stepEnd = lines.length;
  }
  const status = run.steps[viewIndex]?.status;
  const followTail = viewIndex === run.current && (status === 'running' || run.prompt !== 'run');
  return { lines, stepStart, stepEnd, followTail };
}

/**
 * Where the lesson pane scrolls by itself: the step being read in view with what came before
 * it; when that step is long, its start — or, while it is happening, its newest lines.
 */
export function autoOffset(text: LessonText, height: number): number {
  const tail = Math.max(0, text.stepEnd - height);
  return text.followTail ? tail : Math.min(text.stepStart, tail);
}
