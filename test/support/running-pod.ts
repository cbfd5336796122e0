import { agnhostContainer } from './workloads.ts';

export interface RunningPodOptions {
  name: string;
  namespace?: string;
  labels: Record<string, string>;
  nodeName: string;
  ip: string;
  hostIP: string;
}

/**
 * An agnhost pod as the kubelet leaves it once running and ready, to write straight into the
 * store when controllers are off (its container port defaulted as the API server does).
 */
export function runningAgnhostPod({
  name,
  namespace = 'default',
  labels,
  nodeName,
  ip,
  hostIP,
}: RunningPodOptions) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name, namespace, labels },
    spec: {
      nodeName,
      containers: [agnhostContainer({ ports: [{ containerPort: 8080, protocol: 'TCP' }] })],
    },
    status: {
      phase: 'Running',
      podIP: ip,
      podIPs: [{ ip }],
      hostIP,
      conditions: [
        { type: 'Ready', status: 'True' },
        { type: 'ContainersReady', status: 'True' },
      ],
    },
  };
}
