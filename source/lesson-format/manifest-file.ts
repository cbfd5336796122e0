import { readFileSync } from 'node:fs';
import {
  type Document,
  isMap,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type Pair,
  parseAllDocuments,
  type YAMLMap,
} from 'yaml';
import type { Json } from '../sandbox/api/kube-object.ts';
import type { LessonProblem } from './lesson-types.ts';

/** One object of a manifest file, with where it starts. */
export interface ManifestObject {
  object: Json;
  line: number;
  /** The line of a field path (`spec.ports[0].port`), or of its deepest existing parent. */
  lineOf(path: string): number;
}

/**
 * Reads every YAML document of a manifest file. Invalid YAML and documents that are not
 * objects with apiVersion, kind and metadata.name are reported; the rest are returned.
 */
export function readManifest(
  path: string,
  file: string,
  problems: LessonProblem[],
): ManifestObject[] | undefined {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    return undefined;
  }
  const lines = new LineCounter();
  const documents = parseAllDocuments(text, { lineCounter: lines, prettyErrors: false });
  if (!Array.isArray(documents)) return [];
  const objects: ManifestObject[] = [];
  const lineAt = (node: Node | null | undefined, fallback: number) =>
    node?.range ? lines.linePos(node.range[0]).line : fallback;
  for (const document of documents as Document[]) {
    const [error] = document.errors;
    if (error) {
      // The first error is the one to fix; the rest usually follow from it.
      problems.push({
        file,
        line: lines.linePos(error.pos[0]).line,
        message: `invalid YAML: ${error.message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '')}`,
      });
      continue;
    }
    const root = document.contents as Node | null;
    if (root === null) continue;
    const line = lineAt(root, 1);
    if (!isMap(root)) {
      problems.push({ file, line, message: 'a manifest document must be a Kubernetes object' });
      continue;
    }
    const object = document.toJS() as Json;
    const missing = ['apiVersion', 'kind'].filter((key) => typeof object[key] !== 'string');
    if (missing.length > 0) {
      problems.push({ file, line, message: `the object has no ${missing.join(' or ')}` });
      continue;
    }
    objects.push({
      object,
      line,
      lineOf: (fieldPath) => lineOfPath(root as YAMLMap, fieldPath, (node) => lineAt(node, line)),
    });
  }
  return objects;
}

/** `spec.ports[0].targetPort` → the line of that key, or of the deepest part that exists. */
function lineOfPath(
  root: YAMLMap,
  fieldPath: string,
  lineAt: (node: Node | null | undefined) => number,
): number {
  const segments = [...fieldPath.matchAll(/([^.[\]]+)|\[(\d+)\]/g)].map(([, key, index]) =>
    index !== undefined ? Number(index) : key!,
  );
  let node: Node | null = root;
  let line = lineAt(root);
  for (const segment of segments) {
    if (isMap(node) && typeof segment === 'string') {
      const pair: Pair<Node, Node | null> | undefined = (
        node as YAMLMap<Node, Node | null>
      ).items.find((item) => isScalar(item.key) && String(item.key.value) === segment);
      if (!pair) break;
      line = lineAt(pair.key as Node);
      node = pair.value ?? null;
    } else if (isSeq(node) && typeof segment === 'number') {
      const item = node.items[segment] as Node | undefined;
      if (!item) break;
      line = lineAt(item);
      node = item;
    } else break;
  }
  return line;
}
