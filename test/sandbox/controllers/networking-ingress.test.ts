import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness();
});
afterAll(async () => {
  await harness.stop();
});

const ingresses = resourceById('networking.k8s.io/ingresses');

function ingress(name: string, namespace: string, className?: string): KubeObject {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { name, namespace },
    spec: {
      ...(className ? { ingressClassName: className } : {}),
      rules: [
        {
          http: {
            paths: [
              {
                path: '/',
                pathType: 'Prefix',
                backend: { service: { name: 'echo', port: { number: 80 } } },
              },
            ],
          },
        },
      ],
    },
  };
}

function addressOf(namespace: string, name: string): string | undefined {
  return harness.sandbox.store.peek('networking.k8s.io/ingresses', namespace, name)?.status
    ?.loadBalancer?.ingress?.[0]?.ip;
}

function createNamespace(name: string): void {
  harness.sandbox.ops.create(resourceById('/namespaces'), {
    apiVersion: 'v1',
    kind: 'Namespace',
    metadata: { name },
  });
}

describe('Ingress status from cloud-provider-kind', () => {
  it('gives Ingresses of its class, named or by default, the namespace gateway address', async () => {
    harness.sandbox.ops.create(ingresses, ingress('named', 'default', 'cloud-provider-kind'));
    harness.sandbox.ops.create(ingresses, ingress('defaulted', 'default'));
    const named = await eventually(() => addressOf('default', 'named'));
    const defaulted = await eventually(() => addressOf('default', 'defaulted'));
    expect(named).toMatch(/^172\.18\.0\.\d+$/);
    expect(defaulted).toBe(named);
    expect(harness.sandbox.store.peek(ingresses.id, 'default', 'named')!.status).toEqual({
      loadBalancer: { ingress: [{ ip: named }] },
    });

    const table = await harness.kubectl(['get', 'ingress', 'named']);
    expect(table.stdout).toMatch(
      new RegExp(
        `^named\\s+cloud-provider-kind\\s+\\*\\s+${named!.replaceAll('.', '\\.')}\\s+80\\s`,
        'm',
      ),
    );
  });

  it('leaves an Ingress of a class nobody serves without an address', async () => {
    createNamespace('shop');
    harness.sandbox.ops.create(ingresses, ingress('legacy', 'shop', 'nginx'));
    harness.sandbox.ops.create(ingresses, ingress('current', 'shop', 'cloud-provider-kind'));
    const shopAddress = await eventually(() => addressOf('shop', 'current'));
    // Another namespace, another gateway proxy, another address.
    expect(shopAddress).not.toBe(addressOf('default', 'named'));
    expect(addressOf('shop', 'legacy')).toBeUndefined();
  });

  it('ignores class-less Ingresses once no class is the default', async () => {
    createNamespace('nodefault');
    const classes = resourceById('networking.k8s.io/ingressclasses');
    const ourClass = harness.sandbox.store.get(classes.id, undefined, 'cloud-provider-kind')!;
    delete ourClass.metadata.annotations;
    harness.sandbox.ops.update(classes, ourClass);
    harness.sandbox.ops.create(ingresses, ingress('orphan', 'nodefault'));
    harness.sandbox.ops.create(ingresses, ingress('explicit', 'nodefault', 'cloud-provider-kind'));
    await eventually(() => addressOf('nodefault', 'explicit'));
    expect(addressOf('nodefault', 'orphan')).toBeUndefined();
  });
});
