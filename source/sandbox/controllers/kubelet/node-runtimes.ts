import type { Json } from '../../api/kube-object.ts';
import type { ControllerContext } from '../controller.ts';
import { createEventRecorder, type EventRecorder } from '../event-recorder.ts';
import { PodIpAllocator } from './pod-ip-allocator.ts';

const nodesId = '/nodes';

/** Per-node runtime state: the node's addresses, its pod IP pool and its event recorder. */
export class NodeRuntimes {
  private readonly allocators = new Map<string, PodIpAllocator>();
  private readonly recorders = new Map<string, EventRecorder>();

  constructor(private readonly ctx: ControllerContext) {}

  recorder(node: string): EventRecorder {
    let recorder = this.recorders.get(node);
    if (!recorder) {
      recorder = createEventRecorder(this.ctx.ops, { component: 'kubelet', host: node });
      this.recorders.set(node, recorder);
    }
    return recorder;
  }

  internalIP(node: string): string {
    const addresses: Json[] =
      this.ctx.store.peek(nodesId, undefined, node)?.status?.addresses ?? [];
    return addresses.find((a) => a.type === 'InternalIP')?.address ?? '';
  }

  podCIDR(node: string): string {
    return this.ctx.store.peek(nodesId, undefined, node)?.spec?.podCIDR ?? '';
  }

  allocateIp(node: string): string | undefined {
    return this.allocator(node)?.allocate();
  }

  reserveIp(node: string, ip: string): void {
    this.allocator(node)?.reserve(ip);
  }

  releaseIp(node: string, ip: string): void {
    this.allocators.get(node)?.release(ip);
  }

  private allocator(node: string): PodIpAllocator | undefined {
    let allocator = this.allocators.get(node);
    const cidr = this.podCIDR(node);
    if (!allocator && cidr) {
      allocator = new PodIpAllocator(cidr);
      this.allocators.set(node, allocator);
    }
    return allocator;
  }
}
