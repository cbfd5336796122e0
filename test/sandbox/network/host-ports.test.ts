import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HostEndpoint } from '../../../source/sandbox/network/host-port-plan.ts';
import { isLoopback, listeningSockets } from '../../support/listening-sockets.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { agnhostDeploymentYaml, serviceYaml } from '../../support/workloads.ts';

// "Your machine": the real curl binary against the loopback addresses the sandbox opens for
// NodePorts and LoadBalancers, answered by agnhost pods through kube-proxy and the load balancer.
let harness: SandboxHarness;
let stopped = false;
let pods: string[];

const manifest = `
${agnhostDeploymentYaml({ namespace: 'default', replicas: 3, namedPort: true })}---
${serviceYaml({ namespace: 'default', type: 'NodePort', targetPort: 'http' })}---
${serviceYaml({ name: 'echo-lb', namespace: 'default', type: 'LoadBalancer', app: 'echo', targetPort: 'http' })}---
apiVersion: v1
kind: Service
metadata: {name: echo-local, namespace: default}
spec:
  type: NodePort
  externalTrafficPolicy: Local
  selector: {app: echo}
  ports: [{port: 80, targetPort: http}]
`;

beforeAll(async () => {
  harness = await startHarness({ controllerOptions: { pace: 0.2 } });
  const applied = await harness.kubectl(['apply', '-f', '-'], manifest);
  expect(applied.stderr).toBe('');
  pods = await readyPods(3);
  await eventually(() => endpoint('LoadBalancer', 'default/echo-lb'), 20_000, 'a load balancer');
}, 60_000);

afterAll(async () => {
  if (!stopped) await harness.stop();
});

/** The names of the ready pods once there are `count` of them behind the Service. */
async function readyPods(count: number): Promise<string[]> {
  return eventually(
    () => {
      const names = harness.sandbox.store
        .scan('discovery.k8s.io/endpointslices', 'default')
        .filter((slice) => slice.metadata.labels?.['kubernetes.io/service-name'] === 'echo')
        .flatMap((slice) => slice.endpoints ?? [])
        .filter((e: { conditions?: { ready?: boolean } }) => e.conditions?.ready)
        .map((e: { targetRef: { name: string } }) => e.targetRef.name);
      return names.length === count && names.sort();
    },
    30_000,
    `${count} ready pods`,
  );
}

function endpoint(kind: HostEndpoint['kind'], object: string, node?: string) {
  return harness.sandbox.dataPlane
    .hostEndpoints()
    .find((e) => e.kind === kind && e.object === object && (node === undefined || e.node === node));
}

function curl(args: string[]) {
  return execa('curl', ['--noproxy', '*', '--silent', '--show-error', ...args], {
    reject: false,
    timeout: 60_000,
  });
}

/** 300 requests from one curl, each on a new connection; bodies one per line. */
async function curl300(host: string): Promise<Map<string, number>> {
  const result = await curl([
    '--max-time',
    '5',
    '--header',
    'Connection: close',
    '--write-out',
    '\\n',
    `http://${host}/hostname?request=[1-300]`,
  ]);
  expect(result.stderr).toBe('');
  const tally = new Map<string, number>();
  for (const line of result.stdout.split('\n')) {
    tally.set(line, (tally.get(line) ?? 0) + 1);
  }
  return tally;
}

function expectFairShares(tally: Map<string, number>): void {
  expect([...tally.keys()].sort()).toEqual(pods);
  for (const hits of tally.values()) {
    expect(hits).toBeGreaterThanOrEqual(45);
    expect(hits).toBeLessThanOrEqual(165);
  }
}

describe('NodePorts from this machine', () => {
  it('are open on every node, each at its own loopback address or a recorded mapping', async () => {
    const nodePorts = harness.sandbox.dataPlane
      .hostEndpoints()
      .filter((e) => e.kind === 'NodePort' && e.object === 'default/echo');
    expect(nodePorts.map((e) => e.node)).toEqual([
      'expose-tutor-control-plane',
      'expose-tutor-worker',
      'expose-tutor-worker2',
    ]);
    for (const { virtual, host } of nodePorts) {
      const [ip, port] = virtual.split(':') as [string, string];
      const twin = `127.${ip.split('.').slice(1).join('.')}:${port}`;
      // The loopback twin with the real port, unless another sandbox already holds it.
      if (host !== twin) expect(host).toMatch(/^127\.0\.0\.1:\d+$/);
    }
  });

  it('a real curl on any node is answered by one of the pods', async () => {
    for (const node of ['expose-tutor-control-plane', 'expose-tutor-worker2']) {
      const { host } = endpoint('NodePort', 'default/echo', node)!;
      const result = await curl(['--max-time', '5', `http://${host}/hostname`]);
      expect(result.stderr).toBe('');
      expect(pods).toContain(result.stdout);
    }
  });

  it('300 requests reach all 3 pods, each with 15–55 % of them', async () => {
    expectFairShares(
      await curl300(endpoint('NodePort', 'default/echo', 'expose-tutor-worker')!.host),
    );
  });

  it('externalTrafficPolicy Local: a node without a pod drops; a node with one shows the host as client', async () => {
    const empty = endpoint('NodePort', 'default/echo-local', 'expose-tutor-control-plane')!;
    const dropped = await curl(['--max-time', '1', `http://${empty.host}/hostname`]);
    expect(dropped.exitCode).toBe(28);
    const served = endpoint('NodePort', 'default/echo-local', 'expose-tutor-worker')!;
    const result = await curl(['--max-time', '5', `http://${served.host}/clientip`]);
    expect(result.stdout).toMatch(/^172\.18\.0\.1:\d+$/);
  });
});

