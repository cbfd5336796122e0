import { deployment, replicaSet } from './apps-v1-messages.ts';
import { scale } from './autoscaling-v1-messages.ts';
import {
  configMap,
  endpoints,
  namespace,
  secret,
  service,
  serviceAccount,
} from './core-v1-messages.ts';
import { pod } from './core-v1-pod-messages.ts';
import type { MessageDescriptor } from './message-descriptor.ts';
import { ingress, ingressClass } from './networking-v1-messages.ts';

/**
 * The kinds whose protobuf bodies the sandbox reads, by `apiVersion` and `kind`: what kubectl's
 * imperative `create` commands send (1.32 and later), plus the other built-in kinds lessons use.
 */
const kindMessages: ReadonlyMap<string, MessageDescriptor> = new Map([
  ['v1/Namespace', namespace],
  ['v1/ConfigMap', configMap],
  ['v1/Secret', secret],
  ['v1/ServiceAccount', serviceAccount],
  ['v1/Service', service],
  ['v1/Endpoints', endpoints],
  ['v1/Pod', pod],
  ['apps/v1/Deployment', deployment],
  ['apps/v1/ReplicaSet', replicaSet],
  ['networking.k8s.io/v1/Ingress', ingress],
  ['networking.k8s.io/v1/IngressClass', ingressClass],
  ['autoscaling/v1/Scale', scale],
]);

export function messageForKind(apiVersion: string, kind: string): MessageDescriptor | undefined {
  return kindMessages.get(`${apiVersion}/${kind}`);
}
