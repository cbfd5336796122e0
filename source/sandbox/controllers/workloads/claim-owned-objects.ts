import type { KubeObject } from '../../api/kube-object.ts';
import type { ResourceOps } from '../../api/resource-ops.ts';
import { labelSelectorMatches } from '../../api/selectors.ts';
import type { ResourceDefinition } from '../../resources/resource-definition.ts';
import { byControllerManager } from '../field-managers.ts';
import { controllerReferenceTo, controllerRefOf } from '../owner-references.ts';

/**
 * kube-controller-manager's ControllerRefManager claim, for a ReplicaSet's pods and a
 * Deployment's ReplicaSets alike: the candidates the owner controls, after adopting
 * `adoptable` orphans its selector matches and releasing owned ones it no longer matches.
 * An owner being deleted adopts and releases nothing.
 */
export function claimOwnedObjects(
  ops: ResourceOps,
  def: ResourceDefinition,
  owner: Readonly<KubeObject>,
  candidates: readonly Readonly<KubeObject>[],
  adoptable: (object: Readonly<KubeObject>) => boolean,
): Readonly<KubeObject>[] {
  const canAdopt = !owner.metadata.deletionTimestamp;
  const owned: Readonly<KubeObject>[] = [];
  for (const object of candidates) {
    const ref = controllerRefOf(object);
    const matches = labelSelectorMatches(owner.spec?.selector, object.metadata.labels);
    if (ref?.uid === owner.metadata.uid) {
      if (matches || !canAdopt) owned.push(object);
      else release(ops, def, owner, object);
    } else if (!ref && matches && canAdopt && adoptable(object)) {
      const ownerReferences = [
        ...(object.metadata.ownerReferences ?? []),
        controllerReferenceTo(owner),
      ];
      const adopted = { ...object, metadata: { ...object.metadata, ownerReferences } };
      owned.push(ops.update(def, adopted as KubeObject, byControllerManager).object);
    }
  }
  return owned;
}

function release(
  ops: ResourceOps,
  def: ResourceDefinition,
  owner: Readonly<KubeObject>,
  object: Readonly<KubeObject>,
): void {
  const ownerReferences = (object.metadata.ownerReferences ?? []).filter(
    (ref) => ref.uid !== owner.metadata.uid,
  );
  const metadata = { ...object.metadata, ownerReferences };
  if (ownerReferences.length === 0)
    delete (metadata as { ownerReferences?: unknown }).ownerReferences;
  ops.update(def, { ...object, metadata } as KubeObject, byControllerManager);
}
