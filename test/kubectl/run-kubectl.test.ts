import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Cluster } from '../../source/cluster/cluster.ts';
import { KubeCluster } from '../../source/cluster/kube-cluster.ts';
import { parseKubectl } from '../../source/kubectl/kubectl-arguments.ts';
import { runKubectl } from '../../source/kubectl/run-kubectl.ts';
import { kubeConfigFor } from '../support/client-node.ts';
import { type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { agnhostDeployment, serviceFor } from '../support/workloads.ts';

let harness: SandboxHarness;
let cluster: Cluster;
const namespace = 'tables';

beforeAll(async () => {
  harness = await startHarness({ controllerOptions: { pace: 0.05 } });
  cluster = new KubeCluster(kubeConfigFor(harness));
  await cluster.ensureNamespace(namespace);
  await cluster.apply(agnhostDeployment(), { namespace });
  await cluster.apply(serviceFor(), { namespace });
  const ready = await cluster.waitFor(
    { type: 'endpointsReady', namespace, service: 'echo', count: 2 },
    { timeoutMs: 20_000 },
  );
  expect(ready.met).toBe(true);
});
afterAll(async () => {
  await harness.stop();
});

async function ours(command: string) {
  const parsed = parseKubectl(command);
  if ('error' in parsed) throw new Error(parsed.error);
  return runKubectl(parsed.command, { cluster, namespace });
}

/** Ages tick between the two runs; compare everything else, cell by cell. */
function cells(text: string): string[][] {
  return text
    .trim()
    .split('\n')
    .map((line) =>
      line
        .trim()
        .split(/\s{2,}|\t/)
        .map((cell) => cell.replace(/^\d+s$/, '<age>')),
    );
}

describe('kubectl commands run through the Cluster interface print what kubectl prints', () => {
  it.each([
    'get pods',
    'get pods -o wide',
    'get services -o wide',
    'get pods,svc',
    'get endpointslices -l kubernetes.io/service-name=echo',
    'get deployment echo',
    'get pods --show-labels',
    'get nodes -o wide',
  ])('kubectl %s', async (command) => {
    const real = await harness.kubectl([...command.split(' '), '-n', namespace]);
    expect(real.exitCode, real.stderr).toBe(0);
    const result = await ours(command);
    expect(result.exitCode).toBe(0);
    expect(cells(result.output)).toEqual(cells(real.stdout));
  });

  it('prints JSONPath and names exactly', async () => {
    for (const command of [
      ['get', 'service', 'echo', '-o', 'jsonpath={.spec.clusterIP}:{.spec.ports[0].port}'],
      ['get', 'pods', '-o', 'name'],
      ['get', 'pods', '-o', 'jsonpath={range .items[*]}{.metadata.name}{"\\n"}{end}'],
    ]) {
      const real = await harness.kubectl([...command, '-n', namespace]);
      const line = command.map((word) => (/[ {]/.test(word) ? `'${word}'` : word)).join(' ');
      // execa drops one final newline from what kubectl printed.
      expect((await ours(line)).output.replace(/\n$/, '')).toBe(real.stdout);
    }
  });

  it('reports missing objects and empty lists in kubectl’s words', async () => {
    const real = await harness.kubectl(['get', 'service', 'nope', '-n', namespace]);
    const result = await ours('get service nope');
    expect(result.exitCode).toBe(1);
    expect(result.output).toBe(real.stderr.trim());
    const empty = await harness.kubectl(['get', 'ingresses', '-n', namespace]);
    expect((await ours('get ingresses')).output).toBe(empty.stderr.trim());
  });

  it('deletes and waits until the pod is gone, as kubectl delete does', async () => {
    const pods = await cluster.list({ apiVersion: 'v1', kind: 'Pod', namespace });
    const name = pods[0]!.metadata.name!;
    const result = await ours(`delete pod ${name}`);
    expect(result.output).toBe(`pod "${name}" deleted from ${namespace} namespace`);
    expect(await cluster.get({ apiVersion: 'v1', kind: 'Pod', namespace, name })).toBeUndefined();
  });

  it('scales a deployment', async () => {
    const result = await ours('scale deployment/echo --replicas=1');
    expect(result.output).toBe('deployment.apps/echo scaled');
    const deployment = await cluster.get({
      apiVersion: 'apps/v1',
      kind: 'Deployment',
      namespace,
      name: 'echo',
    });
    expect(deployment?.spec.replicas).toBe(1);
  });
});
