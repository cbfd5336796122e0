import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json } from '../../../source/sandbox/api/kube-object.ts';
import { nodes } from '../../../source/sandbox/cluster/topology.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { bodyOf, type VirtualGet, virtualGet } from '../../support/virtual-http.ts';
import { agnhostDeploymentYaml } from '../../support/workloads.ts';

// Traffic through kube-proxy's hops, over real connections on the sandbox's fabric: ClusterIP
// and NodePort, their traffic policies and session affinity, and the failures a kind cluster
// gives (refused, timed out).
let harness: SandboxHarness;
beforeAll(async () => {
  harness = await startHarness();
  const applied = await harness.kubectl(['apply', '-f', '-'], manifests);
  expect(applied.stderr).toBe('');
  for (const deployment of ['echo', 'solo', 'elsewhere']) {
    const rollout = await harness.kubectl(['rollout', 'status', `deployment/${deployment}`]);
    expect(rollout.exitCode).toBe(0);
  }
  await eventually(() => pod('client')?.status?.phase === 'Running', 10_000, 'client pod');
});
afterAll(async () => {
  await harness.stop();
});

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const [controlPlane, worker, worker2] = nodes as [
  (typeof nodes)[0],
  (typeof nodes)[0],
  (typeof nodes)[0],
];
/** The host as kind's nodes see it: the Docker network's gateway. */
const hostIP = '172.18.0.1';

function deployment(name: string, replicas: number, podSpec = {}): string {
  return agnhostDeploymentYaml({ name, replicas, image: agnhost, namedPort: true, podSpec });
}

function service(name: string, spec: string, selector = name): string {
  return `
apiVersion: v1
kind: Service
metadata: {name: ${name}}
spec:
  selector: {app: ${selector}}
${spec}
`;
}

const onWorker = { nodeSelector: { 'kubernetes.io/hostname': worker.name } };

const manifests = [
  deployment('echo', 3),
  deployment('solo', 1, onWorker),
  deployment('elsewhere', 1, onWorker),
  service('echo', `  type: NodePort\n  ports: [{port: 80, targetPort: http}]`),
  service(
    'solo',
    `  type: NodePort\n  externalTrafficPolicy: Local\n  ports: [{port: 80, targetPort: 8080}]`,
  ),
  service('sticky', `  sessionAffinity: ClientIP\n  ports: [{port: 80, targetPort: http}]`, 'echo'),
  service('nobody', `  ports: [{port: 80, targetPort: 8080}]`, 'does-not-exist'),
  service('wrong-port', `  ports: [{port: 80, targetPort: 9999}]`, 'echo'),
  service(
    'same-node',
    `  internalTrafficPolicy: Local\n  ports: [{port: 80, targetPort: 8080}]`,
    'solo',
  ),
  `
apiVersion: v1
kind: Pod
metadata: {name: client}
spec:
  nodeName: ${worker2.name}
  containers:
  - {name: client, image: ${agnhost}, args: [pause]}
`,
].join('\n---\n');

function pod(name: string): Json | undefined {
  return harness.sandbox.store.peek('/pods', 'default', name);
}

function podsOf(app: string): Json[] {
  return harness.sandbox.store
    .scan('/pods', 'default')
    .filter((p) => p.metadata.labels?.app === app && !p.metadata.deletionTimestamp);
}

function clusterIP(name: string): string {
  return harness.sandbox.store.peek('/services', 'default', name)!.spec.clusterIP;
}

function nodePort(name: string): number {
  return harness.sandbox.store.peek('/services', 'default', name)!.spec.ports[0].nodePort;
}

function get(from: string, ip: string, port: number, path: string, timeoutMs?: number) {
  return virtualGet(harness.sandbox.dataPlane, from, { ip, port }, path, timeoutMs);
}

/** Waits until the Service answers (its EndpointSlice has caught up), then returns the reply. */
function answered(from: string, ip: string, port: number, path: string): Promise<VirtualGet> {
  return eventually(
    async () => {
      const result = await get(from, ip, port, path);
      return result.outcome === 'reply' ? result : undefined;
    },
    10_000,
    `an answer from ${ip}:${port}`,
  );
}

