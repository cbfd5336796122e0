import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import type { CachedObject } from '../../../source/tui/state/object-cache.ts';

/** Objects shaped as the sandbox stores them: an echo Deployment, its pods, Service and slice. */

export const namespace = 'clusterip';
const created = '2026-11-26T11:58:00Z';

export function node(name: string, ip: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-${name}`, resourceVersion: '1', creationTimestamp: created },
    status: {
      addresses: [
        { type: 'InternalIP', address: ip },
        { type: 'Hostname', address: name },
      ],
    },
  };
}

export function pod(
  name: string,
  ip: string,
  options: { ready?: boolean; labels?: Record<string, string>; node?: string; port?: number } = {},
): KubeObject {
  const ready = options.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: `uid-${name}`,
      resourceVersion: '10',
      creationTimestamp: created,
      labels: options.labels ?? { app: 'echo' },
    },
    spec: {
      nodeName: options.node ?? 'expose-tutor-worker',
      containers: [
        {
          name: 'agnhost',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.53',
          ports: [{ name: 'http', containerPort: options.port ?? 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      containerStatuses: [
        { name: 'agnhost', ready, restartCount: 0, state: { running: { startedAt: created } } },
      ],
    },
  };
}

export function service(
  name: string,
  clusterIP: string,
  options: {
    selector?: Record<string, string>;
    port?: number;
    targetPort?: number | string;
    type?: string;
    nodePort?: number;
  } = {},
): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name,
      namespace,
      uid: `uid-svc-${name}`,
      resourceVersion: '20',
      creationTimestamp: created,
    },
    spec: {
      type: options.type ?? 'ClusterIP',
      clusterIP,
      clusterIPs: [clusterIP],
      selector: options.selector ?? { app: 'echo' },
      ports: [
        {
          protocol: 'TCP',
          port: options.port ?? 80,
          targetPort: options.targetPort ?? 8080,
          ...(options.nodePort ? { nodePort: options.nodePort } : {}),
        },
      ],
    },
    status: { loadBalancer: {} },
  };
}

export function endpointSlice(
  serviceName: string,
  endpoints: { pod: string; ip: string; ready?: boolean }[],
  port = 8080,
): KubeObject {
  return {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `${serviceName}-abcde`,
      namespace,
      uid: `uid-slice-${serviceName}`,
      resourceVersion: '30',
      creationTimestamp: created,
      labels: { 'kubernetes.io/service-name': serviceName },
    },
    addressType: 'IPv4',
    ports: [{ name: '', port, protocol: 'TCP' }],
    endpoints: endpoints.map((endpoint) => ({
      addresses: [endpoint.ip],
      conditions: { ready: endpoint.ready ?? true },
      targetRef: { kind: 'Pod', name: endpoint.pod, namespace },
    })),
  };
}

export function deployment(name: string, replicas: number, ready: number): KubeObject {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: {
      name,
      namespace,
      uid: `uid-deploy-${name}`,
      resourceVersion: '5',
      creationTimestamp: created,
    },
    spec: { replicas, selector: { matchLabels: { app: name } } },
    status: { replicas, readyReplicas: ready, updatedReplicas: replicas, availableReplicas: ready },
  };
}

const resourceIds: Record<string, string> = {
  Node: '/nodes',
  Pod: '/pods',
  Service: '/services',
  EndpointSlice: 'discovery.k8s.io/endpointslices',
  Deployment: 'apps/deployments',
  Ingress: 'networking.k8s.io/ingresses',
};

export function cached(objects: KubeObject[], changedAt = 0): CachedObject[] {
  return objects.map((object) => ({ resourceId: resourceIds[object.kind]!, object, changedAt }));
}

/** Three ready echo pods behind svc/echo, on a three-node cluster. */
export function echoWorld(): KubeObject[] {
  return [
    node('expose-tutor-control-plane', '172.18.0.2'),
    node('expose-tutor-worker', '172.18.0.3'),
    node('expose-tutor-worker2', '172.18.0.4'),
    deployment('echo', 3, 3),
    pod('echo-6d9f8c7b5-abcde', '10.244.1.5'),
    pod('echo-6d9f8c7b5-fghij', '10.244.2.6', { node: 'expose-tutor-worker2' }),
    pod('echo-6d9f8c7b5-klmno', '10.244.1.7'),
    pod('client', '10.244.2.9', { labels: { app: 'client' }, node: 'expose-tutor-worker2' }),
    service('echo', '10.96.41.7'),
    endpointSlice('echo', [
      { pod: 'echo-6d9f8c7b5-abcde', ip: '10.244.1.5' },
      { pod: 'echo-6d9f8c7b5-fghij', ip: '10.244.2.6' },
      { pod: 'echo-6d9f8c7b5-klmno', ip: '10.244.1.7' },
    ]),
  ];
}
