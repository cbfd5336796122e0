import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ClusterApiError } from '../cluster/cluster.ts';
import { qualifiedType } from '../kubectl/kubectl-arguments.ts';
import type { ApplyStep, LessonProblem } from '../lesson-format/lesson-types.ts';
import { readManifest } from '../lesson-format/manifest-file.ts';
import { shellCommand } from '../probe/shell-words.ts';
import type { Json } from '../sandbox/api/kube-object.ts';
import { resourceForKind } from '../sandbox/resources/catalog.ts';
import type { StepContext } from './step-context.ts';

/** A manifest to apply: where it is, and how the transcript names it. */
export interface ManifestFile {
  path: string;
  shown: string;
}

export interface ApplyResult {
  /** Every object was applied. */
  applied: boolean;
  /** kubectl's error lines, for objects the server refused. */
  errors: string[];
}

export async function runApplyStep(step: ApplyStep, ctx: StepContext): Promise<boolean> {
  const files = step.files.map((file) => ({ path: join(ctx.lesson.directory, file), shown: file }));
  const result = await applyManifests(ctx, files, { show: step.show });
  if (step.expectError !== undefined) {
    const text = step.expectError;
    const refused = !result.applied && result.errors.some((line) => line.includes(text));
    return ctx.judge(
      `the apply is refused: "${text}"`,
      refused,
      result.applied ? 'every object was applied' : refused ? '' : result.errors.join('\n'),
    );
  }
  if (!result.applied)
    return ctx.judge(
      `kubectl apply -f ${step.files.join(' -f ')}`,
      false,
      result.errors.join('\n'),
    );
  return true;
}

/**
 * `kubectl apply --server-side` of manifest files into the lesson's namespace, reported as
 * kubectl reports it: a line per object, warnings first, errors as the server words them.
 */
export async function applyManifests(
  ctx: StepContext,
  files: ManifestFile[],
  options: { show: boolean },
): Promise<ApplyResult> {
  const objects: { object: Json; file: ManifestFile }[] = [];
  const errors: string[] = [];
  for (const file of files) {
    const problems: LessonProblem[] = [];
    let text = '';
    try {
      text = readFileSync(file.path, 'utf8');
    } catch {
      errors.push(`error: the path "${file.shown}" does not exist`);
      continue;
    }
    if (options.show) ctx.emit({ type: 'manifest-shown', file: file.shown, text });
    const parsed = readManifest(file.path, file.shown, problems) ?? [];
    for (const problem of problems)
      errors.push(`error: error parsing ${file.shown}: line ${problem.line}: ${problem.message}`);
    for (const { object } of parsed) objects.push({ object, file });
  }
  ctx.emit({
    type: 'command',
    command: shellCommand([
      'kubectl',
      'apply',
      '--server-side',
      '-n',
      ctx.lesson.namespace,
      ...files.flatMap((file) => ['-f', file.shown]),
    ]),
  });
  if (errors.length > 0) {
    for (const line of errors) ctx.emit({ type: 'apply-failed', file: files[0]!.shown, line });
    return { applied: false, errors };
  }
  for (const { object, file } of objects) {
    ctx.signal.throwIfAborted();
    const name = `${typeName(object)}/${object.metadata?.name ?? ''}`;
    try {
      const { object: stored, warnings } = await ctx.cluster.apply(object, {
        namespace: ctx.lesson.namespace,
        signal: ctx.signal,
      });
      ctx.emit({
        type: 'object-applied',
        ref: {
          apiVersion: stored.apiVersion,
          kind: stored.kind,
          name: stored.metadata.name ?? '',
          namespace: stored.metadata.namespace,
        },
        line: `${name} serverside-applied`,
        warnings,
      });
    } catch (error) {
      if (!(error instanceof ClusterApiError)) throw error;
      const line =
        error.reason === 'NoKindMatch'
          ? `error: resource mapping not found for name: "${object.metadata?.name ?? ''}" namespace: "${ctx.lesson.namespace}" from "${file.shown}": ${error.message}\nensure CRDs are installed first`
          : error.kubectlLine();
      errors.push(line);
      ctx.emit({ type: 'apply-failed', file: file.shown, line });
    }
  }
  return { applied: errors.length === 0, errors };
}

/** `deployment.apps`, `service`: how kubectl names an object's type in apply's output. */
function typeName(object: Json): string {
  const def = resourceForKind(object.apiVersion, object.kind);
  if (def) return qualifiedType(def);
  const group = String(object.apiVersion).includes('/')
    ? String(object.apiVersion).split('/')[0]
    : '';
  return `${String(object.kind).toLowerCase()}${group ? `.${group}` : ''}`;
}
