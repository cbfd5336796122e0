import type { LessonEvent } from '../lesson-engine/lesson-events.ts';
import { outcomeSummary, outcomeWord } from '../lesson-engine/probe-expectations.ts';
import type { ProbeRun } from '../probe/probe.ts';
import { capabilityNames } from '../runtime/runtime.ts';
import { type TextStyle, textStyle } from './text-style.ts';

export interface PlainPrinterOptions {
  color?: boolean;
  /** Runtime description for the header line. */
  runtime?: string;
}

const barWidth = 20;
const letters = 'abcdefghijklmnopqrstuvwxyz';

/**
 * Turns lesson events into a readable transcript — the projector mode: the prose, each command
 * as `$ …` with its output, kubectl's tables, every curl with the pods that answered, and a ✓ or
 * ✗ per check. Returns the listener to subscribe; `write` receives whole lines.
 */
export function plainPrinter(
  write: (text: string) => void,
  options: PlainPrinterOptions = {},
): (event: LessonEvent) => void {
  const style = textStyle(options.color ?? false);
  const line = (text = '') => write(`${text}\n`);
  let counted = { passed: 0, failed: 0 };
  let section = '';
  return (event) => {
    switch (event.type) {
      case 'lesson-started': {
        const { lesson } = event;
        counted = { passed: 0, failed: 0 };
        line(style.bold(`Lesson ${lesson.number} · ${lesson.title}`));
        line(wrap(lesson.summary, ''));
        if (options.runtime) line(style.dim(`Runtime: ${options.runtime}`));
        line(style.dim(`Namespace: ${lesson.namespace}`));
        if (event.resumedAt) line(style.dim(`Resuming at step ${event.resumedAt}`));
        section = '';
        return;
      }
      case 'needs-missing':
        line(
          style.red(
            `✗ This lesson needs ${event.missing.map((need) => capabilityNames[need]).join(' and ')}, which the ${event.runtime} runtime does not provide.`,
          ),
        );
        return;
      case 'caught-up':
        line(style.dim(`(replayed ${event.steps} earlier steps to rebuild the lesson's objects)`));
        return;
      case 'step-started': {
        const { step } = event;
        const intro = step.id === 'intro' || step.id.startsWith('intro/');
        if (step.section !== section && !intro) {
          section = step.section;
          line();
          line(style.bold(`━━ ${section} ${'━'.repeat(Math.max(3, 60 - section.length))}`));
        }
        line();
        if (step.type === 'explain') line(step.markdown);
        return;
      }
      case 'manifest-shown':
        line(style.cyan(`$ cat ${event.file}`));
        line(event.text.trimEnd());
        return;
      case 'command':
        line(style.cyan(`$ ${event.command}`));
        return;
      case 'output':
        line(event.text.replace(/\n$/, ''));
        return;
      case 'object-applied':
        for (const warning of event.warnings) line(style.yellow(`Warning: ${warning}`));
        line(event.line);
        return;
      case 'apply-failed':
        line(style.red(event.line));
        return;
      case 'waiting':
        line(style.dim(`… waiting for ${event.condition}`));
        return;
      case 'condition-progress':
        return;
      case 'condition-met':
      case 'condition-timed-out':
        // The check that follows says it, with the time taken.
        return;
      case 'probe-started':
      case 'probe-result':
        return;
      case 'probe-finished':
        printProbe(line, style, event.command, event.run, event.attempts);
        return;
      case 'check-passed':
        if (event.counts) counted.passed += 1;
        line(
          `${style.green('✓')} ${event.check}${event.detail ? style.dim(` — ${firstLine(event.detail)}`) : ''}`,
        );
        return;
      case 'check-failed': {
        if (event.counts) counted.failed += 1;
        const mark = event.counts ? style.red('✗') : style.yellow('✗');
        const note = event.counts ? '' : style.dim(' (not yet)');
        line(
          `${mark} ${event.check}${note}${event.detail ? style.dim(` — ${firstLine(event.detail)}`) : ''}`,
        );
        return;
      }
      case 'variable-saved':
        line(style.dim(`  (saved as \${${event.name}} = ${event.value || '""'})`));
        return;
      case 'quiz-shown': {
        const { quiz } = event;
        line(style.bold(wrap(`? ${quiz.question}`, '  ')));
        quiz.choices.forEach((choice, index) => {
          const answer = index === quiz.answer;
          line(
            `  ${letters[index]}) ${answer ? style.green(choice) : choice}${answer ? style.green('   ← answer') : ''}`,
          );
        });
        return;
      }
      case 'quiz-answered': {
        if (event.choice !== undefined)
          line(
            event.correct
              ? style.green('  Right.')
              : style.red(`  Not quite: you chose ${letters[event.choice]}).`),
          );
        line(
          wrap(`  Why: ${event.quiz.explanation}`, '       ').replace('Why:', style.dim('Why:')),
        );
        return;
      }
      case 'challenge-started':
        line(style.bold(wrap(`✎ Challenge: ${event.challenge.task}`, '  ')));
        line(`  Your copy to edit: ${event.workspaceFile}`);
        return;
      case 'challenge-attempt':
        line();
        line(
          event.source === 'workspace'
            ? style.dim('Checking the file in your workspace:')
            : style.dim(`Applying the reference solution (${event.challenge.solution}):`),
        );
        return;
      case 'challenge-verdict':
        if (!event.passed && event.source === 'workspace')
          line(style.dim('  Not solved yet — that is the problem to fix.'));
        return;
      case 'hint-shown':
        line(
          wrap(`Hint ${event.index + 1}/${event.total}: ${event.hint}`, '  ').replace(
            /^Hint \d+\/\d+:/,
            (label) => style.yellow(label),
          ),
        );
        return;
      case 'challenge-finished':
        if (event.outcome === 'skipped') line(style.dim('  (challenge skipped)'));
        return;
      case 'step-finished':
        return;
      case 'lesson-finished': {
        const { outcome } = event;
        line();
        line(style.bold(`━━ Result ${'━'.repeat(54)}`));
        if (outcome.cancelled) line(style.yellow('Cancelled.'));
        else if (outcome.passed) line(style.green(`✓ All ${counted.passed} checks passed.`));
        else {
          const failed = Math.max(counted.failed, outcome.failures.length);
          line(style.red(`✗ ${failed} ${failed === 1 ? 'check' : 'checks'} failed:`));
          for (const failure of outcome.failures) line(style.red(`  - ${failure}`));
        }
        return;
      }
      case 'cleanup-started':
        line(style.dim(`Cleaning up namespace ${event.namespace}…`));
        return;
      case 'cleanup-finished':
        line(style.dim(`Namespace ${event.namespace} deleted.`));
        return;
    }
  };
}

