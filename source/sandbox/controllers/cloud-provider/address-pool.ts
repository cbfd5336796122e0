import { formatIPv4, parseIPv4 } from '../../network/ipv4.ts';

/**
 * The addresses cloud-provider-kind hands out on the kind network, one per owner (a
 * LoadBalancer Service, a Gateway, a namespace's ingress gateway). An owner keeps its address
 * until released; freed addresses are reused lowest first, the way Docker's IPAM hands out
 * container addresses.
 */
export class AddressPool {
  private readonly first: number;
  private readonly last: number;
  private readonly byOwner = new Map<string, number>();
  private readonly owners = new Map<number, string>();

  constructor(range: { first: string; last: string }) {
    this.first = toNumber(range.first);
    this.last = toNumber(range.last);
    if (this.last < this.first) throw new Error(`empty address range ${range.first}-${range.last}`);
  }

  addressOf(owner: string): string | undefined {
    const address = this.byOwner.get(owner);
    return address === undefined ? undefined : formatIPv4(address);
  }

  /**
   * The owner's address, allocating one if it has none: `preferred` when it is in range and
   * free (so an address already published survives a restart), else the lowest free one.
   * Undefined when the range is exhausted.
   */
  allocate(owner: string, preferred?: string): string | undefined {
    const existing = this.addressOf(owner);
    if (existing) return existing;
    const wanted = preferred === undefined ? undefined : toNumber(preferred);
    let chosen: number | undefined;
    if (wanted !== undefined && this.inRange(wanted) && !this.owners.has(wanted)) chosen = wanted;
    for (let candidate = this.first; chosen === undefined && candidate <= this.last; candidate++) {
      if (!this.owners.has(candidate)) chosen = candidate;
    }
    if (chosen === undefined) return undefined;
    this.byOwner.set(owner, chosen);
    this.owners.set(chosen, owner);
    return formatIPv4(chosen);
  }

  release(owner: string): void {
    const address = this.byOwner.get(owner);
    if (address === undefined) return;
    this.byOwner.delete(owner);
    this.owners.delete(address);
  }

  contains(address: string): boolean {
    return this.inRange(toNumber(address));
  }

  private inRange(address: number): boolean {
    return Number.isFinite(address) && address >= this.first && address <= this.last;
  }
}

/** NaN for anything but an IPv4 address: never in range. */
function toNumber(address: string): number {
  return parseIPv4(address) ?? Number.NaN;
}
