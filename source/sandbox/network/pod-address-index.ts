import { type KubeObject, objectKey } from '../api/kube-object.ts';
import { isPodTerminal } from '../controllers/pod-state.ts';
import type { ObjectStore } from '../store/object-store.ts';
import { KeyGroups } from './key-groups.ts';

/**
 * Pods by the virtual IP they answer on, kept current from the store's events so a connection
 * never scans every pod: a pod's own IP, or its node's IP for a `hostNetwork` pod.
 *
 *   podsAt(ip)      → every pod answering on that IP (hostNetwork pods share their node's)
 *   podWithIP(ip)   → the pod that owns a pod IP (not hostNetwork), a live one first
 */
export class PodAddressIndex {
  private readonly byIP = new KeyGroups();
  private readonly unsubscribe: () => void;

  constructor(private readonly store: ObjectStore) {
    this.unsubscribe = store.subscribe((event) => {
      if (event.resource !== podsId) return;
      const key = objectKey(event.object.metadata.namespace, event.object.metadata.name!);
      if (event.type === 'DELETED') this.byIP.remove(key);
      else this.remember(key, event.object);
    });
    for (const pod of store.scan(podsId)) {
      this.remember(objectKey(pod.metadata.namespace, pod.metadata.name!), pod);
    }
  }

  podsAt(ip: string): Readonly<KubeObject>[] {
    const pods: Readonly<KubeObject>[] = [];
    for (const key of this.byIP.membersOf(ip)) {
      const [namespace, name] = key.split('/') as [string, string];
      const pod = this.store.peek(podsId, namespace, name);
      if (pod) pods.push(pod);
    }
    // A finished pod may keep its IP in status after the IP went to a new pod: live ones first.
    return pods.sort((a, b) => Number(isPodTerminal(a)) - Number(isPodTerminal(b)));
  }

  podWithIP(ip: string): Readonly<KubeObject> | undefined {
    return this.podsAt(ip).find((pod) => !pod.spec?.hostNetwork);
  }

  stop(): void {
    this.unsubscribe();
  }

  private remember(key: string, pod: Readonly<KubeObject>): void {
    const ip: string | undefined = pod.status?.podIP;
    if (ip) this.byIP.set(key, ip);
    else this.byIP.remove(key);
  }
}

const podsId = '/pods';
