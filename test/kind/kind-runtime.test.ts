import { writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { openKindRuntime } from '../../source/runtime/kind-runtime.ts';
import type { Runtime } from '../../source/runtime/runtime.ts';
import { type Sandbox, startSandbox } from '../../source/sandbox/sandbox.ts';
import { type FakeMachine, fakeMachine } from '../support/fake-machine.ts';
import { eventually } from '../support/sandbox.ts';
import { agnhostDeployment, clientPod, serviceFor } from '../support/workloads.ts';

// The kind runtime with the sandbox standing in for the kind cluster behind the context
// `kind-expose-tutor`: the same client-node code drives the API and pods/exec. The user's
// current context ("prod") is a second sandbox that must never see a request.
let ours: Sandbox;
let prod: Sandbox;
let machine: FakeMachine;
let runtime: Runtime;
let web: Server;
let webUrl: string;

function renamed(kubeconfig: string, name: string) {
  return parse(kubeconfig.replaceAll('expose-tutor-sandbox', name));
}

beforeAll(async () => {
  [ours, prod] = await Promise.all([
    startSandbox({ controllerOptions: { pace: 0.05 } }),
    startSandbox({ controllers: false }),
  ]);
  const kind = renamed(ours.kubeconfig(), 'kind-expose-tutor');
  const foreign = renamed(prod.kubeconfig(), 'prod');
  machine = fakeMachine();
  writeFileSync(join(machine.state, 'clusters'), 'expose-tutor\n');
  writeFileSync(
    machine.io.env.KUBECONFIG!,
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [...foreign.clusters, ...kind.clusters],
      users: [...foreign.users, ...kind.users],
      contexts: [...foreign.contexts, ...kind.contexts],
      'current-context': 'prod',
    }),
    { mode: 0o600 },
  );
  web = createServer((_request, response) => response.end('echo-7d4b9c6f5-x2k9p'));
  await new Promise<void>((resolve) => web.listen(0, '127.0.0.1', resolve));
  webUrl = `http://127.0.0.1:${(web.address() as AddressInfo).port}/hostname`;
  prod.audit.clear();
  runtime = await openKindRuntime({ env: machine.io.env, run: machine.io.run, platform: 'linux' });
});

afterAll(async () => {
  await runtime?.stop();
  web?.close();
  await Promise.all([ours?.stop(), prod?.stop()]);
  machine?.cleanup();
});

const manifests = [agnhostDeployment(), serviceFor(), clientPod()];

describe('the kind runtime', () => {
  it("opens on the tutor's context, whatever the current context is", () => {
    expect(runtime.name).toBe('kind');
    expect(runtime.description).toBe(
      `kind (cluster "expose-tutor", context kind-expose-tutor, API on ${ours.url})`,
    );
    expect([...runtime.capabilities].sort()).toEqual(['gateway', 'ingress', 'loadBalancer']);
  });

  it('applies through client-node and curls from a pod through pods/exec', async () => {
    await runtime.cluster.ensureNamespace('kind-demo');
    for (const manifest of manifests)
      await runtime.cluster.apply(manifest, { namespace: 'kind-demo' });
    await eventually(
      async () => {
        const pods = await runtime.cluster.list({
          apiVersion: 'v1',
          kind: 'Pod',
          namespace: 'kind-demo',
        });
        const ready = pods.filter((pod) =>
          (pod.status?.conditions ?? []).some(
            (condition: { type: string; status: string }) =>
              condition.type === 'Ready' && condition.status === 'True',
          ),
        );
        return ready.length === 3;
      },
      20_000,
      'three ready pods',
    );
    const run = await eventually(
      async () => {
        const attempt = await runtime.probe.send({
          from: { from: 'pod', namespace: 'kind-demo', pod: 'client' },
          target: { url: 'http://echo/hostname' },
          count: 6,
        });
        return attempt.tally.pods.length === 2 ? attempt : undefined;
      },
      20_000,
      'both echo pods answering',
    );
    expect(run.results[0]?.command).toBe(
      'kubectl exec -n kind-demo client -- curl -s http://echo/hostname',
    );
    expect(run.tally.pods.every(({ pod }) => pod.startsWith('echo-'))).toBe(true);
    const writes = ours.audit.all().filter((entry) => entry.verb === 'patch');
    expect(writes.length).toBeGreaterThanOrEqual(3);
    expect(prod.audit.all()).toEqual([]);
  });

  it('curls from a node with docker exec <node> curl', async () => {
    const before = machine.calls().length;
    const run = await runtime.probe.send({
      from: { from: 'node', node: 'expose-tutor-worker' },
      target: { url: webUrl },
    });
    expect(run.results[0]?.command).toBe(`docker exec expose-tutor-worker curl -s ${webUrl}`);
    expect(run.results[0]?.outcome).toMatchObject({ kind: 'response', status: 200 });
    expect(run.results[0]?.pod).toBe('echo-7d4b9c6f5-x2k9p');
    expect(machine.calls().slice(before)).toEqual([
      `docker exec expose-tutor-worker curl -sS -i -m 3 ${webUrl}`,
    ]);
  });

  it("names the engine's refusal for a node that does not exist", async () => {
    const run = await runtime.probe.send({
      from: { from: 'node', node: 'expose-tutor-worker9' },
      target: { url: webUrl },
    });
    expect(run.results[0]?.outcome).toEqual({
      kind: 'error',
      detail: 'Error response from daemon: No such container: expose-tutor-worker9',
    });
  });

  it("curls from this machine with the machine's curl (Linux: addresses as they are)", async () => {
    const run = await runtime.probe.send({ from: { from: 'host' }, target: { url: webUrl } });
    expect(run.results[0]?.command).toBe(`curl -s ${webUrl}`);
    expect(run.results[0]?.pod).toBe('echo-7d4b9c6f5-x2k9p');
    const refused = await runtime.probe.send({
      from: { from: 'host' },
      target: { url: 'http://127.0.0.1:1/hostname' },
    });
    expect(refused.results[0]?.outcome.kind).toBe('refused');
    const before = machine.calls().length;
    const clusterIP = await runtime.probe.send({
      from: { from: 'host' },
      target: { url: 'http://10.96.0.1/' },
      count: 2,
    });
    expect(clusterIP.tally.failures).toEqual({ 'unreachable-from-host': 2 });
    expect(clusterIP.results[0]?.command).toBe('curl -s http://10.96.0.1/');
    expect(machine.calls().length).toBe(before);
  });

  it('refuses to open without the tutor cluster context, before any request', async () => {
    const empty = fakeMachine();
    writeFileSync(empty.io.env.KUBECONFIG!, stringify(renamed(prod.kubeconfig(), 'prod')));
    prod.audit.clear();
    await expect(
      openKindRuntime({ env: empty.io.env, run: empty.io.run, platform: 'linux' }),
    ).rejects.toThrow(
      'no kubeconfig context kind-expose-tutor: create the cluster with `k8s-expose-tutor cluster up`',
    );
    expect(prod.audit.all()).toEqual([]);
    empty.cleanup();
  });
});
