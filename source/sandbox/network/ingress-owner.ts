import { defaultIngressClassName } from '../cluster/topology.ts';
import type { AddressPool } from '../controllers/cloud-provider/address-pool.ts';
import type { ControllerContext } from '../controllers/controller.ts';
import { startFleetOwner } from './fleet-owner.ts';
import { ingressProxyConfig, ourClassIsDefault, servedByUs } from './ingress-router.ts';
import type { DesiredProxy } from './proxy-fleet.ts';

const ingressesId = 'networking.k8s.io/ingresses';
const classesId = 'networking.k8s.io/ingressclasses';

/**
 * The Ingress data path of cloud-provider-kind: each namespace's ingress gateway, at the address
 * its Ingresses publish, listening on 80 (and 443 once an Ingress there names a TLS Secret) and
 * routing by the namespace's Ingresses of our class. Ingresses of other classes are not read.
 */
export function startIngressDataPath(ctx: ControllerContext, pool: AddressPool): () => void {
  const store = ctx.store;
  return startFleetOwner(ctx, {
    resources: new Set([ingressesId, classesId, '/services', '/secrets', '/namespaces']),
    desired() {
      const ourClassDefault = ourClassIsDefault(
        store.peek(classesId, undefined, defaultIngressClassName),
      );
      const desired = new Map<string, DesiredProxy>();
      for (const namespace of store.scan('/namespaces')) {
        const name = namespace.metadata.name!;
        // The namespace's gateway proxy exists once it got its address.
        const address = pool.addressOf(`ingress-gateway:${name}`);
        if (!address) continue;
        const config = ingressProxyConfig({
          namespace: name,
          ingresses: store.scan(ingressesId, name).filter((i) => servedByUs(i, ourClassDefault)),
          service: (ns, svc) => store.peek('/services', ns, svc),
          secret: (ns, secret) => store.peek('/secrets', ns, secret),
          now: store.now(),
        });
        desired.set(name, { address, config });
      }
      return desired;
    },
  });
}
