import type { KindStrategy } from './kind-strategy.ts';

/** Strategies by resource id (`group/plural`). Kinds not listed are stored as sent. */
export const kindStrategies: ReadonlyMap<string, KindStrategy> = new Map<string, KindStrategy>([]);
