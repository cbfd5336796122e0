import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Probe, ProbeRun } from '../../source/probe/probe.ts';
import { sandboxProbe } from '../../source/probe/sandbox/sandbox-probe.ts';
import { createSelfSignedCertificate } from '../../source/sandbox/api/serving-certificate.ts';
import { nodes } from '../../source/sandbox/cluster/topology.ts';
import { eventually, type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { tlsSecretYaml } from '../support/tls-secret.ts';
import { agnhostDeploymentYaml, clientPodYaml, ingressYaml } from '../support/workloads.ts';

// The probe API against a sandbox, from each vantage point: a pod (curl through pods/exec with
// client-node), a node (its own view of the network), and this machine (real HTTP to the
// sandbox's loopback listeners). Outcomes are named; repeated probes are tallied per pod.
const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const [, worker, worker2] = nodes as [(typeof nodes)[0], (typeof nodes)[0], (typeof nodes)[0]];

function deployment(name: string, replicas: number, pinned = false): string {
  const podSpec = pinned ? { nodeSelector: { 'kubernetes.io/hostname': worker.name } } : {};
  return agnhostDeploymentYaml({
    name,
    namespace: 'demo',
    replicas,
    image: agnhost,
    namedPort: true,
    podSpec,
  });
}

function nodePortService(name: string, selector: string, extra = ''): string {
  return `
apiVersion: v1
kind: Service
metadata: {name: ${name}, namespace: demo}
spec:
  type: NodePort${extra}
  selector: {app: ${selector}}
  ports: [{port: 80, targetPort: 8080}]
`;
}

const ingress = (certificate: { certPem: string; keyPem: string }) => `
${tlsSecretYaml({ name: 'secure-tls', namespace: 'demo' }, certificate)}---
${ingressYaml({
  name: 'web',
  namespace: 'demo',
  hosts: ['shop.example', 'secure.example'],
  tls: { hosts: ['secure.example'], secretName: 'secure-tls' },
})}`;

const manifests = [
  'apiVersion: v1\nkind: Namespace\nmetadata: {name: demo}',
  deployment('echo', 3),
  deployment('solo', 1, true),
  nodePortService('echo', 'echo'),
  nodePortService('nobody', 'nothing-has-this-label'),
  nodePortService('solo', 'solo', '\n  externalTrafficPolicy: Local'),
  clientPodYaml({ namespace: 'demo', image: agnhost, container: 'client' }),
].join('\n---\n');

let harness: SandboxHarness;
let probe: Probe;
beforeAll(async () => {
  harness = await startHarness();
  probe = sandboxProbe(harness.sandbox);
  const certificate = await createSelfSignedCertificate('secure.example', {
    dns: ['secure.example'],
  });
  expect((await harness.kubectl(['apply', '-f', '-'], manifests)).stderr).toBe('');
  expect((await harness.kubectl(['apply', '-f', '-'], ingress(certificate))).stderr).toBe('');
  for (const name of ['echo', 'solo']) {
    const rollout = await harness.kubectl([
      '-n',
      'demo',
      'rollout',
      'status',
      `deployment/${name}`,
    ]);
    expect(rollout.exitCode).toBe(0);
  }
  expect(
    (await harness.kubectl(['-n', 'demo', 'wait', '--for=condition=Ready', 'pod/client'])).exitCode,
  ).toBe(0);
  // Every echo pod is in the Service's EndpointSlice once a probe from a node sees all three.
  await eventually(
    async () =>
      (await fromNode(worker2.name, `http://${clusterIP('echo')}/hostname`, 30)).tally.pods
        .length === 3,
    15_000,
    'all echo pods in rotation',
  );
  await eventually(
    () =>
      ingressIP() &&
      harness.sandbox.dataPlane.hostEndpoints().some((e) => e.virtual === `${ingressIP()}:443`),
    20_000,
    "the Ingress's address on this machine",
  );
});
afterAll(async () => {
  await harness.stop();
});

function clusterIP(name: string): string {
  return harness.sandbox.store.peek('/services', 'demo', name)!.spec.clusterIP;
}

function nodePort(name: string): number {
  return harness.sandbox.store.peek('/services', 'demo', name)!.spec.ports[0].nodePort;
}

function ingressIP(): string | undefined {
  return harness.sandbox.store.peek('networking.k8s.io/ingresses', 'demo', 'web')?.status
    ?.loadBalancer?.ingress?.[0]?.ip;
}

function echoPods(): string[] {
  return harness.sandbox.store
    .scan('/pods', 'demo')
    .filter((pod) => pod.metadata.labels?.app === 'echo')
    .map((pod) => pod.metadata.name!)
    .sort();
}

function fromPod(url: string, count = 1, timeoutMs?: number): Promise<ProbeRun> {
  return probe.send({
    from: { from: 'pod', namespace: 'demo', pod: 'client' },
    target: { url },
    count,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

function fromNode(node: string, url: string, count = 1, timeoutMs?: number): Promise<ProbeRun> {
  return probe.send({
    from: { from: 'node', node },
    target: { url },
    count,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

function fromHost(url: string, count = 1, timeoutMs?: number): Promise<ProbeRun> {
  return probe.send({
    from: { from: 'host' },
    target: { url },
    count,
    ...(timeoutMs ? { timeoutMs } : {}),
  });
}

describe('probing from a pod', () => {
  it('spreads 30 requests to a 3-replica Service over all 3 pods, with the command to copy', async () => {
    const seen: number[] = [];
    const run = await probe.send(
      {
        from: { from: 'pod', namespace: 'demo', pod: 'client' },
        target: { url: 'http://echo/hostname' },
        count: 30,
      },
      (result) => seen.push(result.index),
    );
    expect(seen).toEqual([...Array(30).keys()]);
    expect(run.results[0]!.command).toBe(
      'kubectl exec -n demo client -- curl -s http://echo/hostname',
    );
    expect(run.results.every((result) => result.outcome.kind === 'response')).toBe(true);
    expect(run.tally.pods.map((entry) => entry.pod)).toEqual(echoPods());
    expect(run.tally.pods.every((entry) => entry.hits > 0)).toBe(true);
    expect(run.tally.pods.reduce((sum, entry) => sum + entry.hits, 0)).toBe(30);
    expect(run.results[0]!.body).toBe(run.results[0]!.pod);
  });

  it('names the failures: refused, DNS failure, timed out', async () => {
    expect((await fromPod('http://nobody/')).results[0]!.outcome).toMatchObject({
      kind: 'refused',
      detail: expect.stringMatching(
        /^Failed to connect to nobody port 80 after \d+ ms: Could not connect to server$/,
      ),
    });
    expect((await fromPod('http://nope/')).results[0]!.outcome).toEqual({
      kind: 'dns-failure',
      detail: 'Could not resolve host: nope',
    });
    expect((await fromPod('http://10.244.9.9:8080/', 1, 300)).results[0]!.outcome).toMatchObject({
      kind: 'timed-out',
      detail: expect.stringMatching(/^Connection timed out after \d+ milliseconds$/),
    });
  });

  it('says when the pod itself cannot run the command', async () => {
    const run = await probe.send({
      from: { from: 'pod', namespace: 'demo', pod: 'ghost' },
      target: { url: 'http://echo/' },
    });
    expect(run.results[0]!.outcome.kind).toBe('error');
    expect(run.tally.failures).toEqual({ error: 1 });
  });
});

describe('probing from a node', () => {
  it('reaches a cluster IP, shown as docker exec on the node', async () => {
    const run = await fromNode(worker2.name, `http://${clusterIP('echo')}/hostname`);
    expect(run.results[0]!.command).toBe(
      `docker exec ${worker2.name} curl -s http://${clusterIP('echo')}/hostname`,
    );
    expect(echoPods()).toContain(run.results[0]!.pod);
  });

  it("cannot resolve Service names: a kind node uses Docker's DNS", async () => {
    expect(
      (await fromNode(worker.name, 'http://echo.demo.svc.cluster.local/')).results[0]!.outcome,
    ).toEqual({
      kind: 'dns-failure',
      detail: 'Could not resolve host: echo.demo.svc.cluster.local',
    });
  });

  it('sees externalTrafficPolicy: Local — an answer where the endpoint lives, silence elsewhere', async () => {
    const port = nodePort('solo');
    const here = await fromNode(worker2.name, `http://${worker.internalIP}:${port}/hostname`);
    expect(here.results[0]!.pod).toMatch(/^solo-/);
    // From another node this is outside traffic, and worker2 has no local endpoint: dropped.
    const elsewhere = await fromNode(
      worker.name,
      `http://${worker2.internalIP}:${port}/hostname`,
      1,
      300,
    );
    expect(elsewhere.results[0]!.outcome).toMatchObject({
      kind: 'timed-out',
      detail: expect.stringMatching(/^Connection timed out after \d+ milliseconds$/),
    });
  });

  it('is refused on a node port nothing serves', async () => {
    const run = await fromNode(worker.name, `http://${worker.internalIP}:31999/`);
    expect(run.results[0]!.outcome.kind).toBe('refused');
  });
});

describe('probing from your machine', () => {
  async function hostAddressOf(virtual: string): Promise<string> {
    return eventually(
      () => harness.sandbox.dataPlane.hostEndpoints().find((e) => e.virtual === virtual)?.host,
      10_000,
      `a host listener for ${virtual}`,
    );
  }

  it('has no route to cluster IPs and pod IPs, and says so', async () => {
    const run = await fromHost(`http://${clusterIP('echo')}/hostname`);
    expect(run.results[0]!.outcome).toEqual({
      kind: 'unreachable-from-host',
      detail: `${clusterIP('echo')} is a cluster-internal address: your machine has no route to it`,
    });
    const podIP = harness.sandbox.store.peek('/pods', 'demo', 'client')!.status.podIP;
    expect((await fromHost(`http://${podIP}:8080/`)).results[0]!.outcome.kind).toBe(
      'unreachable-from-host',
    );
  });

  it('reaches a NodePort through its loopback listener with a real client, all 3 pods over 30 requests', async () => {
    const virtual = `${worker.internalIP}:${nodePort('echo')}`;
    const host = await hostAddressOf(virtual);
    const run = await fromHost(`http://${virtual}/hostname`, 30);
    expect(run.results[0]!.command).toBe(`curl -s http://${host}/hostname`);
    expect(run.tally.pods.map((entry) => entry.pod)).toEqual(echoPods());
    expect(run.tally.pods.reduce((sum, entry) => sum + entry.hits, 0)).toBe(30);
  });

  it('is refused by a NodePort without endpoints and times out on a Local one without a local endpoint', async () => {
    const refusedAt = `${worker.internalIP}:${nodePort('nobody')}`;
    await hostAddressOf(refusedAt);
    expect((await fromHost(`http://${refusedAt}/`)).results[0]!.outcome.kind).toBe('refused');
    const silentAt = `${worker2.internalIP}:${nodePort('solo')}`;
    await hostAddressOf(silentAt);
    expect((await fromHost(`http://${silentAt}/`, 1, 300)).results[0]!.outcome.kind).toBe(
      'timed-out',
    );
  });

  it("cannot resolve cluster names: your machine does not use the cluster's DNS", async () => {
    expect((await fromHost('http://echo.demo.svc.cluster.local/')).results[0]!.outcome.kind).toBe(
      'dns-failure',
    );
  });
});

describe('probing an Ingress', () => {
  it('from your machine: a host name pinned to the loopback twin of the Ingress address', async () => {
    const host = harness.sandbox.dataPlane
      .hostEndpoints()
      .find((e) => e.virtual === `${ingressIP()}:80`)!.host;
    const run = await probe.send({
      from: { from: 'host' },
      target: { url: 'http://shop.example/hostname', resolveTo: ingressIP()! },
    });
    // Where port 80 is privileged, the listener is elsewhere and curl is told with --connect-to.
    const [ip, port] = host.split(':');
    const pin =
      port === '80' ? `--resolve shop.example:80:${ip}` : `--connect-to shop.example:80:${host}`;
    expect(run.results[0]!.command).toBe(`curl -s ${pin} http://shop.example/hostname`);
    expect(echoPods()).toContain(run.results[0]!.pod);
    // The command is meant to be pasted: the real curl gets an answer from a pod too.
    const pasted = await execa('sh', ['-c', run.results[0]!.command], {
      reject: false,
      env: { NO_PROXY: '*', no_proxy: '*' },
      timeout: 10_000,
    });
    expect(echoPods()).toContain(pasted.stdout);
  });

  it("from your machine: the Host header routes, and an unknown host gets the controller's 404", async () => {
    const routed = await probe.send({
      from: { from: 'host' },
      target: { url: `http://${ingressIP()}/hostname`, hostHeader: 'shop.example' },
    });
    expect(routed.results[0]!.command).toMatch(
      /^curl -s -H 'Host: shop\.example' http:\/\/127\.[\d.]+(:\d+)?\/hostname$/,
    );
    expect(echoPods()).toContain(routed.results[0]!.pod);
    const unknown = await probe.send({
      from: { from: 'host' },
      target: { url: `http://${ingressIP()}/hostname`, hostHeader: 'other.example' },
    });
    expect(unknown.results[0]!.outcome).toMatchObject({ kind: 'response', status: 404 });
    expect(unknown.tally).toMatchObject({ unnamed: 1, pods: [] });
  });

  it('names a certificate nobody trusts a TLS error, from your machine and from a pod; -k goes on', async () => {
    const target = { url: 'https://secure.example/hostname', resolveTo: ingressIP()! };
    const fromHere = await probe.send({ from: { from: 'host' }, target });
    expect(fromHere.results[0]!.outcome).toEqual({
      kind: 'tls-error',
      detail: 'SSL certificate problem: self-signed certificate',
    });
    const pod = { from: 'pod' as const, namespace: 'demo', pod: 'client' };
    expect((await probe.send({ from: pod, target })).results[0]!.outcome).toEqual({
      kind: 'tls-error',
      detail: 'SSL certificate problem: self-signed certificate',
    });
    const insecure = await probe.send({ from: pod, target: { ...target, insecure: true } });
    expect(insecure.results[0]!.command).toBe(
      `kubectl exec -n demo client -- curl -s -k --resolve secure.example:443:${ingressIP()} https://secure.example/hostname`,
    );
    expect(echoPods()).toContain(insecure.results[0]!.pod);
  });
});
