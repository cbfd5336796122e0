import { randomInt } from 'node:crypto';
import { formatIPv4, parseIPv4 } from '../network/ipv4.ts';

/**
 * Hands out Service cluster IPs from one IPv4 CIDR, the way kube-apiserver's allocator does:
 * the network and broadcast addresses are never given out, a request for a specific address is
 * honoured when it is free, and random picks come from the upper ("dynamic") band first so the
 * lower band stays free for people who choose their addresses (10.96.0.10 for DNS, …).
 *
 * The allocator keeps no record of its own: callers pass the addresses already in use, which the
 * sandbox reads from its store. Freeing happens by itself when a Service is deleted or changed,
 * and a write that fails or is a dry run never leaves an address behind.
 */
export class ClusterIPAllocator {
  private readonly first: number;
  private readonly size: number;
  /** How many addresses at the bottom are kept for static requests. */
  private readonly staticBand: number;

  constructor(
    readonly cidr: string,
    private readonly random: (bound: number) => number = randomInt,
  ) {
    const [address, bits] = cidr.split('/');
    const base = parseIPv4(address ?? '');
    const prefix = Number(bits);
    if (base === undefined || !Number.isInteger(prefix) || prefix < 0 || prefix > 30)
      throw new Error(`not an IPv4 service CIDR: ${cidr}`);
    const rangeSize = 2 ** (32 - prefix);
    this.first = base + 1;
    this.size = rangeSize - 2;
    this.staticBand = staticBandSize(rangeSize, 16, 256, 16);
  }

  /** The reason `ip` cannot be claimed, worded like the API server, or undefined when it can. */
  problemWith(ip: string, inUse: ReadonlySet<string>): string | undefined {
    const value = parseIPv4(ip);
    if (value === undefined || value < this.first || value >= this.first + this.size) {
      return `the provided IP (${ip}) is not in the valid range. The range of valid IPs is ${this.cidr}`;
    }
    return inUse.has(formatIPv4(value)) ? 'provided IP is already allocated' : undefined;
  }

  /** A free address, or undefined when the range is full. */
  next(inUse: ReadonlySet<string>): string | undefined {
    const dynamic = this.pick(this.staticBand, this.size - this.staticBand, inUse);
    return dynamic ?? this.pick(0, this.staticBand, inUse);
  }

  /** Scans `count` offsets from a random start, wrapping, for the first free address. */
  private pick(start: number, count: number, inUse: ReadonlySet<string>): string | undefined {
    if (count <= 0) return undefined;
    const offset = this.random(count);
    for (let i = 0; i < count; i++) {
      const ip = formatIPv4(this.first + start + ((offset + i) % count));
      if (!inUse.has(ip)) return ip;
    }
    return undefined;
  }
}

/** `min(max(min, size/step), max)`, or 0 for tiny ranges: the static band kube-apiserver keeps. */
export function staticBandSize(size: number, min: number, max: number, step: number): number {
  if (size <= min) return 0;
  return Math.min(Math.max(min, Math.floor(size / step)), max);
}
