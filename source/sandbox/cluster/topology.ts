/** The sandbox's fixed shape, matching a three-node kind cluster named `expose-tutor`. */

export const clusterName = 'expose-tutor';

export interface NodeSpec {
  name: string;
  role: 'control-plane' | 'worker';
  internalIP: string;
  podCIDR: string;
}

export const nodes: readonly NodeSpec[] = [
  {
    name: `${clusterName}-control-plane`,
    role: 'control-plane',
    internalIP: '172.18.0.2',
    podCIDR: '10.244.0.0/24',
  },
  {
    name: `${clusterName}-worker`,
    role: 'worker',
    internalIP: '172.18.0.3',
    podCIDR: '10.244.1.0/24',
  },
  {
    name: `${clusterName}-worker2`,
    role: 'worker',
    internalIP: '172.18.0.4',
    podCIDR: '10.244.2.0/24',
  },
];

export const serviceCIDR = '10.96.0.0/16';
export const podCIDR = '10.244.0.0/16';
export const nodePortRange = { min: 30000, max: 32767 } as const;
/**
 * The host's own address on the kind network (the docker bridge's gateway): the client a pod
 * sees when a process on the host connects to a node or load-balancer address on Linux.
 */
export const hostAddressOnKindNetwork = '172.18.0.1';
/** cloud-provider-kind hands out LoadBalancer addresses from the kind network. */
export const loadBalancerRange = { first: '172.18.0.100', last: '172.18.0.250' } as const;
export const kubernetesServiceIP = '10.96.0.1';
export const dnsServiceIP = '10.96.0.10';
export const clusterDomain = 'cluster.local';
export const defaultIngressClassName = 'cloud-provider-kind';
/** cloud-provider-kind's names (pkg/ingress and pkg/gateway). */
export const ingressControllerName = 'kind.sigs.k8s.io/ingress-controller';
export const defaultGatewayClassName = 'cloud-provider-kind';
export const gatewayControllerName = 'kind.sigs.k8s.io/gateway-controller';
export const managedByLabel = 'app.kubernetes.io/managed-by';
export const managedByValue = 'k8s-expose-tutor';
