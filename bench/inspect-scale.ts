// `k8s-expose-tutor inspect --json -A` (the built bundle) on a sandbox holding 5,000 Services,
// their EndpointSlices and 20,000 pods, as a ratio to `kubectl get
// svc,endpointslices,pods,ingress -A -o json` against the same sandbox; with each one's peak
// resident memory (GNU time's maximum RSS). Objects go straight into the store, as in
// sandbox-memory.ts: controllers stay off, and pods are stored as a kubelet leaves them.
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { resourceById } from '../source/sandbox/resources/catalog.ts';
import { startSandbox } from '../source/sandbox/sandbox.ts';
import { runningAgnhostPod } from '../test/support/running-pod.ts';
import { kubectlBinary } from '../test/support/sandbox.ts';
import { formatMs, median, report } from './measure.ts';

const services = Number(process.env.SERVICES ?? 5000);
const pods = Number(process.env.PODS ?? 20000);
const runs = Number(process.env.RUNS ?? 3);
const apps = 500;
const cli = join(import.meta.dirname, '..', 'dist', 'cli.js');
if (!existsSync(cli)) throw new Error('build first: npm run build');

const sandbox = await startSandbox({ controllers: false });
const dir = mkdtempSync(join(tmpdir(), 'bench-inspect-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, sandbox.kubeconfig(), { mode: 0o600 });

const podsByApp = new Map<number, { name: string; ip: string; node: string }[]>();
for (let i = 0; i < pods; i++) {
  const app = i % apps;
  const node = i % 2 === 0 ? 'expose-tutor-worker' : 'expose-tutor-worker2';
  const ip = `10.${244 + Math.floor(i / 65536)}.${Math.floor(i / 256) % 256}.${i % 256}`;
  const name = `app-${app}-7d9f8c6b5-${i.toString(36).padStart(5, 'x')}`;
  podsByApp.set(app, [...(podsByApp.get(app) ?? []), { name, ip, node }]);
  sandbox.store.insert(
    '/pods',
    runningAgnhostPod({
      name,
      labels: { app: `app-${app}`, 'pod-template-hash': '7d9f8c6b5' },
      nodeName: node,
      ip,
      hostIP: node === 'expose-tutor-worker' ? '172.18.0.3' : '172.18.0.4',
    }),
  );
}
const servicesDef = resourceById('/services');
for (let i = 0; i < services; i++) {
  const app = i % apps;
  sandbox.ops.create(servicesDef, {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: `svc-${i}`, namespace: 'default' },
    spec: {
      selector: { app: `app-${app}` },
      ports: [{ name: 'http', port: 80, targetPort: 8080 }],
      type: i % 10 === 0 ? 'NodePort' : 'ClusterIP',
    },
  });
  sandbox.store.insert('discovery.k8s.io/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      name: `svc-${i}-abcde`,
      namespace: 'default',
      labels: { 'kubernetes.io/service-name': `svc-${i}` },
    },
    addressType: 'IPv4',
    ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
    endpoints: (podsByApp.get(app) ?? []).map((pod) => ({
      addresses: [pod.ip],
      conditions: { ready: true, serving: true, terminating: false },
      nodeName: pod.node,
      targetRef: { kind: 'Pod', namespace: 'default', name: pod.name },
    })),
  });
}

/** Wall time and peak RSS of one client run, read from GNU time. */
async function measured(
  command: string[],
): Promise<{ ms: number; peakMiB: number; bytes: number }> {
  const start = performance.now();
  const result = await execa('/usr/bin/time', ['-f', 'peak-kib %M', ...command], {
    reject: false,
    maxBuffer: 1024 * 1024 * 1024,
  });
  const ms = performance.now() - start;
  if (result.exitCode !== 0) throw new Error(`${command.join(' ')} failed: ${result.stderr}`);
  const peak = /peak-kib (\d+)/.exec(result.stderr);
  return { ms, peakMiB: Number(peak?.[1] ?? 0) / 1024, bytes: result.stdout.length };
}

async function medianRun(command: string[]) {
  const all = [];
  for (let i = 0; i < runs; i++) all.push(await measured(command));
  return {
    ms: median(all.map((run) => run.ms)),
    peakMiB: Math.max(...all.map((run) => run.peakMiB)),
    bytes: all[0]!.bytes,
  };
}

const kubectl = [
  kubectlBinary,
  '--kubeconfig',
  kubeconfig,
  '--cache-dir',
  join(dir, 'cache'),
  'get',
  'svc,endpointslices,pods,ingress',
  '-A',
  '-o',
  'json',
];
const inspect = [process.execPath, cli, 'inspect', '--kubeconfig', kubeconfig, '--json', '-A'];
await measured(kubectl); // warm kubectl's discovery cache
const baseline = await medianRun(kubectl);
const measuredInspect = await medianRun(inspect);
report(
  `inspect --json -A, ${services} Services/${pods} pods (median)`,
  measuredInspect.ms,
  'kubectl get … -o json',
  baseline.ms,
);
console.log(
  `peak memory: inspect ${measuredInspect.peakMiB.toFixed(0)} MiB vs kubectl ${baseline.peakMiB.toFixed(0)} MiB (ratio ${(measuredInspect.peakMiB / baseline.peakMiB).toFixed(2)}x); output ${(measuredInspect.bytes / 1e6).toFixed(1)} MB vs ${(baseline.bytes / 1e6).toFixed(1)} MB; ${formatMs(measuredInspect.ms)} per run`,
);
await sandbox.stop();
rmSync(dir, { recursive: true, force: true });
