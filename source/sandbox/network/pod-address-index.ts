import { type KubeObject, objectKey } from '../api/kube-object.ts';
import type { ObjectStore } from '../store/object-store.ts';

/**
 * Pods by the virtual IP they answer on, kept current from the store's events so a connection
 * never scans every pod: a pod's own IP, or its node's IP for a `hostNetwork` pod.
 *
 *   podsAt(ip)      → every pod answering on that IP (hostNetwork pods share their node's)
 *   podWithIP(ip)   → the pod that owns a pod IP (not hostNetwork), a live one first
 */
export class PodAddressIndex {
  private readonly byIP = new Map<string, Set<string>>();
  private readonly ipOfKey = new Map<string, string>();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resource !== podsId) return;
      const key = objectKey(event.object.metadata.namespace, event.object.metadata.name!);
      this.forget(key);
      if (event.type !== 'DELETED') this.remember(key, event.object);
    });
    for (const pod of store.scan(podsId)) {
      this.remember(objectKey(pod.metadata.namespace, pod.metadata.name!), pod);
    }
  }

  podsAt(ip: string): Readonly<KubeObject>[] {
    const keys = this.byIP.get(ip);
    if (!keys) return [];
    const pods: Readonly<KubeObject>[] = [];
    for (const key of keys) {
      const [namespace, name] = key.split('/') as [string, string];
      const pod = this.store.peek(podsId, namespace, name);
      if (pod) pods.push(pod);
    }
    // A finished pod may keep its IP in status after the IP went to a new pod: live ones first.
    return pods.sort((a, b) => Number(isFinished(a)) - Number(isFinished(b)));
  }

  podWithIP(ip: string): Readonly<KubeObject> | undefined {
    return this.podsAt(ip).find((pod) => !pod.spec?.hostNetwork);
  }

  stop(): void {
    this.unsubscribe();
  }

  private remember(key: string, pod: Readonly<KubeObject>): void {
    const ip: string | undefined = pod.status?.podIP;
    if (!ip) return;
    let keys = this.byIP.get(ip);
    if (!keys) {
      keys = new Set();
      this.byIP.set(ip, keys);
    }
    keys.add(key);
    this.ipOfKey.set(key, ip);
  }

  private forget(key: string): void {
    const ip = this.ipOfKey.get(key);
    if (ip === undefined) return;
    this.ipOfKey.delete(key);
    const keys = this.byIP.get(ip);
    keys?.delete(key);
    if (keys?.size === 0) this.byIP.delete(ip);
  }
}

const podsId = '/pods';

function isFinished(pod: Readonly<KubeObject>): boolean {
  return pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';
}
