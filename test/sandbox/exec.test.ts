import { PassThrough } from 'node:stream';
import { Exec, type V1Status } from '@kubernetes/client-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { kubeConfigFor } from '../support/client-node.ts';
import { eventually, type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { agnhostDeploymentYaml, clientPodYaml, serviceYaml } from '../support/workloads.ts';

// `kubectl exec` and client-node's Exec against the sandbox's pods/exec: commands run in the
// pod shell as the pod, over the sandbox's network, with kubectl's own exit codes and errors.
const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const manifests = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
${agnhostDeploymentYaml({ namespace: 'shop', replicas: 3, image: agnhost, namedPort: true })}---
${serviceYaml({ namespace: 'shop', targetPort: 'http' })}---
${serviceYaml({ name: 'nobody', namespace: 'shop', app: 'nothing-has-this-label' })}---
${clientPodYaml({ namespace: 'shop', image: agnhost, container: 'client' })}---
apiVersion: v1
kind: Pod
metadata: {name: unscheduled, namespace: shop}
spec:
  nodeSelector: {disk: "nvme"}
  containers:
  - {name: c, image: ${agnhost}, args: [pause]}
---
apiVersion: v1
kind: Pod
metadata: {name: stranded, namespace: shop}
spec:
  nodeName: a-node-that-does-not-exist
  containers:
  - {name: waiting, image: ${agnhost}, args: [pause]}
`;

let harness: SandboxHarness;
beforeAll(async () => {
  harness = await startHarness();
  const applied = await harness.kubectl(['apply', '-f', '-'], manifests);
  expect(applied.stderr).toBe('');
  expect(
    (await harness.kubectl(['-n', 'shop', 'rollout', 'status', 'deployment/echo'])).exitCode,
  ).toBe(0);
  const ready = await harness.kubectl([
    '-n',
    'shop',
    'wait',
    '--for=condition=Ready',
    'pod/client',
  ]);
  expect(ready.exitCode).toBe(0);
  // The Service answers once its EndpointSlice has caught up with the ready pods.
  await eventually(
    async () => (await exec(['curl', '-s', 'http://echo/hostname'])).stdout.startsWith('echo-'),
    10_000,
    'the echo Service to answer',
  );
});
afterAll(async () => {
  await harness.stop();
});

function echoPods(): string[] {
  return harness.sandbox.store
    .scan('/pods', 'shop')
    .filter((pod) => pod.metadata.labels?.app === 'echo')
    .map((pod) => pod.metadata.name!);
}

function exec(command: string[], input?: string, pod = 'client') {
  return harness.kubectl(
    ['-n', 'shop', 'exec', ...(input !== undefined ? ['-i'] : []), pod, '--', ...command],
    input,
  );
}

describe('kubectl exec', () => {
  it('runs curl in the pod: a Service name is answered by one of its pods', async () => {
    const result = await exec(['curl', '-s', 'http://echo.shop.svc.cluster.local/hostname']);
    expect(result.exitCode).toBe(0);
    expect(result.stderr).toBe('');
    expect(echoPods()).toContain(result.stdout);
  });

  it("resolves names with nslookup through the pod's search path", async () => {
    const clusterIP = harness.sandbox.store.peek('/services', 'shop', 'echo')!.spec.clusterIP;
    const result = await exec(['nslookup', 'echo']);
    expect(result).toEqual({
      exitCode: 0,
      stdout: `Server:\t\t10.96.0.10\nAddress:\t10.96.0.10#53\n\nName:\techo.shop.svc.cluster.local\nAddress: ${clusterIP}\n`,
      stderr: '',
    });
    const missing = await exec(['nslookup', 'nope']);
    expect(missing.exitCode).toBe(1);
    expect(missing.stdout).toContain("** server can't find nope: NXDOMAIN");
    expect(missing.stderr).toBe('command terminated with exit code 1');
  });

  it("passes a failing curl's exit code on: refused by a Service without endpoints is 7", async () => {
    const result = await exec(['curl', '-sS', 'http://nobody/']);
    expect(result.exitCode).toBe(7);
    expect(result.stderr).toMatch(
      /^curl: \(7\) Failed to connect to nobody port 80 after \d+ ms: Could not connect to server\ncommand terminated with exit code 7$/,
    );
  });

  it("shows the pod's own files and hostname", async () => {
    const podIP = harness.sandbox.store.peek('/pods', 'shop', 'client')!.status.podIP;
    expect((await exec(['hostname'])).stdout).toBe('client');
    expect((await exec(['cat', '/etc/resolv.conf'])).stdout).toBe(
      'search shop.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5',
    );
    expect((await exec(['cat', '/etc/hosts'])).stdout).toContain(`\n${podIP}\tclient`);
  });

  it('feeds stdin to sh with -i and returns its exit status', async () => {
    const result = await exec(
      ['sh'],
      'hostname\ncurl -s -o /dev/null -w "%{http_code}" echo/\nexit 3\n',
    );
    expect(result).toEqual({
      exitCode: 3,
      stdout: 'client\n200',
      stderr: 'command terminated with exit code 3',
    });
  });

  it('fails like containerd for a program the image does not have', async () => {
    const result = await exec(['wget', 'http://echo/']);
    expect(result.exitCode).toBe(1);
    expect(result.stderr).toMatch(
      /^error: Internal error occurred: Internal error occurred: error executing command in container: failed to exec in container: failed to start exec "[0-9a-f]{64}": OCI runtime exec failed: exec failed: unable to start container process: exec: "wget": executable file not found in \$PATH$/,
    );
  });

  it('answers with the errors kube-apiserver and the kubelet give', async () => {
    expect((await exec(['hostname'], undefined, 'nope')).stderr).toBe(
      'Error from server (NotFound): pods "nope" not found',
    );
    expect((await exec(['hostname'], undefined, 'unscheduled')).stderr).toBe(
      'Error from server (BadRequest): pod unscheduled does not have a host assigned',
    );
    expect((await exec(['hostname'], undefined, 'stranded')).stderr).toBe(
      'error: Internal error occurred: unable to upgrade connection: container not found ("waiting")',
    );
    const wrongContainer = await harness.kubectl([
      '-n',
      'shop',
      'exec',
      'client',
      '-c',
      'x',
      '--',
      'hostname',
    ]);
    expect(wrongContainer.stderr).toBe(
      'Error from server (BadRequest): container x is not valid for pod client',
    );
    const plain = await harness.kubectl([
      'get',
      '--raw',
      '/api/v1/namespaces/shop/pods/client/exec?command=hostname&stdout=true',
    ]);
    expect(plain.stderr).toBe('Error from server (BadRequest): Upgrade request required');
  });

  it('records the exec request in the audit log', () => {
    const execs = harness.sandbox.audit
      .all()
      .filter((entry) => entry.path === '/api/v1/namespaces/shop/pods/client/exec');
    expect(execs.length).toBeGreaterThan(0);
    expect(execs[0]).toMatchObject({ method: 'GET', verb: 'get', code: 101 });
    expect(execs[0]!.query).toContain('command=');
  });
});

