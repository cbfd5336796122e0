import { stringify } from 'yaml';
import type { Cluster } from '../cluster/cluster.ts';
import { ClusterApiError } from '../cluster/cluster.ts';
import { formatLabels } from '../render/label-format.ts';
import { rendererFor } from '../render/renderers.ts';
import type { Json, KubeObject } from '../sandbox/api/kube-object.ts';
import type { ResourceDefinition } from '../sandbox/resources/resource-definition.ts';
import { evaluateJsonPath } from './json-path.ts';
import {
  apiVersionOf,
  type DeleteCommand,
  type GetCommand,
  type KubectlCommand,
  qualifiedType,
  type ScaleCommand,
} from './kubectl-arguments.ts';
import { formatTable } from './kubectl-table.ts';

export interface KubectlResult {
  /** What kubectl would print, stdout and stderr interleaved as a terminal shows them. */
  output: string;
  /** Only the objects' output (for `save`), without warnings or "No resources found". */
  stdout: string;
  exitCode: number;
}

export interface KubectlContext {
  cluster: Cluster;
  /** The namespace a command without `-n` uses (the lesson's). */
  namespace: string;
  signal?: AbortSignal;
  now?: () => Date;
  /** How long `delete` waits for the objects to be gone. */
  deleteTimeoutMs?: number;
}

export async function runKubectl(
  command: KubectlCommand,
  context: KubectlContext,
): Promise<KubectlResult> {
  try {
    switch (command.verb) {
      case 'get':
        return await runGet(command, context);
      case 'delete':
        return await runDelete(command, context);
      case 'scale':
        return await runScale(command, context);
    }
  } catch (error) {
    if (error instanceof ClusterApiError)
      return { output: error.kubectlLine(), stdout: '', exitCode: 1 };
    throw error;
  }
}

function namespaceOf(
  type: ResourceDefinition,
  command: { namespace?: string; allNamespaces?: boolean },
  context: KubectlContext,
): string | undefined {
  if (!type.namespaced || command.allNamespaces) return undefined;
  return command.namespace ?? context.namespace;
}

async function runGet(command: GetCommand, context: KubectlContext): Promise<KubectlResult> {
  const errors: string[] = [];
  const found: { type: ResourceDefinition; objects: KubeObject[]; named: boolean }[] = [];
  for (const { type, names } of command.targets) {
    const ref = { apiVersion: apiVersionOf(type), kind: type.kind };
    const namespace = namespaceOf(type, command, context);
    if (names.length > 0) {
      const objects: KubeObject[] = [];
      for (const name of names) {
        const object = await context.cluster.get({ ...ref, name, namespace }, context);
        if (object) objects.push({ ...object, apiVersion: ref.apiVersion, kind: ref.kind });
        else
          errors.push(
            `Error from server (NotFound): ${type.group ? `${type.plural}.${type.group}` : type.plural} "${name}" not found`,
          );
      }
      found.push({ type, objects, named: true });
    } else {
      const objects = await context.cluster.list(
        { ...ref, namespace, labelSelector: command.selector },
        context,
      );
      found.push({ type, objects, named: false });
    }
  }
  const total = found.reduce((sum, entry) => sum + entry.objects.length, 0);
  const stdout = printObjects(command, found, context.now?.() ?? new Date());
  const lines: string[] = [];
  if (stdout) lines.push(stdout);
  if (total === 0 && errors.length === 0) {
    const namespace = command.allNamespaces ? undefined : (command.namespace ?? context.namespace);
    const anyNamespaced = command.targets.some((target) => target.type.namespaced);
    lines.push(
      anyNamespaced && namespace
        ? `No resources found in ${namespace} namespace.`
        : 'No resources found',
    );
  }
  lines.push(...errors);
  return { output: lines.join('\n'), stdout, exitCode: errors.length > 0 ? 1 : 0 };
}

function printObjects(
  command: GetCommand,
  found: { type: ResourceDefinition; objects: KubeObject[]; named: boolean }[],
  now: Date,
): string {
  const objects = found.flatMap((entry) => entry.objects);
  const single = found.length === 1 && found[0]!.named && objects.length === 1;
  switch (command.output.kind) {
    case 'yaml':
      return stringify(sortedKeys(asOutput(objects, single))).trimEnd();
    case 'json':
      return JSON.stringify(sortedKeys(asOutput(objects, single)), null, 4);
    case 'jsonpath':
      return evaluateJsonPath(command.output.template, asOutput(objects, single));
    case 'name':
      return found
        .flatMap(({ type, objects }) =>
          objects.map((object) => `${qualifiedType(type)}/${object.metadata.name}`),
        )
        .join('\n');
    case 'table': {
      const wide = command.output.wide;
      const prefixKind = found.length > 1;
      return found
        .filter((entry) => entry.objects.length > 0)
        .map(({ type, objects }) => tableOf(type, objects, { wide, prefixKind, now, command }))
        .join('\n\n');
    }
  }
}

