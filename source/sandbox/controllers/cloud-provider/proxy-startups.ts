import type { ControllerContext } from '../controller.ts';

/** How long one of cloud-provider-kind's Envoy containers takes to come up, at pace 1. */
export const proxyStartMs = 1000;

/**
 * The Envoy containers cloud-provider-kind runs per owner (a Gateway, a namespace's ingress
 * gateway): the first sync that needs one starts it, and it has an address once it is up.
 */
export class ProxyStartups {
  private readonly up = new Set<string>();
  private readonly starting = new Set<string>();

  constructor(private readonly ctx: ControllerContext) {}

  /** Whether the owner's proxy is up; if not, starts it (once) and calls `onUp` when it is. */
  isUp(owner: string, onUp: () => void): boolean {
    if (this.up.has(owner)) return true;
    if (!this.starting.has(owner)) {
      this.starting.add(owner);
      this.ctx.after(proxyStartMs, () => {
        this.starting.delete(owner);
        this.up.add(owner);
        onUp();
      });
    }
    return false;
  }

  /** The proxy goes with its owner. */
  remove(owner: string): void {
    this.up.delete(owner);
  }
}
