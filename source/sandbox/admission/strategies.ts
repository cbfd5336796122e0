import type { KindStrategy } from './kind-strategy.ts';

/**
 * The per-kind API behaviour of one sandbox, by resource id (`group/plural`). A factory, not a
 * constant: several sandboxes share a process and nothing admission-related may leak between
 * them. Kinds not listed are stored as sent.
 */
export function createKindStrategies(): ReadonlyMap<string, KindStrategy> {
  return new Map<string, KindStrategy>([]);
}
