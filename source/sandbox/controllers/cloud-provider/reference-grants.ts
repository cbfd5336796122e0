import type { Json } from '../../api/kube-object.ts';
import { type GatewayWorld, gatewayGroup } from './gateway-world.ts';

/** Does a ReferenceGrant in the target namespace let this kind of object point there? */
export function crossNamespaceAllowed(
  world: GatewayWorld,
  fromKind: string,
  fromNamespace: string,
  toKind: string,
  toName: string,
  toNamespace: string,
): boolean {
  return world.referenceGrants(toNamespace).some((grant) => {
    const fromAllowed = ((grant.spec?.from ?? []) as Json[]).some(
      (from) =>
        from.group === gatewayGroup && from.kind === fromKind && from.namespace === fromNamespace,
    );
    const toAllowed = ((grant.spec?.to ?? []) as Json[]).some(
      (to) => (to.group ?? '') === '' && to.kind === toKind && (!to.name || to.name === toName),
    );
    return fromAllowed && toAllowed;
  });
}
