import { selectorMatches } from '../../api/selectors.ts';
import type { ObjectStore, StoreEvent } from '../../store/object-store.ts';

/**
 * Which Services a pod change concerns: those whose selector matches the pod's labels before
 * or after the change (an informer's old and new object). Remembers each pod's last labels,
 * since store events carry only the new object.
 */
export class PodServiceIndex {
  private readonly lastLabels = new Map<string, Record<string, string> | undefined>();

  constructor(private readonly store: ObjectStore) {
    // Pods that exist before the controller starts are known with their current labels.
    for (const pod of store.scan('/pods')) {
      this.lastLabels.set(`${pod.metadata.namespace}/${pod.metadata.name}`, pod.metadata.labels);
    }
  }

  /** Keys (`namespace/name`) of the Services to resync for this pod event. */
  servicesFor(event: StoreEvent): string[] {
    const pod = event.object;
    const namespace = pod.metadata.namespace ?? '';
    const podKey = `${namespace}/${pod.metadata.name}`;
    const before = this.lastLabels.get(podKey);
    const after = event.type === 'DELETED' ? undefined : pod.metadata.labels;
    if (event.type === 'DELETED') this.lastLabels.delete(podKey);
    else this.lastLabels.set(podKey, pod.metadata.labels);
    const keys: string[] = [];
    for (const service of this.store.scan('/services', namespace)) {
      const selector = service.spec?.selector;
      if (selectorMatches(selector, before) || selectorMatches(selector, after))
        keys.push(`${namespace}/${service.metadata.name}`);
    }
    return keys;
  }
}
