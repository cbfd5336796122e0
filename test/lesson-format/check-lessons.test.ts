import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { checkLessons } from '../../source/lesson-format/check-lesson.ts';
import { bundledLessonsDirectory } from '../../source/lesson-format/lesson-catalog.ts';
import { formatProblem } from '../../source/lesson-format/lesson-types.ts';
import { projectRoot, startCli } from '../cli/run-cli.ts';

const fixtures = join(projectRoot, 'test/fixtures/lessons');
/** One line per problem the broken fixtures hold, each at the line that has the mistake. */
const expected = readFileSync(join(fixtures, 'expected-problems.txt'), 'utf8').trim().split('\n');

describe('the lesson checker', () => {
  it('reports each broken fixture with the right file:line and message', () => {
    const problems = checkLessons(fixtures).flatMap((lesson) => lesson.problems.map(formatProblem));
    expect(problems).toEqual(expected);
  });

  it('finds a mistake in every fixture lesson', () => {
    const checked = checkLessons(fixtures);
    for (const lesson of checked) expect(lesson.problems.length).toBeGreaterThan(0);
    expect(checked.length).toBeGreaterThanOrEqual(18);
  });

  it('passes the bundled lessons', () => {
    const checked = checkLessons(bundledLessonsDirectory());
    expect(checked.flatMap((lesson) => lesson.problems.map(formatProblem))).toEqual([]);
    expect(checked.map((lesson) => lesson.lesson?.id)).toContain('clusterip');
  });

  it('is the `lessons --check` command: problems on stdout, exit 1', async () => {
    const result = await startCli(['lessons', '--check', fixtures]);
    expect(result.exitCode).toBe(1);
    expect(result.stdout.split('\n').slice(0, expected.length)).toEqual(expected);
    expect(result.stdout).toContain(`${expected.length} problems in 18 of 18 lessons.`);
    const clean = await startCli(['lessons', '--check']);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toMatch(/^\d+ lessons checked: no problems\.$/m);
  });
});
