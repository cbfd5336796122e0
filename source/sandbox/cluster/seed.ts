import { randomBytes, randomUUID } from 'node:crypto';
import type { KubeObject } from '../api/kube-object.ts';
import type { ResourceOps } from '../api/resource-ops.ts';
import { resourceById } from '../resources/catalog.ts';
import {
  clusterName,
  defaultGatewayClassName,
  defaultIngressClassName,
  dnsServiceIP,
  gatewayControllerName,
  ingressControllerName,
  kubernetesServiceIP,
  type NodeSpec,
  nodes,
} from './topology.ts';

export const kubernetesVersion = 'v1.36.0';

function nodeObject(node: NodeSpec, now: string): KubeObject {
  const isControlPlane = node.role === 'control-plane';
  const condition = (type: string, status: string, reason: string, message: string) => ({
    type,
    status,
    lastHeartbeatTime: now,
    lastTransitionTime: now,
    reason,
    message,
  });
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: {
      name: node.name,
      labels: {
        'beta.kubernetes.io/arch': 'amd64',
        'beta.kubernetes.io/os': 'linux',
        'kubernetes.io/arch': 'amd64',
        'kubernetes.io/hostname': node.name,
        'kubernetes.io/os': 'linux',
        ...(isControlPlane
          ? {
              'node-role.kubernetes.io/control-plane': '',
              'node.kubernetes.io/exclude-from-external-load-balancers': '',
            }
          : {}),
      },
      annotations: {
        'node.alpha.kubernetes.io/ttl': '0',
        'volumes.kubernetes.io/controller-managed-attach-detach': 'true',
      },
    },
    spec: {
      podCIDR: node.podCIDR,
      podCIDRs: [node.podCIDR],
      providerID: `kind://docker/${clusterName}/${node.name}`,
      ...(isControlPlane
        ? { taints: [{ key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' }] }
        : {}),
    },
    status: {
      addresses: [
        { type: 'InternalIP', address: node.internalIP },
        { type: 'Hostname', address: node.name },
      ],
      allocatable: {
        cpu: '2',
        'ephemeral-storage': '263174212Ki',
        memory: '24551368Ki',
        pods: '110',
      },
      capacity: { cpu: '2', 'ephemeral-storage': '263174212Ki', memory: '24551368Ki', pods: '110' },
      conditions: [
        condition(
          'MemoryPressure',
          'False',
          'KubeletHasSufficientMemory',
          'kubelet has sufficient memory available',
        ),
        condition(
          'DiskPressure',
          'False',
          'KubeletHasNoDiskPressure',
          'kubelet has no disk pressure',
        ),
        condition(
          'PIDPressure',
          'False',
          'KubeletHasSufficientPID',
          'kubelet has sufficient PID available',
        ),
        condition('Ready', 'True', 'KubeletReady', 'kubelet is posting ready status'),
      ],
      daemonEndpoints: { kubeletEndpoint: { Port: 10250 } },
      nodeInfo: {
        architecture: 'amd64',
        bootID: randomUUID(),
        containerRuntimeVersion: 'containerd://2.1.4',
        kernelVersion: '6.12.0-sandbox',
        kubeProxyVersion: '',
        kubeletVersion: kubernetesVersion,
        machineID: randomBytes(16).toString('hex'),
        operatingSystem: 'linux',
        osImage: 'Debian GNU/Linux 12 (bookworm)',
        systemUUID: randomUUID(),
      },
    },
  };
}

/** The heartbeat Lease a kubelet keeps in kube-node-lease (shown by `kubectl describe node`). */
function nodeLease(node: KubeObject): KubeObject {
  const name = node.metadata.name!;
  return {
    apiVersion: 'coordination.k8s.io/v1',
    kind: 'Lease',
    metadata: {
      name,
      namespace: 'kube-node-lease',
      ownerReferences: [{ apiVersion: 'v1', kind: 'Node', name, uid: node.metadata.uid! }],
    },
    spec: {
      holderIdentity: name,
      leaseDurationSeconds: 40,
      // A MicroTime: six fractional digits.
      renewTime: new Date().toISOString().replace(/Z$/, '000Z'),
    },
  };
}

function service(
  namespace: string,
  name: string,
  clusterIP: string,
  labels: Record<string, string>,
  spec: Record<string, unknown>,
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name, namespace, labels },
    spec: { clusterIP, clusterIPs: [clusterIP], ...spec },
  };
}

