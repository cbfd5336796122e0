import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  hostAddressOnKindNetwork,
  loadBalancerRange,
} from '../../../source/sandbox/cluster/topology.ts';
import { DialError } from '../../../source/sandbox/network/virtual-network.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';

// A cluster without a load-balancer provider: the Service stays <pending>, and nothing —
// neither the kind network nor this machine — gets a load-balancer address to connect to.
let harness: SandboxHarness;
beforeAll(async () => {
  harness = await startHarness({ controllerOptions: { loadBalancer: false } });
});
afterAll(async () => {
  await harness.stop();
});

const service = `
apiVersion: v1
kind: Service
metadata: {name: web, namespace: default}
spec:
  type: LoadBalancer
  selector: {app: web}
  ports: [{port: 80, targetPort: 8080}]
`;

describe('a LoadBalancer Service with the provider switched off', () => {
  it('is <pending>, and only its node ports are exposed on this machine', async () => {
    const applied = await harness.kubectl(['apply', '-f', '-'], service);
    expect(applied.stderr).toBe('');
    const exposures = await eventually(
      () => {
        const found = harness.sandbox.dataPlane
          .hostEndpoints()
          .filter((e) => e.object === 'default/web');
        return found.length === 3 && found;
      },
      10_000,
      'the node ports on this machine',
    );
    expect(exposures.map((e) => e.kind)).toEqual(['NodePort', 'NodePort', 'NodePort']);

    const listed = await harness.kubectl(['get', 'service', 'web', '--no-headers']);
    expect(listed.stdout).toMatch(
      /^web\s+LoadBalancer\s+10\.96\.\d+\.\d+\s+<pending>\s+80:3\d{4}\/TCP/,
    );

    // Nothing owns the first address cloud-provider-kind would have handed out, even when a
    // status claims it: no provider, no load balancer behind it.
    const stored = harness.sandbox.store.get('/services', 'default', 'web')!;
    harness.sandbox.store.replace('/services', {
      ...stored,
      status: { loadBalancer: { ingress: [{ ip: loadBalancerRange.first, ipMode: 'Proxy' }] } },
    });
    const dial = await harness.sandbox.dataPlane.network
      .dial(
        {
          source: { ip: hostAddressOnKindNetwork, port: 40_000 },
          destination: { ip: loadBalancerRange.first, port: 80 },
        },
        300,
      )
      .catch((error: unknown) => error);
    expect(dial).toBeInstanceOf(DialError);
    expect((dial as DialError).code).toBe('ETIMEDOUT');
  });
});
