import { randomInt } from 'node:crypto';
import { staticBandSize } from './cluster-ip-allocator.ts';

/**
 * Hands out node ports from a range (30000–32767 on kind), as kube-apiserver's port allocator
 * does: requested ports are honoured when free and in range, random picks come from the upper
 * band first. Like the cluster IP allocator it keeps no state: callers pass the ports in use,
 * read from the store, so deletes, type changes, failed writes and dry runs free ports by
 * themselves.
 */
export class NodePortAllocator {
  private readonly size: number;
  private readonly staticBand: number;

  constructor(
    readonly min: number,
    readonly max: number,
    private readonly random: (bound: number) => number = randomInt,
  ) {
    this.size = max - min + 1;
    this.staticBand = staticBandSize(this.size, 16, 128, 32);
  }

  get rangeText(): string {
    return `${this.min}-${this.max}`;
  }

  /** The reason `port` cannot be claimed, worded like the API server, or undefined. */
  problemWith(port: number, inUse: ReadonlySet<number>): string | undefined {
    if (!Number.isInteger(port) || port < this.min || port > this.max) {
      return `provided port is not in the valid range. The range of valid ports is ${this.rangeText}`;
    }
    return inUse.has(port) ? 'provided port is already allocated' : undefined;
  }

  /** A free port, or undefined when the range is full. */
  next(inUse: ReadonlySet<number>): number | undefined {
    return (
      this.pick(this.staticBand, this.size - this.staticBand, inUse) ??
      this.pick(0, this.staticBand, inUse)
    );
  }

  private pick(start: number, count: number, inUse: ReadonlySet<number>): number | undefined {
    if (count <= 0) return undefined;
    const offset = this.random(count);
    for (let i = 0; i < count; i++) {
      const port = this.min + start + ((offset + i) % count);
      if (!inUse.has(port)) return port;
    }
    return undefined;
  }
}
