/** The shapes every stored object shares. Kind-specific fields stay loosely typed on purpose:
 *  the sandbox stores what clients send, and each kind's hooks read the fields they need. */

// biome-ignore lint/suspicious/noExplicitAny: API objects are open JSON documents.
export type Json = Record<string, any>;

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

export interface ObjectMeta {
  name?: string;
  generateName?: string;
  namespace?: string;
  uid?: string;
  resourceVersion?: string;
  generation?: number;
  creationTimestamp?: string;
  deletionTimestamp?: string;
  deletionGracePeriodSeconds?: number;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
  ownerReferences?: OwnerReference[];
  finalizers?: string[];
  managedFields?: Json[];
}

export interface KubeObject extends Json {
  apiVersion: string;
  kind: string;
  metadata: ObjectMeta;
}

export function objectKey(namespace: string | undefined, name: string): string {
  return namespace ? `${namespace}/${name}` : name;
}

export function clone<T>(value: T): T {
  return structuredClone(value);
}
