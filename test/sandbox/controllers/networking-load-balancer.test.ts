import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { resourceById } from '../../../source/sandbox/resources/catalog.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';
import { service } from './networking-fixtures.ts';

const services = resourceById('/services');

function loadBalancer(name: string, extraSpec: Record<string, unknown> = {}): KubeObject {
  return service({ name, type: 'LoadBalancer', extraSpec });
}

function ingressIp(harness: SandboxHarness, name: string): string | undefined {
  return harness.sandbox.store.peek('/services', 'default', name)?.status?.loadBalancer
    ?.ingress?.[0]?.ip;
}

function eventsFor(harness: SandboxHarness, name: string): Readonly<KubeObject>[] {
  return harness.sandbox.store
    .scan('/events', 'default')
    .filter(
      (event) => event.involvedObject?.kind === 'Service' && event.involvedObject.name === name,
    );
}

describe('LoadBalancer Services with cloud-provider-kind', () => {
  let harness: SandboxHarness;
  beforeAll(async () => {
    harness = await startHarness();
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('publishes an address from the kind network, with ipMode Proxy and the ports', async () => {
    harness.sandbox.ops.create(services, loadBalancer('web'));
    const ip = await eventually(() => ingressIp(harness, 'web'));
    const stored = harness.sandbox.store.peek('/services', 'default', 'web')!;
    expect(ip).toMatch(/^172\.18\.0\.(1\d\d|2[0-4]\d|250)$/);
    expect(stored.status.loadBalancer).toEqual({
      ingress: [{ ip, ipMode: 'Proxy', ports: [{ port: 80, protocol: 'TCP' }] }],
    });
    expect(stored.metadata.finalizers).toEqual(['service.kubernetes.io/load-balancer-cleanup']);

    const events = await eventually(() => {
      const found = eventsFor(harness, 'web');
      return found.length === 2 && found;
    });
    expect(events.map((e) => [e.type, e.reason, e.message, e.source?.component])).toEqual([
      ['Normal', 'EnsuringLoadBalancer', 'Ensuring load balancer', 'service-controller'],
      ['Normal', 'EnsuredLoadBalancer', 'Ensured load balancer', 'service-controller'],
    ]);

    const table = await harness.kubectl(['get', 'svc', 'web']);
    expect(table.stdout).toMatch(
      new RegExp(`^web\\s+LoadBalancer\\s+10\\.96\\.\\S+\\s+${ip}\\s+80:3\\d{4}/TCP\\s`, 'm'),
    );
  });

  it('gives each Service its own address and keeps it across updates', async () => {
    const first = await eventually(() => ingressIp(harness, 'web'));
    harness.sandbox.ops.create(services, loadBalancer('api'));
    const second = await eventually(() => ingressIp(harness, 'api'));
    expect(second).not.toBe(first);

    const api = harness.sandbox.store.get('/services', 'default', 'api')!;
    api.spec.ports = [
      ...api.spec.ports,
      { name: 'admin', port: 8443, protocol: 'TCP', targetPort: 8443 },
    ];
    harness.sandbox.ops.update(services, api);
    const ports = await eventually(() => {
      const status = harness.sandbox.store.peek('/services', 'default', 'api')?.status;
      return (
        status?.loadBalancer?.ingress?.[0]?.ports?.length === 2 && status.loadBalancer.ingress[0]
      );
    });
    expect(ports.ip).toBe(second);
  });

  it('frees the address when the Service stops being a LoadBalancer', async () => {
    const ip = await eventually(() => ingressIp(harness, 'api'));
    const api = harness.sandbox.store.get('/services', 'default', 'api')!;
    api.spec.type = 'ClusterIP';
    for (const port of api.spec.ports) delete port.nodePort;
    delete api.spec.externalTrafficPolicy;
    delete api.spec.allocateLoadBalancerNodePorts;
    harness.sandbox.ops.update(services, api);
    const cleared = await eventually(() => {
      const stored = harness.sandbox.store.peek('/services', 'default', 'api');
      return stored && !stored.metadata.finalizers && stored.status?.loadBalancer && stored;
    });
    expect(cleared.status.loadBalancer).toEqual({});
    const reasons = await eventually(() => {
      const found = eventsFor(harness, 'api').map((e) => `${e.reason}: ${e.message}`);
      return found.includes('DeletedLoadBalancer: Deleted load balancer') && found;
    });
    expect(reasons).toContain('Type: LoadBalancer -> ClusterIP');
    expect(reasons).toContain('DeletingLoadBalancer: Deleting load balancer');

    // The freed address is the next one handed out.
    harness.sandbox.ops.create(services, loadBalancer('reuse'));
    expect(await eventually(() => ingressIp(harness, 'reuse'))).toBe(ip);
  });

  it('lets kubectl delete a LoadBalancer Service once its load balancer is gone', async () => {
    await eventually(() => ingressIp(harness, 'reuse'));
    const result = await harness.kubectl(['delete', 'svc', 'reuse', '--timeout=20s']);
    expect(result.stderr).toBe('');
    expect(result.stdout).toBe('service "reuse" deleted');
    expect(harness.sandbox.store.peek('/services', 'default', 'reuse')).toBeUndefined();
  });

  it('ignores Services that ask for another loadBalancerClass', async () => {
    harness.sandbox.ops.create(
      services,
      loadBalancer('metallb', { loadBalancerClass: 'metallb.io/metallb' }),
    );
    harness.sandbox.ops.create(services, loadBalancer('after'));
    await eventually(() => ingressIp(harness, 'after'));
    const other = harness.sandbox.store.peek('/services', 'default', 'metallb')!;
    expect(other.status?.loadBalancer ?? {}).toEqual({});
    expect(other.metadata.finalizers).toBeUndefined();
    expect(eventsFor(harness, 'metallb')).toEqual([]);
  });
});

describe('LoadBalancer Services without a provider', () => {
  let harness: SandboxHarness;
  beforeAll(async () => {
    harness = await startHarness({ controllerOptions: { loadBalancer: false } });
  });
  afterAll(async () => {
    await harness.stop();
  });

  it('stay <pending>', async () => {
    harness.sandbox.ops.create(services, loadBalancer('web'));
    // The endpoints controllers ran for it, so the controllers have seen the Service.
    await eventually(() => harness.sandbox.store.peek('/endpoints', 'default', 'web'));
    const table = await harness.kubectl(['get', 'svc', 'web']);
    expect(table.stdout).toMatch(
      /^web\s+LoadBalancer\s+10\.96\.\S+\s+<pending>\s+80:3\d{4}\/TCP\s/m,
    );
    const stored = harness.sandbox.store.peek('/services', 'default', 'web')!;
    expect(stored.status?.loadBalancer ?? {}).toEqual({});
    expect(stored.metadata.finalizers).toBeUndefined();
  });
});
