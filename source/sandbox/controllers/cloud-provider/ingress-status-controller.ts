import type { KubeObject } from '../../api/kube-object.ts';
import { defaultIngressClassName } from '../../cluster/topology.ts';
import { resourceById } from '../../resources/catalog.ts';
import type { ControllerContext } from '../controller.ts';
import { keyOf, retryingQueue, splitKey } from '../retrying-queue.ts';
import { semanticallyEqual } from '../semantic-equality.ts';
import type { AddressPool } from './address-pool.ts';
import { ProxyStartups } from './proxy-startups.ts';

const ingressesId = 'networking.k8s.io/ingresses';
const classesId = 'networking.k8s.io/ingressclasses';
const defaultClassAnnotation = 'ingressclass.kubernetes.io/is-default-class';

/**
 * cloud-provider-kind's ingress controller, as far as Ingress status goes: an Ingress is its
 * own when it names the `cloud-provider-kind` class, or names no class while that class is the
 * default. Each namespace's Ingresses are served by one gateway proxy, so they share its
 * address. Ingresses of any other class are left alone: no controller, no address.
 */
export function startIngressStatusController(
  ctx: ControllerContext,
  pool: AddressPool,
): () => void {
  const ingresses = resourceById(ingressesId);
  const store = ctx.store;
  const proxies = new ProxyStartups(ctx);

  const isOurs = (ingress: Readonly<KubeObject>) => {
    const className = ingress.spec?.ingressClassName;
    if (className != null) return className === defaultIngressClassName;
    const ourClass = store.peek(classesId, undefined, defaultIngressClassName);
    return ourClass?.metadata.annotations?.[defaultClassAnnotation] === 'true';
  };

  const sync = (key: string) => {
    const { namespace, name } = splitKey(key);
    const ingress = store.peek(ingressesId, namespace, name);
    if (!ingress || !isOurs(ingress) || !namespace) return;
    // The namespace's gateway proxy takes a moment to start before it has an address.
    const enqueueNamespace = () => {
      for (const waiting of store.scan(ingressesId, namespace)) queue.add(keyOf(waiting));
    };
    if (!proxies.isUp(namespace, enqueueNamespace)) return;
    const published = ingress.status?.loadBalancer?.ingress?.[0]?.ip;
    const address = pool.allocate(`ingress-gateway:${namespace}`, published);
    if (!address) throw new Error('no address left in the load-balancer range');
    const status = { ...ingress.status, loadBalancer: { ingress: [{ ip: address }] } };
    if (semanticallyEqual(ingress.status, status)) return;
    ctx.ops.update(ingresses, { ...ingress, status }, { subresource: 'status' });
  };

  const queue = retryingQueue(ctx, sync);
  const enqueueAll = () => {
    for (const ingress of store.scan(ingressesId)) queue.add(keyOf(ingress));
  };
  const unsubscribe = store.subscribe((event) => {
    if (event.resource === ingressesId) queue.add(keyOf(event.object));
    else if (event.resource === classesId) enqueueAll();
    else if (event.resource === '/namespaces' && event.type === 'DELETED') {
      // The namespace's gateway proxy goes with the namespace.
      const namespace = event.object.metadata.name!;
      pool.release(`ingress-gateway:${namespace}`);
      proxies.remove(namespace);
    }
  });
  enqueueAll();
  return () => {
    unsubscribe();
    queue.stop();
  };
}