/** Creates what a fresh kind cluster with cloud-provider-kind already has. */
export function seedCluster(ops: ResourceOps): void {
  const create = (id: string, object: KubeObject) => ops.create(resourceById(id), object);
  for (const name of ['default', 'kube-system', 'kube-public', 'kube-node-lease']) {
    create('/namespaces', {
      apiVersion: 'v1',
      kind: 'Namespace',
      metadata: { name, labels: { 'kubernetes.io/metadata.name': name } },
    });
  }
  const now = ops.store.now();
  for (const node of nodes) {
    // Nodes register themselves with their status, which a create through the API would drop.
    const registered = ops.store.insert('/nodes', nodeObject(node, now));
    ops.store.insert('coordination.k8s.io/leases', nodeLease(registered));
  }
  create(
    '/services',
    service(
      'default',
      'kubernetes',
      kubernetesServiceIP,
      { component: 'apiserver', provider: 'kubernetes' },
      {
        ports: [{ name: 'https', port: 443, protocol: 'TCP', targetPort: 6443 }],
        type: 'ClusterIP',
      },
    ),
  );
  create(
    '/services',
    service(
      'kube-system',
      'kube-dns',
      dnsServiceIP,
      {
        'k8s-app': 'kube-dns',
        'kubernetes.io/cluster-service': 'true',
        'kubernetes.io/name': 'CoreDNS',
      },
      {
        ports: [
          { name: 'dns', port: 53, protocol: 'UDP', targetPort: 53 },
          { name: 'dns-tcp', port: 53, protocol: 'TCP', targetPort: 53 },
          { name: 'metrics', port: 9153, protocol: 'TCP', targetPort: 9153 },
        ],
        selector: { 'k8s-app': 'kube-dns' },
        type: 'ClusterIP',
      },
    ),
  );
  create('networking.k8s.io/ingressclasses', {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'IngressClass',
    metadata: {
      name: defaultIngressClassName,
      annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' },
    },
    spec: { controller: ingressControllerName },
  });
  create('gateway.networking.k8s.io/gatewayclasses', {
    apiVersion: 'gateway.networking.k8s.io/v1',
    kind: 'GatewayClass',
    metadata: { name: defaultGatewayClassName },
    spec: { controllerName: gatewayControllerName, description: 'cloud-provider-kind gateway API' },
  });
  create('apps/deployments', coreDnsDeployment());
  // The API server publishes its own address behind `kubernetes` (no selector, no controller).
  ops.store.insert('/endpoints', apiServerEndpoints());
  ops.store.insert('discovery.k8s.io/endpointslices', apiServerEndpointSlice());
}

const controlPlaneIP = nodes.find((node) => node.role === 'control-plane')!.internalIP;

function apiServerEndpoints(): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Endpoints',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'endpointslice.kubernetes.io/skip-mirror': 'true' },
    },
    subsets: [
      {
        addresses: [{ ip: controlPlaneIP }],
        ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
      },
    ],
  };
}

function apiServerEndpointSlice(): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: 'kubernetes',
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': 'kubernetes' },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: [controlPlaneIP], conditions: { ready: true } }],
    ports: [{ name: 'https', port: 6443, protocol: 'TCP' }],
  };
}

/**
 * kubeadm's CoreDNS, behind `kube-dns`, so the DNS Service has endpoints as on kind. Names
 * resolve through the sandbox's own resolver, not these pods: their image serves nothing,
 * so their probes are left out (a real CoreDNS answers /ready on 8181).
 */
function coreDnsDeployment(): KubeObject {
  const labels = { 'k8s-app': 'kube-dns' };
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: { name: 'coredns', namespace: 'kube-system', labels },
    spec: {
      replicas: 2,
      selector: { matchLabels: labels },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 1 } },
      template: {
        metadata: { labels },
        spec: {
          priorityClassName: 'system-cluster-critical',
          nodeSelector: { 'kubernetes.io/os': 'linux' },
          tolerations: [
            { key: 'CriticalAddonsOnly', operator: 'Exists' },
            { key: 'node-role.kubernetes.io/control-plane', effect: 'NoSchedule' },
          ],
          containers: [
            {
              name: 'coredns',
              image: 'registry.k8s.io/coredns/coredns:v1.12.1',
              args: ['-conf', '/etc/coredns/Corefile'],
              ports: [
                { name: 'dns', containerPort: 53, protocol: 'UDP' },
                { name: 'dns-tcp', containerPort: 53, protocol: 'TCP' },
                { name: 'metrics', containerPort: 9153, protocol: 'TCP' },
              ],
              resources: { limits: { memory: '170Mi' }, requests: { cpu: '100m', memory: '70Mi' } },
            },
          ],
        },
      },
    },
  };
}