describe("client-node's Exec", () => {
  async function run(command: string[]) {
    const stdout = new PassThrough();
    const stderr = new PassThrough();
    const chunks: string[] = [];
    const errors: string[] = [];
    stdout.on('data', (chunk: Buffer) => chunks.push(String(chunk)));
    stderr.on('data', (chunk: Buffer) => errors.push(String(chunk)));
    const status = await new Promise<V1Status>((resolve, reject) => {
      new Exec(kubeConfigFor(harness))
        .exec('shop', 'client', 'client', command, stdout, stderr, null, false, resolve)
        .catch(reject);
    });
    return { status, stdout: chunks.join(''), stderr: errors.join('') };
  }

  it('runs a command and reports Success on the status channel', async () => {
    const result = await run(['curl', '-s', 'http://echo/hostname']);
    expect(result.status).toEqual({ metadata: {}, status: 'Success' });
    expect(echoPods()).toContain(result.stdout);
  });

  it('reports a non-zero exit as NonZeroExitCode with the code as its cause', async () => {
    const result = await run(['curl', '-sS', 'http://no-such-service/']);
    expect(result.stderr).toBe('curl: (6) Could not resolve host: no-such-service\n');
    expect(result.status).toMatchObject({
      status: 'Failure',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '6' }] },
    });
  });
});

describe('the channel protocols on the wire', () => {
  /** Opens an exec WebSocket offering `protocols`, collecting every message until it closes. */
  function open(protocols: string[], query: string, headers: Record<string, string> = {}) {
    const url = `${harness.sandbox.url.replace('https', 'wss')}/api/v1/namespaces/shop/pods/client/exec?${query}`;
    const socket = new WebSocket(url, protocols, {
      ca: harness.sandbox.caPem,
      headers: { Authorization: `Bearer ${harness.sandbox.token}`, ...headers },
    });
    return new Promise<{ protocol: string; messages: Buffer[] } | { status: number }>((resolve) => {
      const messages: Buffer[] = [];
      socket.on('message', (data: Buffer) => messages.push(data));
      socket.on('close', () => resolve({ protocol: socket.protocol, messages }));
      socket.on('unexpected-response', (_request, response) =>
        resolve({ status: response.statusCode ?? 0 }),
      );
    });
  }

  const command = 'command=sh&command=-c&command=echo%20hi%3B%20exit%203&stdout=true&stderr=true';

  it('v4: a ready message, stdout on channel 1, then the JSON status on channel 3', async () => {
    const result = await open(['v4.channel.k8s.io'], command);
    expect(result).toMatchObject({ protocol: 'v4.channel.k8s.io' });
    const { messages } = result as { messages: Buffer[] };
    expect(messages[0]).toEqual(Buffer.of(1));
    expect(messages[1]).toEqual(Buffer.concat([Buffer.of(1), Buffer.from('hi\n')]));
    expect(messages[2]![0]).toBe(3);
    expect(JSON.parse(messages[2]!.subarray(1).toString())).toEqual({
      metadata: {},
      status: 'Failure',
      message: 'command terminated with non-zero exit code: command terminated with exit code 3',
      reason: 'NonZeroExitCode',
      details: { causes: [{ reason: 'ExitCode', message: '3' }] },
    });
  });

  it('channel.k8s.io: the failure as plain text', async () => {
    const { messages } = (await open(['channel.k8s.io'], command)) as { messages: Buffer[] };
    expect(messages.at(-1)!.subarray(1).toString()).toBe(
      'command terminated with non-zero exit code: command terminated with exit code 3',
    );
  });

  it('accepts the bearer token as a subprotocol, and nothing without a token', async () => {
    const token = Buffer.from(harness.sandbox.token).toString('base64url');
    const result = await open(
      ['v5.channel.k8s.io', `base64url.bearer.authorization.k8s.io.${token}`],
      'command=hostname&stdout=true',
      { Authorization: '' },
    );
    expect(result).toMatchObject({ protocol: 'v5.channel.k8s.io' });
    expect(
      await open(['v5.channel.k8s.io'], 'command=hostname&stdout=true', { Authorization: '' }),
    ).toEqual({
      status: 401,
    });
  });
});