function tableOf(
  type: ResourceDefinition,
  objects: KubeObject[],
  options: { wide: boolean; prefixKind: boolean; now: Date; command: GetCommand },
): string {
  const renderer = rendererFor(type.id);
  const shown = renderer.columns
    .map((column, index) => ({ column, index }))
    .filter(({ column }) => options.wide || column.priority === 0);
  const headers = shown.map(({ column }) => column.name.toUpperCase());
  if (options.command.allNamespaces && type.namespaced) headers.unshift('NAMESPACE');
  if (options.command.showLabels) headers.push('LABELS');
  const rows = objects.map((object) => {
    const cells = renderer.cells(object, options.now);
    const row = shown.map(({ index }) => cellText(cells[index]));
    if (options.prefixKind) row[0] = `${qualifiedType(type)}/${row[0]}`;
    if (options.command.allNamespaces && type.namespaced)
      row.unshift(object.metadata.namespace ?? '');
    if (options.command.showLabels) row.push(formatLabels(object.metadata.labels));
    return row;
  });
  return formatTable(headers, rows);
}

function cellText(cell: string | number | boolean | null | undefined): string {
  if (cell === null || cell === undefined) return '<none>';
  return String(cell);
}

/** kubectl hides managedFields unless asked, and wraps several objects in a List. */
function asOutput(objects: KubeObject[], single: boolean): Json {
  const cleaned = objects.map((object) => {
    const { managedFields: _hidden, ...metadata } = object.metadata;
    return { ...object, metadata };
  });
  if (single) return cleaned[0]!;
  return { apiVersion: 'v1', items: cleaned, kind: 'List', metadata: { resourceVersion: '' } };
}

/** kubectl prints objects decoded into maps, so keys come out sorted. */
function sortedKeys(value: unknown): Json {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.keys(value)
        .sort()
        .map((key) => [key, sortedKeys((value as Json)[key])]),
    );
  }
  return value as Json;
}

async function runDelete(command: DeleteCommand, context: KubectlContext): Promise<KubectlResult> {
  const apiVersion = apiVersionOf(command.type);
  const namespace = namespaceOf(command.type, command, context);
  let names = command.names;
  if (command.selector) {
    const objects = await context.cluster.list(
      { apiVersion, kind: command.type.kind, namespace, labelSelector: command.selector },
      context,
    );
    names = objects.map((object) => object.metadata.name!);
    if (names.length === 0) {
      const output = namespace
        ? `No resources found in ${namespace} namespace.`
        : 'No resources found';
      return { output, stdout: '', exitCode: 0 };
    }
  }
  const lines: string[] = [];
  const deleted: string[] = [];
  let failed = false;
  for (const name of names) {
    const ref = { apiVersion, kind: command.type.kind, name, namespace };
    if (await context.cluster.delete(ref, context)) {
      deleted.push(name);
      lines.push(
        `${qualifiedType(command.type)} "${name}" deleted${namespace ? ` from ${namespace} namespace` : ''}`,
      );
    } else {
      failed = true;
      lines.push(
        `Error from server (NotFound): ${command.type.group ? `${command.type.plural}.${command.type.group}` : command.type.plural} "${name}" not found`,
      );
    }
  }
  if (command.wait) {
    for (const name of deleted) {
      const ref = { apiVersion, kind: command.type.kind, name, namespace };
      const gone = await context.cluster.waitFor(
        { type: 'gone', ref },
        { timeoutMs: context.deleteTimeoutMs ?? 60_000, signal: context.signal },
      );
      if (!gone.met && !gone.cancelled) {
        lines.push(`error: timed out waiting for the condition on ${command.type.plural}/${name}`);
        failed = true;
      }
    }
  }
  const output = lines.join('\n');
  return { output, stdout: output, exitCode: failed ? 1 : 0 };
}

async function runScale(command: ScaleCommand, context: KubectlContext): Promise<KubectlResult> {
  const ref = {
    apiVersion: apiVersionOf(command.type),
    kind: command.type.kind,
    name: command.name,
    namespace: namespaceOf(command.type, command, context),
  };
  await context.cluster.patch(ref, { spec: { replicas: command.replicas } }, context);
  const output = `${qualifiedType(command.type)}/${command.name} scaled`;
  return { output, stdout: output, exitCode: 0 };
}
