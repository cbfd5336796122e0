import { formatIPv4, parseIPv4 } from '../../network/ipv4.ts';

/**
 * Hands out pod IPs from one node's pod CIDR the way the host-local IPAM plugin under kind's
 * CNI does: never the network address, the gateway (`.1`) or the broadcast address, and
 * round-robin from the last address handed out, so a freed IP is reused only once the range
 * comes round again (a new pod rarely gets the IP of the pod it replaced).
 */
export class PodIpAllocator {
  private readonly first: number;
  private readonly last: number;
  private readonly used = new Set<number>();
  private lastAllocated: number;

  constructor(readonly cidr: string) {
    const [address, bits] = cidr.split('/');
    const prefix = Number(bits);
    if (!address || !Number.isInteger(prefix) || prefix < 8 || prefix > 30) {
      throw new Error(`unsupported pod CIDR ${cidr}`);
    }
    const size = 2 ** (32 - prefix);
    const network = Math.floor((parseIPv4(address) ?? Number.NaN) / size) * size;
    this.first = network + 2;
    this.last = network + size - 2;
    this.lastAllocated = this.first - 1;
  }

  /** The next free address, or undefined when the range is exhausted. */
  allocate(): string | undefined {
    const count = this.last - this.first + 1;
    for (let step = 1; step <= count; step++) {
      const candidate = this.first + ((this.lastAllocated - this.first + step) % count);
      if (this.used.has(candidate)) continue;
      this.used.add(candidate);
      this.lastAllocated = candidate;
      return formatIPv4(candidate);
    }
    return undefined;
  }

  /** Marks an address as taken (a pod that already has it); false if it is not in range. */
  reserve(ip: string): boolean {
    const value = parseIPv4(ip);
    if (value === undefined || value < this.first || value > this.last) return false;
    this.used.add(value);
    return true;
  }

  release(ip: string): void {
    const value = parseIPv4(ip);
    if (value !== undefined) this.used.delete(value);
  }

  contains(ip: string): boolean {
    const value = parseIPv4(ip);
    return value !== undefined && value >= this.first && value <= this.last;
  }
}
