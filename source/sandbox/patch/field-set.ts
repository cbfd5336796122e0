import { compareElements, type FieldPath, type PathElement } from './field-path.ts';
import { isJsonObject, type JsonObject } from './json-values.ts';

interface Node {
  /** The path ending here is in the set (a field or item owned as a whole). */
  member: boolean;
  children: Map<PathElement, Node>;
}

function emptyNode(): Node {
  return { member: false, children: new Map() };
}

/**
 * A set of field paths, as a tree: what a manager owns, or what changed between two objects.
 * Its `fieldsV1` form is the tree itself, with `.` marking a path that is a member and also has
 * members below it.
 */
export class FieldSet {
  private constructor(private readonly root: Node) {}

  static empty(): FieldSet {
    return new FieldSet(emptyNode());
  }

  static of(paths: Iterable<FieldPath>): FieldSet {
    const set = FieldSet.empty();
    for (const path of paths) set.insert(path);
    return set;
  }

  /** Reads managedFields' `fieldsV1` notation. */
  static fromFieldsV1(fields: unknown): FieldSet {
    const read = (value: unknown): Node => {
      const node = emptyNode();
      if (!isJsonObject(value)) return node;
      for (const [key, child] of Object.entries(value)) {
        if (key === '.') continue;
        const childNode = read(child);
        const childFields = isJsonObject(child) ? Object.keys(child) : [];
        childNode.member = childFields.length === 0 || childFields.includes('.');
        node.children.set(key, childNode);
      }
      return node;
    };
    return new FieldSet(read(fields));
  }

  toFieldsV1(): JsonObject {
    const write = (node: Node): JsonObject => {
      const out: JsonObject = {};
      if (node.member && node.children.size > 0) out['.'] = {};
      for (const element of sortedKeys(node.children))
        out[element] = write(node.children.get(element)!);
      return out;
    };
    return write(this.root);
  }

  /** Adds a path (mutates; for building sets). */
  insert(path: FieldPath): void {
    let node = this.root;
    for (const element of path) {
      let child = node.children.get(element);
      if (!child) {
        child = emptyNode();
        node.children.set(element, child);
      }
      node = child;
    }
    node.member = true;
  }

  private find(path: FieldPath): Node | undefined {
    let node: Node | undefined = this.root;
    for (const element of path) {
      node = node.children.get(element);
      if (!node) return undefined;
    }
    return node;
  }

  has(path: FieldPath): boolean {
    return path.length > 0 && (this.find(path)?.member ?? false);
  }

  /** The path is a member, or something below it is. */
  hasAtOrBelow(path: FieldPath): boolean {
    const node = this.find(path);
    return node !== undefined && (node.member || node.children.size > 0);
  }

  isEmpty(): boolean {
    return this.root.children.size === 0;
  }

  union(other: FieldSet): FieldSet {
    const combine = (a: Node | undefined, b: Node | undefined): Node => {
      const node = emptyNode();
      node.member = (a?.member ?? false) || (b?.member ?? false);
      const keys = new Set([...(a?.children.keys() ?? []), ...(b?.children.keys() ?? [])]);
      for (const key of keys)
        node.children.set(key, combine(a?.children.get(key), b?.children.get(key)));
      return node;
    };
    return new FieldSet(combine(this.root, other.root));
  }

  /** Members of this set that are not members of `other` (exact paths, not subtrees). */
  difference(other: FieldSet): FieldSet {
    return this.filter((path) => !other.has(path));
  }

  intersection(other: FieldSet): FieldSet {
    return this.filter((path) => other.has(path));
  }

  /** The members `keep` accepts, as a new set. */
  filter(keep: (path: FieldPath) => boolean): FieldSet {
    const result = FieldSet.empty();
    for (const path of this.paths()) if (keep(path)) result.insert(path);
    return result;
  }

  /**
   * Every member, in the order structured-merge-diff iterates a set: at each level the members
   * first, then the subtrees, each in element order.
   */
  *paths(): Generator<FieldPath> {
    function* walk(node: Node, prefix: PathElement[]): Generator<FieldPath> {
      const keys = sortedKeys(node.children);
      for (const key of keys) if (node.children.get(key)!.member) yield [...prefix, key];
      for (const key of keys) {
        const child = node.children.get(key)!;
        if (child.children.size > 0) yield* walk(child, [...prefix, key]);
      }
    }
    yield* walk(this.root, []);
  }
}

function sortedKeys(children: Map<PathElement, Node>): PathElement[] {
  return [...children.keys()].sort(compareElements);
}
