import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isScalar, isSeq } from 'yaml';
import {
  type Capability,
  capabilities,
  type Lesson,
  type LessonProblem,
  type Step,
} from './lesson-types.ts';
import { slugOf, splitMarkdown } from './markdown-blocks.ts';
import { parseStep } from './parse-step.ts';
import { YamlFields } from './yaml-fields.ts';

/** The Markdown file of a lesson folder: README.md, so GitHub shows it when the folder opens. */
export const lessonFileName = 'README.md';
/** `02-clusterip` → number `02`, id `clusterip`. */
export const lessonFolderPattern = /^(\d+)-([a-z0-9]([-a-z0-9]*[a-z0-9])?)$/;

/** Every lesson folder under `root` (`<number>-<id>`), in curriculum order. */
export function lessonFolders(root: string): string[] {
  return readdirSync(root)
    .filter((name) => !name.startsWith('.') && statSync(join(root, name)).isDirectory())
    .sort();
}

export interface LoadedLesson {
  /** Undefined when the lesson cannot be run at all (no README, unreadable front matter). */
  lesson?: Lesson;
  problems: LessonProblem[];
}

const frontMatterFields = ['id', 'title', 'summary', 'needs', 'namespace'] as const;

/**
 * Reads `root/folder/README.md` into a Lesson, reporting every format problem with its line.
 * Manifests and cross-step references are checked separately (check-lesson.ts).
 */
export function loadLesson(root: string, folder: string): LoadedLesson {
  const problems: LessonProblem[] = [];
  const file = `${folder}/${lessonFileName}`;
  const folderMatch = lessonFolderPattern.exec(folder);
  if (!folderMatch) {
    problems.push({
      file: folder,
      line: 1,
      message: 'a lesson folder is named <number>-<id>, e.g. 02-clusterip',
    });
    return { problems };
  }
  let text: string;
  try {
    text = readFileSync(join(root, folder, lessonFileName), 'utf8');
  } catch {
    problems.push({ file, line: 1, message: `missing ${lessonFileName}` });
    return { problems };
  }
  const split = splitMarkdown(text);
  if (!split.frontMatter) {
    problems.push({
      file,
      line: 1,
      message: 'missing front matter (--- id, title, summary, needs --- at the top)',
    });
    return { problems };
  }
  const front = new YamlFields(file, split.frontMatter.text, split.frontMatter.line, problems);
  const fields = front.root ? front.fields(front.root, 'the front matter') : undefined;
  if (!fields) return { problems };
  const values: Partial<Record<(typeof frontMatterFields)[number], unknown>> = {};
  for (const field of fields) {
    if (!(frontMatterFields as readonly string[]).includes(field.key)) {
      front.report(
        field.keyLine,
        `unknown front matter field "${field.key}" (it takes: ${frontMatterFields.join(', ')})`,
      );
      continue;
    }
    if (field.key === 'needs') {
      const none =
        (isScalar(field.value) && field.value.value === null) ||
        (isSeq(field.value) && field.value.items.length === 0);
      const needs = none ? [] : front.stringList(field);
      for (const need of needs ?? []) {
        if (!(capabilities as readonly string[]).includes(need))
          front.report(
            field.valueLine,
            `unknown need "${need}" (expected one of ${capabilities.join(', ')})`,
          );
      }
      values.needs = needs;
    } else values[field.key as 'id'] = front.string(field);
  }
  const frontLine = split.frontMatter.line;
  for (const key of ['id', 'title', 'summary'] as const) {
    if (values[key] === undefined && !fields.some((f) => f.key === key))
      problems.push({ file, line: frontLine, message: `the front matter needs ${key}` });
  }
  const id = values.id as string | undefined;
  if (id !== undefined && id !== folderMatch[2]) {
    const line = fields.find((f) => f.key === 'id')!.valueLine;
    problems.push({
      file,
      line,
      message: `id "${id}" does not match the folder name ${folder} (expected "${folderMatch[2]}")`,
    });
  }
  const namespace = (values.namespace as string | undefined) ?? id ?? folderMatch[2]!;
  if (!/^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/.test(namespace) || namespace.length > 63)
    problems.push({
      file,
      line: frontLine,
      message: `namespace "${namespace}" is not a valid namespace name (a DNS label)`,
    });

  const steps = stepsOf(file, split, problems);
  return {
    lesson: {
      id: folderMatch[2]!,
      number: folderMatch[1]!,
      folder,
      directory: join(root, folder),
      title: (values.title as string | undefined) ?? split.title ?? folder,
      summary: (values.summary as string | undefined) ?? '',
      needs: ((values.needs as string[] | undefined) ?? []).filter((need): need is Capability =>
        (capabilities as readonly string[]).includes(need),
      ),
      namespace,
      steps,
    },
    problems,
  };
}

function stepsOf(
  file: string,
  split: ReturnType<typeof splitMarkdown>,
  problems: LessonProblem[],
): Step[] {
  const steps: Step[] = [];
  let section = split.title ?? 'Introduction';
  let slug = 'intro';
  let inSection = 0;
  const nextId = () => {
    inSection += 1;
    return inSection === 1 ? slug : `${slug}/${inSection}`;
  };
  for (const block of split.blocks) {
    switch (block.type) {
      case 'heading':
        section = block.title;
        slug = slugOf(block.title) || `section-${block.line}`;
        inSection = 0;
        break;
      case 'prose':
        steps.push({
          type: 'explain',
          id: nextId(),
          section,
          at: { file, line: block.line },
          markdown: block.markdown,
        });
        break;
      case 'unclosed-step':
        problems.push({ file, line: block.line, message: 'a step block is never closed (```)' });
        break;
      case 'step': {
        const before = problems.length;
        const yaml = new YamlFields(file, block.yaml, block.contentLine, problems);
        if (!yaml.root) {
          // Either invalid YAML (already reported) or nothing at all.
          if (problems.length === before)
            problems.push({ file, line: block.line, message: 'empty step block' });
          break;
        }
        const step = parseStep(yaml, yaml.root, {
          section,
          defaultId: nextId(),
          line: block.contentLine,
        });
        if (step) steps.push(step);
        break;
      }
    }
  }
  return steps;
}
