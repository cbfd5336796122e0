/**
 * Joins at most `max` items with commas and says how many were left out, the way the server
 * prints ENDPOINTS and PORTS: `10.244.1.5,10.244.2.3,10.244.1.7 + 2 more...`.
 */
export function listWithMore(items: readonly string[], empty: string, max = 3): string {
  const shown = items.slice(0, max).join(',');
  if (items.length > max) return `${shown} + ${items.length - max} more...`;
  return shown === '' ? empty : shown;
}
