import { writeFileSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UserError } from '../../source/cli/user-error.ts';
import { KubeCluster } from '../../source/cluster/kube-cluster.ts';
import { clusterUp } from '../../source/kind/cluster-up.ts';
import { KubeConfig } from '../../source/kube/client-node.ts';
import type { KubeObject } from '../../source/sandbox/api/kube-object.ts';
import { type Sandbox, startSandbox } from '../../source/sandbox/sandbox.ts';
import { type FakeMachine, fakeMachine } from '../support/fake-machine.ts';
import { eventually } from '../support/sandbox.ts';

// cluster up waits, with progress, until cloud-provider-kind has created its GatewayClass;
// and gives up in one line naming what is missing and how to fix it.
const gatewayClass = {
  apiVersion: 'gateway.networking.k8s.io/v1',
  kind: 'GatewayClass',
  name: 'cloud-provider-kind',
};
let sandbox: Sandbox;
let cluster: KubeCluster;
let original: KubeObject;
let machine: FakeMachine;

beforeAll(async () => {
  sandbox = await startSandbox({ controllers: false });
  const kubeConfig = new KubeConfig();
  kubeConfig.loadFromString(sandbox.kubeconfig());
  cluster = new KubeCluster(kubeConfig);
  original = (await cluster.get(gatewayClass))!;
  machine = fakeMachine();
  writeFileSync(
    machine.io.env.KUBECONFIG!,
    sandbox.kubeconfig().replaceAll('expose-tutor-sandbox', 'kind-expose-tutor'),
  );
});
afterAll(async () => {
  await sandbox.stop();
  machine.cleanup();
});

describe('cluster up waits for cloud-provider-kind', () => {
  it('prints what it waits for, then goes on when the GatewayClass appears', async () => {
    await cluster.delete(gatewayClass);
    const up = clusterUp({ name: 'expose-tutor', timeoutMs: 20_000, pollMs: 20 }, machine.io);
    const waiting =
      '… waiting: nodes 3/3 Ready, IngressClass cloud-provider-kind present, GatewayClass cloud-provider-kind missing';
    await eventually(() => machine.output().includes(waiting), 10_000, 'the progress line');
    const { metadata, spec } = original;
    await cluster.apply(
      {
        apiVersion: original.apiVersion,
        kind: original.kind,
        metadata: { name: metadata.name },
        spec,
      },
      {},
    );
    await up;
    expect(
      machine
        .output()
        .split('\n')
        .filter((line) => line === waiting),
    ).toHaveLength(1);
    expect(machine.output()).toContain(
      '✓ nodes 3/3 Ready, IngressClass cloud-provider-kind present, GatewayClass cloud-provider-kind present',
    );
  });

  it('gives up after the timeout with what is missing and the fix', async () => {
    await cluster.delete(gatewayClass);
    const error = await clusterUp(
      { name: 'expose-tutor', timeoutMs: 200, pollMs: 20 },
      { ...machine.io, platform: 'darwin' },
    ).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(UserError);
    expect((error as UserError).message).toBe(
      'cluster "expose-tutor" is not ready (nodes 3/3 Ready, IngressClass cloud-provider-kind present, GatewayClass cloud-provider-kind missing): cloud-provider-kind has not set the cluster up: run `sudo cloud-provider-kind` in another terminal (it needs admin rights to publish LoadBalancer ports); install it with `brew install cloud-provider-kind`',
    );
  });
});
