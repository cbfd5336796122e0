import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';

/**
 * Pods and Services for the networking controller tests. Pods are complete with the status a
 * kubelet would have written (phase, IP, Ready condition), so the tests do not depend on the
 * workload controllers; Services carry full ports.
 */

export interface PodOptions {
  name: string;
  namespace?: string;
  labels?: Record<string, string>;
  ip?: string;
  ready?: boolean;
  node?: string;
  containerPorts?: Json[];
  uid?: string;
}

export function runningPod(options: PodOptions): KubeObject {
  const ready = options.ready ?? true;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'default',
      labels: options.labels ?? { app: 'echo' },
      ...(options.uid ? { uid: options.uid } : {}),
    },
    spec: {
      nodeName: options.node ?? 'expose-tutor-worker',
      containers: [
        {
          name: 'agnhost',
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
          ports: options.containerPorts ?? [{ name: 'http', containerPort: 8080, protocol: 'TCP' }],
        },
      ],
    },
    status: {
      phase: 'Running',
      ...(options.ip ? { podIP: options.ip, podIPs: [{ ip: options.ip }] } : {}),
      conditions: [
        {
          type: 'Ready',
          status: ready ? 'True' : 'False',
          lastTransitionTime: '2026-01-01T00:00:00Z',
        },
      ],
    },
  };
}

export interface ServiceOptions {
  name: string;
  namespace?: string;
  selector?: Record<string, string> | undefined;
  clusterIP?: string;
  type?: string;
  ports?: Json[];
  labels?: Record<string, string>;
  extraSpec?: Json;
}

export function service(options: ServiceOptions): KubeObject {
  // Without an explicit cluster IP the Service strategy allocates one, as for any user.
  const clusterIP = options.clusterIP;
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: {
      name: options.name,
      namespace: options.namespace ?? 'default',
      ...(options.labels ? { labels: options.labels } : {}),
    },
    spec: {
      type: options.type ?? 'ClusterIP',
      ...(clusterIP ? { clusterIP, clusterIPs: [clusterIP] } : {}),
      ...(options.selector === undefined && 'selector' in options
        ? {}
        : { selector: options.selector ?? { app: 'echo' } }),
      ports: options.ports ?? [{ name: 'http', port: 80, protocol: 'TCP', targetPort: 8080 }],
      ...(options.extraSpec ?? {}),
    },
  };
}
