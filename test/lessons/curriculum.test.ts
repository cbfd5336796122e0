import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runLessonCommand } from '../../source/cli/commands/run-command.ts';
import { bundledLessonsDirectory, listLessons } from '../../source/lesson-format/lesson-catalog.ts';
import { tempDirectory } from '../support/temp-directory.ts';
import { textSink } from '../support/text-sink.ts';

/** Every lesson folder, so a new lesson is covered the moment it is added. */
const lessons = listLessons(bundledLessonsDirectory());

describe('every lesson passes run --plain on the sandbox', () => {
  it('finds the lessons', () => {
    expect(lessons.map((lesson) => lesson.id)).toContain('pods-are-islands');
  });

  it.each(lessons.map((lesson) => [lesson.folder, lesson.id]))(
    '%s',
    async (_folder, id) => {
      const state = tempDirectory('expose-tutor-curriculum-');
      const stdout = textSink();
      const stderr = textSink();
      const exitCode = await runLessonCommand(
        id,
        { plain: true, runtime: 'sandbox', pace: '0.05' },
        { stdout, stderr, env: { NO_COLOR: '1' }, stateDirectory: state },
      );
      const transcript = `${stdout.text()}${stderr.text()}`;
      expect(exitCode, transcript).toBe(0);
      expect(transcript).toMatch(/✓ All \d+ checks passed\./);
      // The only ✗ lines are a challenge's first try, on its unfixed manifest.
      const crosses = transcript.split('\n').filter((line) => line.startsWith('✗'));
      for (const line of crosses) expect(line).toContain('(not yet)');
      // No colour when NO_COLOR is set (and the stream is no terminal anyway).
      expect(transcript).not.toContain('\u001b[');
      const progress = JSON.parse(readFileSync(join(state, 'progress.json'), 'utf8'));
      expect(progress.lessons[id]).toMatchObject({ status: 'done' });
    },
    90_000,
  );
});
