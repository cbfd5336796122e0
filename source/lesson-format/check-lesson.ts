import { existsSync, statSync } from 'node:fs';
import { join, normalize } from 'node:path';
import { parseKubectl } from '../kubectl/kubectl-arguments.ts';
import type {
  Lesson,
  LessonProblem,
  ProbeStep,
  SourcePosition,
  Step,
  TlsSecretStep,
} from './lesson-types.ts';
import { lessonFolders, loadLesson } from './load-lesson.ts';
import { OfflineAdmission } from './manifest-check.ts';
import { type ManifestObject, readManifest } from './manifest-file.ts';
import { tlsSecretManifest } from './tls-secret-manifest.ts';
import { variablesIn } from './variables.ts';

export interface CheckedLesson {
  lesson?: Lesson;
  problems: LessonProblem[];
}

/** Loads and checks every lesson under `root`; problems come sorted by file and line. */
export function checkLessons(root: string): CheckedLesson[] {
  const checked = lessonFolders(root).map((folder) => checkLesson(root, folder));
  const ids = new Map<string, string>();
  for (const { lesson, problems } of checked) {
    if (!lesson) continue;
    const other = ids.get(lesson.id);
    if (other)
      problems.push({
        file: `${lesson.folder}/README.md`,
        line: 1,
        message: `lesson id "${lesson.id}" is also used by ${other}`,
      });
    ids.set(lesson.id, lesson.folder);
  }
  return checked;
}

/** Everything wrong with one lesson: its format, its files, its manifests, its references. */
export function checkLesson(root: string, folder: string): CheckedLesson {
  const { lesson, problems } = loadLesson(root, folder);
  if (!lesson) return { problems };
  new LessonChecker(lesson, problems).run();
  problems.sort((a, b) => a.file.localeCompare(b.file) || a.line - b.line);
  return { lesson, problems };
}

const builtInVariables = ['namespace'];
const kindNeeds: Record<string, string> = {
  Ingress: 'ingress',
  Gateway: 'gateway',
  HTTPRoute: 'gateway',
};

class LessonChecker {
  private readonly admission: OfflineAdmission;
  private readonly manifests = new Map<string, ManifestObject[] | undefined>();
  private readonly variables = new Set(builtInVariables);
  private readonly pods = new Set<string>();
  private readonly ids = new Map<string, SourcePosition>();

  constructor(
    private readonly lesson: Lesson,
    private readonly problems: LessonProblem[],
  ) {
    this.admission = new OfflineAdmission(lesson.namespace);
  }

  run(): void {
    for (const step of this.lesson.steps) this.checkStep(step);
  }

  private report(at: SourcePosition, message: string): void {
    this.problems.push({ file: at.file, line: at.line, message });
  }

  private checkStep(step: Step): void {
    const seen = this.ids.get(step.id);
    if (seen) this.report(step.at, `step id "${step.id}" is already used on line ${seen.line}`);
    else this.ids.set(step.id, step.at);
    switch (step.type) {
      case 'explain':
        return;
      case 'apply':
        for (const file of step.files) {
          const objects = this.manifest(step.at, file, step.expectError === undefined);
          for (const { object } of objects ?? []) this.notePod(object);
        }
        return;
      case 'wait':
        if (step.save) this.variables.add(step.save);
        return;
      case 'probe':
        this.checkProbe(step);
        return;
      case 'kubectl': {
        this.checkVariables(step.at, step.command);
        const parsed = parseKubectl(step.command);
        if ('error' in parsed) this.report(step.at, `kubectl ${step.command}: ${parsed.error}`);
        if (step.save) this.variables.add(step.save);
        return;
      }
      case 'quiz':
        return;
      case 'tlsSecret':
        this.checkTlsSecret(step);
        return;
      case 'challenge': {
        const start =
          step.startError === undefined
            ? this.manifest(step.at, step.start, true)
            : this.refusedStart(step.at, step.start, step.startError);
        const solution = this.manifest(step.at, step.solution, true);
        for (const { object } of [...(start ?? []), ...(solution ?? [])]) this.notePod(object);
        if (start && solution) {
          const names = (objects: ManifestObject[]) =>
            objects
              .map(({ object }) => `${object.kind}/${object.metadata?.name}`)
              .sort()
              .join(', ');
          if (names(start) !== names(solution))
            this.report(
              step.at,
              `the start (${names(start)}) and the solution (${names(solution)}) must hold the same objects`,
            );
        }
        for (const check of step.check) {
          if (check.type === 'probe') this.checkProbe(check);
          else if (check.save) this.variables.add(check.save);
        }
        return;
      }
    }
  }

