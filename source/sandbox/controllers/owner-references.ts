import type { KubeObject, OwnerReference } from '../api/kube-object.ts';

/** The owner reference with `controller: true`, if any: who manages this object. */
export function controllerRefOf(object: Readonly<KubeObject>): OwnerReference | undefined {
  return object.metadata.ownerReferences?.find((ref) => ref.controller === true);
}

export function isControlledBy(object: Readonly<KubeObject>, owner: Readonly<KubeObject>): boolean {
  return controllerRefOf(object)?.uid === owner.metadata.uid;
}

/** The reference a controller puts on what it creates or adopts. */
export function controllerReferenceTo(owner: Readonly<KubeObject>): OwnerReference {
  return {
    apiVersion: owner.apiVersion,
    kind: owner.kind,
    name: owner.metadata.name!,
    uid: owner.metadata.uid!,
    controller: true,
    blockOwnerDeletion: true,
  };
}