describe('ClusterIP', () => {
  it('spreads 300 connections over all 3 pods, each getting 15–55 % of them', async () => {
    const client = pod('client')!.status.podIP;
    await answered(client, clusterIP('echo'), 80, '/hostname');
    const tally = new Map<string, number>();
    for (let i = 0; i < 300; i++) {
      const name = bodyOf(await get(client, clusterIP('echo'), 80, '/hostname'));
      tally.set(name, (tally.get(name) ?? 0) + 1);
    }
    expect([...tally.keys()].sort()).toEqual(
      podsOf('echo')
        .map((p) => p.metadata.name)
        .sort(),
    );
    for (const count of tally.values()) {
      expect(count).toBeGreaterThanOrEqual(45);
      expect(count).toBeLessThanOrEqual(165);
    }
  });

  it('keeps the client pod’s address: no SNAT from a pod', async () => {
    const client = pod('client')!.status.podIP;
    const seen = bodyOf(await answered(client, clusterIP('echo'), 80, '/clientip'));
    expect(seen).toMatch(new RegExp(`^${client.replace(/\./g, '\\.')}:\\d+$`));
  });

  it('works from a node too, and the pod sees the node', async () => {
    const seen = bodyOf(await answered(worker2.internalIP, clusterIP('echo'), 80, '/clientip'));
    expect(seen).toMatch(/^172\.18\.0\.4:\d+$/);
  });

  it('sends all 20 connections of one client to one pod with sessionAffinity: ClientIP', async () => {
    const client = pod('client')!.status.podIP;
    await answered(client, clusterIP('sticky'), 80, '/hostname');
    const answers = new Set<string>();
    for (let i = 0; i < 20; i++) {
      answers.add(bodyOf(await get(client, clusterIP('sticky'), 80, '/hostname')));
    }
    expect(answers.size).toBe(1);
    expect(podsOf('echo').map((p) => p.metadata.name)).toContain([...answers][0]);
  });

  it.each([
    ['a selector that matches no pod is refused (no endpoints: REJECT)', 'nobody', 80, 'refused'],
    ['a targetPort nothing listens on is refused by the pod', 'wrong-port', 80, 'refused'],
    ['a port the Service does not have is dropped (the client times out)', 'echo', 81, 'timed out'],
  ])('%s', async (_what, name, port, outcome) => {
    const client = pod('client')!.status.podIP;
    expect((await get(client, clusterIP(name), port, '/hostname', 300)).outcome).toBe(outcome);
  });

  it('lists the wrong targetPort in the EndpointSlice: the refusal comes from the pods', () => {
    const slice = harness.sandbox.store
      .scan('discovery.k8s.io/endpointslices', 'default')
      .find((s) => s.metadata.labels?.['kubernetes.io/service-name'] === 'wrong-port')!;
    expect(slice.ports).toEqual([expect.objectContaining({ port: 9999 })]);
    expect(slice.endpoints.filter((e: Json) => e.conditions.ready)).toHaveLength(3);
  });

  it('with internalTrafficPolicy: Local, reaches only the client node’s endpoints', async () => {
    const soloPod = podsOf('solo')[0]!;
    expect(soloPod.spec.nodeName).toBe(worker.name);
    const sameNode = podsOf('elsewhere')[0]!.status.podIP;
    expect(bodyOf(await answered(sameNode, clusterIP('same-node'), 80, '/hostname'))).toBe(
      soloPod.metadata.name,
    );
    // The client pod runs on worker2, where the Service has no endpoint: dropped.
    const client = pod('client')!.status.podIP;
    expect((await get(client, clusterIP('same-node'), 80, '/hostname', 300)).outcome).toBe(
      'timed out',
    );
  });
});

describe('NodePort', () => {
  it('answers on every node, the control plane included, SNATed to that node (policy Cluster)', async () => {
    for (const node of nodes) {
      const seen = bodyOf(await answered(hostIP, node.internalIP, nodePort('echo'), '/clientip'));
      expect(seen).toMatch(new RegExp(`^${node.internalIP.replace(/\./g, '\\.')}:\\d+$`));
    }
  });

  it('with externalTrafficPolicy: Local, answers only where a pod runs and keeps the client', async () => {
    const soloPod = podsOf('solo')[0]!;
    const reply = await answered(hostIP, worker.internalIP, nodePort('solo'), '/clientip');
    expect(bodyOf(reply)).toMatch(/^172\.18\.0\.1:\d+$/);
    expect(bodyOf(await get(hostIP, worker.internalIP, nodePort('solo'), '/hostname'))).toBe(
      soloPod.metadata.name,
    );
    for (const node of [controlPlane, worker2]) {
      const result = await get(hostIP, node.internalIP, nodePort('solo'), '/hostname', 300);
      expect(result.outcome).toBe('timed out');
    }
  });

  it('refuses a port no Service has on a node', async () => {
    expect((await get(hostIP, worker.internalIP, 31_999, '/')).outcome).toBe('refused');
  });
});

describe('endpoints going away', () => {
  it('refuses once the Deployment is scaled to zero', async () => {
    const client = pod('client')!.status.podIP;
    await answered(client, clusterIP('solo'), 80, '/hostname');
    const scaled = await harness.kubectl(['scale', 'deployment/solo', '--replicas=0']);
    expect(scaled.stdout).toBe('deployment.apps/solo scaled');
    await eventually(
      async () =>
        (await get(client, clusterIP('solo'), 80, '/hostname', 300)).outcome === 'refused',
      10_000,
      'a refusal after scaling to zero',
    );
  });
});