  /**
   * A start the API server is meant to refuse: its YAML must hold objects, and if the offline
   * check finds problems (it cannot see refusals that depend on the cluster's state), one of
   * them must be the refusal the lesson promises — others are mistakes.
   */
  private refusedStart(
    at: SourcePosition,
    name: string,
    startError: string,
  ): ManifestObject[] | undefined {
    const objects = this.manifest(at, name, false);
    const file = `${this.lesson.folder}/${normalize(name)}`;
    const problems = (objects ?? []).flatMap((manifest) => this.admission.check(manifest, file));
    if (problems.length > 0 && !problems.some((problem) => problem.message.includes(startError)))
      this.problems.push(...problems);
    return objects;
  }

  /** The Secret a tlsSecret step makes must be one the API server admits (its name, mostly). */
  private checkTlsSecret(step: TlsSecretStep): void {
    const placeholder = { certPem: 'certificate', keyPem: 'key' };
    const manifest: ManifestObject = {
      object: tlsSecretManifest(step.name, placeholder),
      line: step.at.line,
      lineOf: () => step.at.line,
    };
    this.problems.push(...this.admission.check(manifest, step.at.file));
  }

  private checkProbe(step: ProbeStep): void {
    this.checkVariables(
      step.at,
      step.url,
      ...Object.values(step.headers),
      ...(step.resolveTo ? [step.resolveTo] : []),
      ...(step.expect.bodyContains !== undefined ? [step.expect.bodyContains] : []),
      ...(step.expect.body !== undefined ? [step.expect.body] : []),
    );
    if (step.from.kind === 'pod' && !this.pods.has(step.from.name))
      this.report(
        step.at,
        `probe from pod/${step.from.name}, but no earlier step applies a Pod named "${step.from.name}"`,
      );
  }

  private checkVariables(at: SourcePosition, ...texts: string[]): void {
    for (const text of texts) {
      for (const name of variablesIn(text)) {
        if (!this.variables.has(name))
          this.report(at, `\${${name}} is not defined by an earlier step's save`);
      }
    }
  }

  private notePod(object: { kind?: string; metadata?: { name?: string } }): void {
    if (object.kind === 'Pod' && object.metadata?.name) this.pods.add(object.metadata.name);
  }

  /** Reads (once) and checks a manifest file named by a step. */
  private manifest(
    at: SourcePosition,
    name: string,
    validate: boolean,
  ): ManifestObject[] | undefined {
    const relative = normalize(name);
    if (relative.startsWith('..') || relative.startsWith('/')) {
      this.report(at, `${name}: manifests must live inside the lesson folder`);
      return undefined;
    }
    const path = join(this.lesson.directory, relative);
    const file = `${this.lesson.folder}/${relative}`;
    const key = `${relative}\0${validate}`;
    if (this.manifests.has(key)) return this.manifests.get(key);
    if (!existsSync(path) || !statSync(path).isFile()) {
      this.report(at, `missing file ${name}`);
      this.manifests.set(key, undefined);
      return undefined;
    }
    const before = this.problems.length;
    const objects = readManifest(path, file, this.problems);
    if (objects && objects.length === 0 && this.problems.length === before)
      this.report(at, `${name} holds no objects`);
    if (objects && validate) {
      for (const manifest of objects) {
        this.problems.push(...this.admission.check(manifest, file));
        this.checkNeeds(manifest, file);
      }
    }
    this.manifests.set(key, objects);
    return objects;
  }

  private checkNeeds(manifest: ManifestObject, file: string): void {
    const { object } = manifest;
    const need =
      object.kind === 'Service' && object.spec?.type === 'LoadBalancer'
        ? 'loadBalancer'
        : kindNeeds[object.kind];
    if (need && !(this.lesson.needs as string[]).includes(need))
      this.problems.push({
        file,
        line: manifest.line,
        message: `a ${object.kind === 'Service' ? 'LoadBalancer Service' : object.kind} needs "${need}" in the lesson's needs`,
      });
  }
}
