import { isJsonObject } from './json-values.ts';

/**
 * One step of a path into an object, spelled as managedFields' `fieldsV1` spells it:
 * `f:spec` (a field), `k:{"port":80,"protocol":"TCP"}` (a list item by its keys),
 * `v:"finalizer.example.com"` (an item of a set), `i:0` (an item by position).
 */
export type PathElement = string;

export type FieldPath = readonly PathElement[];

export function fieldElement(name: string): PathElement {
  return `f:${name}`;
}

/** Key fields in name order, values as compact JSON. */
export function keyElement(keys: ReadonlyArray<readonly [string, unknown]>): PathElement {
  const sorted = [...keys].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `k:${JSON.stringify(Object.fromEntries(sorted))}`;
}

export function valueElement(value: unknown): PathElement {
  return `v:${JSON.stringify(value)}`;
}

export function isFieldElement(element: PathElement): boolean {
  return element.startsWith('f:');
}

/**
 * A path as the API server prints it in apply conflicts:
 * `.spec.ports[port=80,protocol="TCP"].targetPort`.
 */
export function describePath(path: FieldPath): string {
  return path.map(describeElement).join('');
}

function describeElement(element: PathElement): string {
  const body = element.slice(2);
  switch (element.slice(0, 2)) {
    case 'f:':
      return `.${body}`;
    case 'k:': {
      const keys = JSON.parse(body) as Record<string, unknown>;
      return `[${Object.entries(keys)
        .map(([name, value]) => `${name}=${describeValue(value)}`)
        .join(',')}]`;
    }
    case 'v:':
      return `[=${describeValue(JSON.parse(body))}]`;
    default:
      return `[${body}]`;
  }
}

function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (typeof value === 'string') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map(describeValue).join(', ')}]`;
  if (isJsonObject(value)) {
    return `{${Object.entries(value)
      .map(([k, v]) => `${k}=${describeValue(v)}`)
      .join(', ')}}`;
  }
  return String(value);
}

const kindRank: Record<string, number> = { 'f:': 0, 'k:': 1, 'v:': 2, 'i:': 3 };

/** The order structured-merge-diff sorts path elements in: fields, keys, values, indexes. */
export function compareElements(a: PathElement, b: PathElement): number {
  const rankA = kindRank[a.slice(0, 2)] ?? 4;
  const rankB = kindRank[b.slice(0, 2)] ?? 4;
  if (rankA !== rankB) return rankA - rankB;
  if (a.startsWith('i:')) return Number(a.slice(2)) - Number(b.slice(2));
  if (a.startsWith('f:')) return a < b ? -1 : a > b ? 1 : 0;
  return compareJson(JSON.parse(a.slice(2)), JSON.parse(b.slice(2)));
}

function compareJson(a: unknown, b: unknown): number {
  if (typeof a === 'number' && typeof b === 'number') return a - b;
  if (isJsonObject(a) && isJsonObject(b)) {
    const entriesA = Object.entries(a);
    const entriesB = Object.entries(b);
    for (let i = 0; i < Math.min(entriesA.length, entriesB.length); i++) {
      const [nameA, valueA] = entriesA[i]!;
      const [nameB, valueB] = entriesB[i]!;
      if (nameA !== nameB) return nameA < nameB ? -1 : 1;
      const byValue = compareJson(valueA, valueB);
      if (byValue !== 0) return byValue;
    }
    return entriesA.length - entriesB.length;
  }
  const textA = JSON.stringify(a);
  const textB = JSON.stringify(b);
  return textA < textB ? -1 : textA > textB ? 1 : 0;
}
