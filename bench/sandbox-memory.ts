// Resident memory of a sandbox holding 5,000 Services and 20,000 pods, against the same
// sandbox empty. Pods are stored as a kubelet would leave them (Running, with IPs); there are
// more than kind's nodes could run, so controllers stay off and the objects go straight in.
// Run with --expose-gc so the numbers are of live data, not garbage.

import { resourceById } from '../source/sandbox/resources/catalog.ts';
import { startSandbox } from '../source/sandbox/sandbox.ts';
import { runningAgnhostPod } from '../test/support/running-pod.ts';

const services = Number(process.env.SERVICES ?? 5000);
const pods = Number(process.env.PODS ?? 20000);
const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) throw new Error('run with node --expose-gc');

function rssMiB(): number {
  gc!();
  gc!();
  return process.memoryUsage().rss / 1024 / 1024;
}

const sandbox = await startSandbox({ controllers: false });
const empty = rssMiB();
const servicesDef = resourceById('/services');
for (let i = 0; i < services; i++) {
  sandbox.ops.create(servicesDef, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}`, namespace: 'default', labels: { app: `app-${i % 500}` } },
    spec: {
      selector: { app: `app-${i % 500}` },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      type: i % 10 === 0 ? 'NodePort' : 'ClusterIP',
    },
  });
}
const withServices = rssMiB();
for (let i = 0; i < pods; i++) {
  const node = i % 2 === 0 ? 'expose-tutor-worker' : 'expose-tutor-worker2';
  const ip = `10.${244 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
  const pod = runningAgnhostPod({
    name: `app-${i % 500}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`,
    labels: { app: `app-${i % 500}`, 'pod-template-hash': '7d9f8c6b5' },
    nodeName: node,
    ip,
    hostIP: '172.18.0.3',
  });
  sandbox.store.insert('/pods', {
    ...pod,
    status: {
      ...pod.status,
      containerStatuses: [
        {
          name: 'agnhost',
          ready: true,
          restartCount: 0,
          started: true,
          image: 'registry.k8s.io/e2e-test-images/agnhost:2.66.1',
          state: { running: { startedAt: new Date().toISOString() } },
        },
      ],
    },
  });
}
const loaded = rssMiB();
console.log(
  `resident memory: empty sandbox ${empty.toFixed(0)} MiB; +${services} Services ${withServices.toFixed(0)} MiB; +${pods} pods ${loaded.toFixed(0)} MiB`,
);
console.log(
  `per 1,000 Services ${(((withServices - empty) / services) * 1000).toFixed(1)} MiB; per 1,000 pods ${(((loaded - withServices) / pods) * 1000).toFixed(1)} MiB; ratio loaded/empty ${(loaded / empty).toFixed(2)}x`,
);
await sandbox.stop();
