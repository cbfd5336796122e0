/**
 * Equality the way apimachinery's semantic DeepEqual sees API objects: key order does not
 * matter, and a missing field, `null`, `[]` and `{}` are the same (the wire format cannot tell
 * them apart once an object has been stored).
 */
export function semanticallyEqual(left: unknown, right: unknown): boolean {
  return canonicalJson(left) === canonicalJson(right);
}

export function canonicalJson(value: unknown): string {
  return JSON.stringify(normalise(value)) ?? 'null';
}

function normalise(value: unknown): unknown {
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(normalise);
  if (value === null || typeof value !== 'object') return value ?? undefined;
  const entries = Object.entries(value as Record<string, unknown>)
    .map(([key, inner]) => [key, normalise(inner)] as const)
    .filter(([, inner]) => inner !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return entries.length === 0 ? undefined : Object.fromEntries(entries);
}