function printProbe(
  line: (text?: string) => void,
  style: TextStyle,
  command: string,
  run: ProbeRun,
  attempts: number,
): void {
  const count = run.results.length;
  const retried = attempts > 1 ? `, after ${attempts} tries` : '';
  line(
    `${style.cyan(`$ ${command}`)}${count > 1 ? style.dim(`   # × ${count}${retried}`) : retried ? style.dim(`   #${retried}`) : ''}`,
  );
  if (count === 1) {
    const [result] = run.results;
    if (!result) return;
    if (result.outcome.kind === 'response') {
      const body = result.outcome.body.trimEnd();
      const lines = body.split('\n');
      line(lines.slice(0, 8).join('\n') + (lines.length > 8 ? '\n…' : ''));
      if (result.outcome.status !== 200)
        line(
          style.dim(
            `  (HTTP ${result.outcome.status}${result.pod ? `, from pod ${result.pod}` : ''})`,
          ),
        );
      else if (result.pod && result.pod !== body.trim())
        line(style.dim(`  (answered by pod ${result.pod})`));
    } else {
      line(style.dim(`  ${outcomeWord(result.outcome)}: ${result.outcome.detail}`));
    }
    return;
  }
  const { tally } = run;
  const widest = Math.max(0, ...tally.pods.map((entry) => entry.pod.length));
  for (const { pod, hits } of tally.pods) {
    const filled = Math.round((hits / count) * barWidth);
    line(`  ${pod.padEnd(widest)}  ${'█'.repeat(filled)}${'░'.repeat(barWidth - filled)}  ${hits}`);
  }
  const others = count - tally.pods.reduce((sum, entry) => sum + entry.hits, 0);
  if (others > 0 || tally.pods.length === 0) line(style.dim(`  ${outcomeSummary(run)}`));
}

/** Folds prose at 100 columns, continuing lines with `indent`, as a terminal transcript reads. */
export function wrap(text: string, indent: string, width = 100): string {
  const lines: string[] = [];
  let current = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const leading = lines.length === 0 && current === '' ? (/^\s*/.exec(text)?.[0] ?? '') : '';
    const candidate = current === '' ? `${leading}${word}` : `${current} ${word}`;
    if (candidate.length > width && current !== '') {
      lines.push(current);
      current = `${indent}${word}`;
    } else current = candidate;
  }
  if (current) lines.push(current);
  return lines.join('\n');
}

function firstLine(text: string): string {
  const [first = '', ...rest] = text.split('\n');
  return rest.length > 0 ? `${first} …` : first;
}
