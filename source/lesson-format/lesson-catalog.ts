import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Lesson } from './lesson-types.ts';
import { lessonFolderPattern, lessonFolders, loadLesson } from './load-lesson.ts';

/**
 * The `lessons/` folder that ships with the tutor: beside package.json, found by walking up
 * from this module (source/lesson-format/ in development, dist/ once bundled).
 */
export function bundledLessonsDirectory(from = fileURLToPath(import.meta.url)): string {
  let directory = dirname(from);
  for (;;) {
    const candidate = join(directory, 'lessons');
    if (existsSync(join(directory, 'package.json')) && existsSync(candidate)) return candidate;
    const parent = dirname(directory);
    if (parent === directory) throw new Error('cannot find the lessons folder');
    directory = parent;
  }
}

/** Every lesson that loads, in curriculum order (broken ones are the checker's business). */
export function listLessons(root: string): Lesson[] {
  return lessonFolders(root)
    .filter((folder) => lessonFolderPattern.test(folder))
    .map((folder) => loadLesson(root, folder).lesson)
    .filter((lesson): lesson is Lesson => lesson !== undefined);
}

/** A lesson by id (`clusterip`), folder (`02-clusterip`) or number (`2`, `02`). */
export function findLesson(lessons: readonly Lesson[], name: string): Lesson | undefined {
  return lessons.find(
    (lesson) =>
      lesson.id === name ||
      lesson.folder === name ||
      (/^\d+$/.test(name) && Number(lesson.number) === Number(name)),
  );
}
