// `kubectl get svc -A` with 1,000 Services, as a ratio to the same listing with 10. The
// Services are created through the API with client-node, whose throughput is printed too.
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CoreV1Api, KubeConfig } from '@kubernetes/client-node';
import { execa } from 'execa';
import { startSandbox } from '../source/sandbox/sandbox.ts';
import { kubectlBinary } from '../test/support/sandbox.ts';
import { formatMs, medianOf, report, timeOnce } from './measure.ts';

const runs = Number(process.env.RUNS ?? 5);
const sandbox = await startSandbox();
const dir = mkdtempSync(join(tmpdir(), 'bench-list-'));
const kubeconfig = join(dir, 'kubeconfig');
writeFileSync(kubeconfig, sandbox.kubeconfig(), { mode: 0o600 });
const kc = new KubeConfig();
kc.loadFromFile(kubeconfig);
const core = kc.makeApiClient(CoreV1Api);

async function createServices(from: number, to: number): Promise<void> {
  const batch = 20;
  for (let start = from; start < to; start += batch) {
    await Promise.all(
      Array.from({ length: Math.min(batch, to - start) }, (_, i) =>
        core.createNamespacedService({
          namespace: 'default',
          body: {
            metadata: { name: `svc-${start + i}` },
            spec: { selector: { app: `a${start + i}` }, ports: [{ port: 80 }] },
          },
        }),
      ),
    );
  }
}

const listAll = () =>
  execa(kubectlBinary, [
    '--kubeconfig',
    kubeconfig,
    '--cache-dir',
    join(dir, 'cache'),
    'get',
    'svc',
    '-A',
  ]);
await createServices(0, 8); // with `kubernetes` and `kube-dns`: 10 Services
await listAll(); // warm kubectl's discovery cache
const small = await medianOf(runs, listAll);
const createTime = await timeOnce(() => createServices(8, 998));
const large = await medianOf(runs, listAll);
const lines = (await listAll()).stdout.split('\n').length - 1;
console.log(
  `created 990 Services through the API in ${formatMs(createTime)} (${(990 / (createTime / 1000)).toFixed(0)}/s)`,
);
report(`kubectl get svc -A, ${lines} Services (median)`, large, 'the same with 10', small);
await sandbox.stop();
