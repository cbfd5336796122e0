/** `${name}` references in step text: values saved by earlier steps (`save:`), and `namespace`. */
const reference = /\$\{([A-Za-z_][A-Za-z0-9_]*)\}/g;

export function variablesIn(text: string): string[] {
  return [...text.matchAll(reference)].map((match) => match[1]!);
}

/** Replaces each `${name}`; an unknown name is left as written (the checker reports those). */
export function substitute(text: string, values: ReadonlyMap<string, string>): string {
  return text.replace(reference, (whole, name: string) => values.get(name) ?? whole);
}
