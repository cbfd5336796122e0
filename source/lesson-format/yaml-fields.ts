import { isMap, isScalar, isSeq, LineCounter, type Node, parseDocument, type YAMLMap } from 'yaml';
import type { LessonProblem } from './lesson-types.ts';

/** A key of a YAML mapping with its value node, both with their source lines. */
export interface Field {
  key: string;
  keyLine: number;
  value: Node | null;
  valueLine: number;
}

/**
 * Reads typed values out of a YAML snippet that sits at `firstLine` of `file`, recording every
 * problem with the line of the node it is about.
 */
export class YamlFields {
  private readonly lines = new LineCounter();
  readonly root: Node | null;

  constructor(
    readonly file: string,
    text: string,
    private readonly firstLine: number,
    private readonly problems: LessonProblem[],
  ) {
    const document = parseDocument(text, { lineCounter: this.lines, prettyErrors: false });
    // The first error is the one to fix; the rest usually follow from it.
    const [error] = document.errors;
    if (error) {
      const line = this.lines.linePos(error.pos[0]).line;
      this.report(this.firstLine + line - 1, `invalid YAML: ${firstSentence(error.message)}`);
    }
    this.root = document.errors.length > 0 ? null : (document.contents as Node | null);
  }

  lineOf(node: Node | null | undefined, fallback = this.firstLine): number {
    const offset = node?.range?.[0];
    if (offset === undefined) return fallback;
    return this.firstLine + this.lines.linePos(offset).line - 1;
  }

  /** How many problems have been recorded so far (a reader compares before and after). */
  get problemCount(): number {
    return this.problems.length;
  }

  report(line: number, message: string): void {
    this.problems.push({ file: this.file, line, message });
  }

  /** The mapping's fields in order, or undefined (with a problem) when `node` is not a mapping. */
  fields(node: Node | null | undefined, what: string): Field[] | undefined {
    if (!isMap(node)) {
      this.report(this.lineOf(node), `${what} must be a mapping of fields`);
      return undefined;
    }
    return (node as YAMLMap<Node, Node | null>).items.map((pair) => {
      const key = pair.key as Node;
      const keyLine = this.lineOf(key);
      return {
        key: isScalar(key) ? String(key.value) : String(key),
        keyLine,
        value: pair.value ?? null,
        valueLine: pair.value ? this.lineOf(pair.value, keyLine) : keyLine,
      };
    });
  }

  string(field: Field): string | undefined {
    if (
      isScalar(field.value) &&
      field.value.value !== null &&
      typeof field.value.value !== 'object'
    )
      return String(field.value.value);
    this.report(field.valueLine, `${field.key} must be text`);
    return undefined;
  }

  integer(field: Field, minimum = 0): number | undefined {
    const value = isScalar(field.value) ? field.value.value : undefined;
    if (typeof value === 'number' && Number.isInteger(value) && value >= minimum) return value;
    this.report(field.valueLine, `${field.key} must be a whole number of at least ${minimum}`);
    return undefined;
  }

  boolean(field: Field): boolean | undefined {
    const value = isScalar(field.value) ? field.value.value : undefined;
    if (typeof value === 'boolean') return value;
    this.report(field.valueLine, `${field.key} must be true or false`);
    return undefined;
  }

  /** `30s`, `2m`, `500ms`, `1m30s`. */
  duration(field: Field): number | undefined {
    const text = this.string(field);
    if (text === undefined) return undefined;
    const ms = parseDuration(text);
    if (ms === undefined)
      this.report(field.valueLine, `${field.key} must be a duration such as 500ms, 10s or 2m`);
    return ms;
  }

  /** One text or a list of texts. */
  stringList(field: Field): string[] | undefined {
    if (isSeq(field.value)) {
      const items: string[] = [];
      for (const item of field.value.items as Node[]) {
        if (isScalar(item) && typeof item.value === 'string') items.push(item.value);
        else {
          this.report(this.lineOf(item), `${field.key} must list texts`);
          return undefined;
        }
      }
      if (items.length === 0) this.report(field.valueLine, `${field.key} must not be empty`);
      return items;
    }
    const single = this.string(field);
    return single === undefined ? undefined : [single];
  }

  stringMap(field: Field): Record<string, string> | undefined {
    const fields = this.fields(field.value, field.key);
    if (!fields) return undefined;
    const map: Record<string, string> = {};
    for (const entry of fields) {
      const value = this.string(entry);
      if (value !== undefined) map[entry.key] = value;
    }
    return map;
  }
}

export function parseDuration(text: string): number | undefined {
  const units: Record<string, number> = { ms: 1, s: 1000, m: 60_000, h: 3_600_000 };
  if (!/^(\d+(\.\d+)?(ms|s|m|h))+$/.test(text)) return undefined;
  let total = 0;
  for (const [, amount, , unit] of text.matchAll(/(\d+(\.\d+)?)(ms|s|m|h)/g))
    total += Number(amount) * units[unit!]!;
  return Math.round(total);
}

/** yaml's messages run on with a code excerpt; the first line is the useful part. */
function firstSentence(message: string): string {
  return message.split('\n')[0]!.replace(/ at line \d+, column \d+:?$/, '');
}