describe('LoadBalancers from this machine', () => {
  it('a real curl on the published address is answered by one of the pods', async () => {
    const lb = endpoint('LoadBalancer', 'default/echo-lb')!;
    const status = harness.sandbox.store.peek('/services', 'default', 'echo-lb')?.status;
    expect(lb.virtual).toBe(`${status?.loadBalancer.ingress[0].ip}:80`);
    const result = await curl(['--max-time', '5', `http://${lb.host}/hostname`]);
    expect(result.stderr).toBe('');
    expect(pods).toContain(result.stdout);
  });

  it('300 requests reach all 3 pods, each with 15–55 % of them', async () => {
    expectFairShares(await curl300(endpoint('LoadBalancer', 'default/echo-lb')!.host));
  });

  it('the pods see a node as the client (Envoy dials node ports; kube-proxy masquerades)', async () => {
    const result = await curl([
      '--max-time',
      '5',
      `http://${endpoint('LoadBalancer', 'default/echo-lb')!.host}/clientip`,
    ]);
    expect(result.stdout).toMatch(/^172\.18\.0\.[34]:\d+$/);
  });
});

describe('a Service without endpoints', () => {
  it('refuses on its NodePorts for real, and the load balancer closes without a reply', async () => {
    const before = endpoint('NodePort', 'default/echo', 'expose-tutor-worker')!;
    await harness.kubectl(['scale', 'deployment/echo', '--replicas=0']);
    await eventually(
      () => endpoint('NodePort', 'default/echo', 'expose-tutor-worker')?.listening === false,
      30_000,
      'the node port listener to close',
    );
    const refused = await curl(['--max-time', '5', `http://${before.host}/hostname`]);
    expect(refused.exitCode).toBe(7);
    const lb = endpoint('LoadBalancer', 'default/echo-lb')!;
    const empty = await curl(['--max-time', '5', `http://${lb.host}/hostname`]);
    expect(empty.exitCode).toBe(52);
    expect(empty.stderr).toContain('Empty reply from server');

    await harness.kubectl(['scale', 'deployment/echo', '--replicas=3']);
    pods = await readyPods(3);
    const after = await eventually(
      () => {
        const reopened = endpoint('NodePort', 'default/echo', 'expose-tutor-worker');
        return reopened?.listening && reopened;
      },
      30_000,
      'the node port listener to reopen',
    );
    expect(after.host).toBe(before.host);
    const answered = await curl(['--max-time', '5', `http://${after.host}/hostname`]);
    expect(pods).toContain(answered.stdout);
  }, 120_000);
});

describe('the host listeners', () => {
  it('are all on loopback, and all close when the sandbox stops', async () => {
    const sockets = listeningSockets();
    const hosts = harness.sandbox.dataPlane
      .hostEndpoints()
      .filter((e) => e.listening)
      .map((e) => e.host);
    for (const host of hosts) {
      const [ip, port] = host.split(':');
      expect(sockets).toContainEqual({ ip, port: Number(port) });
    }
    expect(sockets.filter((socket) => !isLoopback(socket.ip))).toEqual([]);

    stopped = true;
    await harness.stop();
    expect(listeningSockets()).toEqual([]);
    // libuv finishes closing handles on the next turns of the loop: nothing keeps the process up.
    await eventually(
      () =>
        !process
          .getActiveResourcesInfo()
          .some((kind) => kind === 'TCPServerWrap' || kind === 'TCPSocketWrap'),
      5_000,
      'every TCP handle to close',
    );
    const refused = await curl(['--max-time', '5', `http://${hosts[0]}/hostname`]);
    expect(refused.exitCode).toBe(7);
  });
});
