// Requests/s and p50/p99 latency through each Service hop — ClusterIP, NodePort, Ingress —
// as ratios to requests sent straight to a pod. Client and sandbox share one Node process, so
// with `taskset -c 0` (run-all does it where available) everything runs on one core.

import type { VirtualAddress } from '../source/sandbox/network/proxy-protocol.ts';
import { resourceById } from '../source/sandbox/resources/catalog.ts';
import { startSandbox } from '../source/sandbox/sandbox.ts';
import { virtualGet } from '../test/support/virtual-http.ts';
import { agnhostDeployment, ingressFor, serviceFor } from '../test/support/workloads.ts';

const requests = Number(process.env.REQUESTS ?? 2000);
const sandbox = await startSandbox({ controllerOptions: { pace: 0 } });
const create = (id: string, object: Record<string, unknown>) =>
  sandbox.ops.create(resourceById(id), object as never);

create('apps/deployments', agnhostDeployment({ namespace: 'default', replicas: 3 }));
create('/services', serviceFor({ namespace: 'default', type: 'NodePort' }));
create('networking.k8s.io/ingresses', ingressFor({ name: 'echo', namespace: 'default' }));

async function until<T>(read: () => T | undefined): Promise<T> {
  for (let i = 0; i < 500; i++) {
    const value = read();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the lesson objects never became ready');
}

const readySlice = () => {
  const slices = sandbox.store
    .scan('discovery.k8s.io/endpointslices', 'default')
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'echo');
  const ready = slices
    .flatMap((s) => s.endpoints ?? [])
    .filter((e: { conditions: { ready: boolean } }) => e.conditions.ready);
  return ready.length === 3 ? ready : undefined;
};
const endpoints = await until(readySlice);
const service = sandbox.store.peek('/services', 'default', 'echo')!;
const ingressIP = await until(
  () =>
    sandbox.store.peek('networking.k8s.io/ingresses', 'default', 'echo')?.status?.loadBalancer
      ?.ingress?.[0]?.ip as string | undefined,
);

const client = '172.18.0.1';
const targets: { name: string; to: VirtualAddress; host?: string }[] = [
  { name: 'straight to a pod', to: { ip: endpoints[0].addresses[0], port: 8080 } },
  { name: 'ClusterIP hop', to: { ip: service.spec.clusterIP, port: 80 } },
  { name: 'NodePort hop', to: { ip: '172.18.0.3', port: service.spec.ports[0].nodePort } },
  { name: 'Ingress hop', to: { ip: ingressIP, port: 80 }, host: 'echo.example' },
];

interface Result {
  perSecond: number;
  p50: number;
  p99: number;
}

async function measure(to: VirtualAddress, host?: string): Promise<Result> {
  const latencies: number[] = [];
  for (let i = 0; i < 200; i++)
    await virtualGet(sandbox.dataPlane, client, to, '/hostname', 3000, host); // warm-up
  const start = performance.now();
  for (let i = 0; i < requests; i++) {
    const t = performance.now();
    const result = await virtualGet(sandbox.dataPlane, client, to, '/hostname', 3000, host);
    if (result.outcome !== 'reply' || result.status !== 200)
      throw new Error(`request failed: ${JSON.stringify(result)}`);
    latencies.push(performance.now() - t);
  }
  const elapsed = performance.now() - start;
  latencies.sort((a, b) => a - b);
  return {
    perSecond: requests / (elapsed / 1000),
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p99: latencies[Math.floor(latencies.length * 0.99)]!,
  };
}

const results = new Map<string, Result>();
for (const target of targets) results.set(target.name, await measure(target.to, target.host));
const base = results.get('straight to a pod')!;
console.log(`${requests} sequential GET /hostname per path, each over fresh connections`);
for (const [name, r] of results) {
  console.log(
    `${name.padEnd(18)} ${r.perSecond.toFixed(0).padStart(6)} req/s (${(r.perSecond / base.perSecond).toFixed(2)}x)   p50 ${r.p50.toFixed(2)} ms (${(r.p50 / base.p50).toFixed(2)}x)   p99 ${r.p99.toFixed(2)} ms (${(r.p99 / base.p99).toFixed(2)}x)`,
  );
}
await sandbox.stop();
