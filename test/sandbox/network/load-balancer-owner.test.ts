import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createKindStrategies } from '../../../source/sandbox/admission/strategies.ts';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { ResourceOps } from '../../../source/sandbox/api/resource-ops.ts';
import { seedCluster } from '../../../source/sandbox/cluster/seed.ts';
import { DataPlane } from '../../../source/sandbox/network/data-plane.ts';
import {
  hashChoice,
  inCidr,
  LoadBalancerProxies,
} from '../../../source/sandbox/network/load-balancer-owner.ts';
import type { Flow } from '../../../source/sandbox/network/proxy-protocol.ts';
import { DialError } from '../../../source/sandbox/network/virtual-network.ts';
import { ObjectStore } from '../../../source/sandbox/store/object-store.ts';

/**
 * The load balancer alone, in front of stand-in node ports: each node answers with its own IP,
 * the client it saw, and closes — or refuses, for a Service named `empty` (kube-proxy's REJECT).
 */
const store = new ObjectStore();
seedCluster(new ResourceOps(store, createKindStrategies()));
const plane = new DataPlane();
const loadBalancers = new LoadBalancerProxies(store, plane);
const nodeIPs = new Set(['172.18.0.2', '172.18.0.3', '172.18.0.4']);
plane.addOwner(loadBalancers.owner);
plane.addOwner((flow) => {
  if (!nodeIPs.has(flow.destination.ip)) return undefined;
  const service = store
    .scan('/services')
    .find((s) =>
      s.spec?.ports?.some((p: { nodePort?: number }) => p.nodePort === flow.destination.port),
    );
  if (!service || service.metadata.name === 'empty') return { type: 'refuse' };
  return {
    type: 'accept',
    handle(socket, seen) {
      socket.end(`${seen.destination.ip} saw ${seen.source.ip}`);
    },
  };
});

beforeAll(() => plane.start());
afterAll(() => plane.stop());

let nextNodePort = 31000;
let nextAddress = 100;

function loadBalancer(name: string, spec: KubeObject['spec'] = {}, published = true): string {
  const ip = `172.18.0.${nextAddress++}`;
  store.insert('/services', {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'default', name },
    spec: {
      type: 'LoadBalancer',
      externalTrafficPolicy: 'Cluster',
      sessionAffinity: 'None',
      ports: [{ port: 80, protocol: 'TCP', nodePort: nextNodePort++ }],
      ...spec,
    },
    status: { loadBalancer: published ? { ingress: [{ ip, ipMode: 'Proxy' }] } : {} },
  });
  return ip;
}

function readySliceOn(service: string, nodeName: string, ready = true): void {
  store.insert('discovery.k8s.io/endpointslices', {
    apiVersion: 'discovery.k8s.io/v1',
    kind: 'EndpointSlice',
    metadata: {
      namespace: 'default',
      name: `${service}-${nodeName}`,
      labels: { 'kubernetes.io/service-name': service },
    },
    addressType: 'IPv4',
    endpoints: [{ addresses: ['10.244.2.9'], nodeName, conditions: { ready } }],
    ports: [{ name: '', port: 8080, protocol: 'TCP' }],
  });
}

/** Connects as `client`, sends a line, and returns everything read until the close. */
async function exchange(ip: string, client = '172.18.0.1', port = 80): Promise<string> {
  const flow: Flow = { source: { ip: client, port: 40_000 }, destination: { ip, port } };
  const socket = await plane.network.dial(flow, 1_000);
  socket.write('GET / HTTP/1.1\r\n\r\n');
  let text = '';
  socket.on('data', (chunk) => {
    text += chunk;
  });
  await new Promise((resolve) => socket.once('close', resolve));
  return text;
}

async function failure(ip: string, port = 80, timeoutMs = 300): Promise<DialError> {
  const flow: Flow = { source: { ip: '172.18.0.1', port: 40_001 }, destination: { ip, port } };
  const error = await plane.network.dial(flow, timeoutMs).then(
    (socket) => {
      socket.destroy();
      throw new Error('connected');
    },
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(DialError);
  return error as DialError;
}

describe("cloud-provider-kind's load balancer", () => {
  it("proxies to the worker nodes' node ports (never the excluded control plane), as itself", async () => {
    const ip = loadBalancer('web');
    const answers = new Set<string>();
    for (let i = 0; i < 40; i++) answers.add(await exchange(ip));
    expect([...answers].sort()).toEqual([`172.18.0.3 saw ${ip}`, `172.18.0.4 saw ${ip}`]);
  });

  it('refuses ports the Service does not have, and nothing listens before an address is published', async () => {
    const ip = loadBalancer('ports');
    expect((await failure(ip, 8080)).code).toBe('ECONNREFUSED');
    const pending = loadBalancer('pending', {}, false);
    expect((await failure(pending)).code).toBe('ETIMEDOUT');
  });

  it('sends Local traffic only to nodes whose health check sees a ready local endpoint', async () => {
    const ip = loadBalancer('local', {
      externalTrafficPolicy: 'Local',
      healthCheckNodePort: 32000,
    });
    readySliceOn('local', 'expose-tutor-worker2');
    readySliceOn('local', 'expose-tutor-worker', false);
    const answers = new Set<string>();
    for (let i = 0; i < 20; i++) answers.add(await exchange(ip));
    expect([...answers]).toEqual([`172.18.0.4 saw ${ip}`]);
  });

  it('accepts, then closes without a byte, when no node is healthy or the node refuses', async () => {
    const unhealthy = loadBalancer('nowhere', { externalTrafficPolicy: 'Local' });
    expect(await exchange(unhealthy)).toBe('');
    const refused = loadBalancer('empty');
    expect(await exchange(refused)).toBe('');
  });

  it('sticks a client IP to one node with ClientIP affinity (ring hash on the source)', async () => {
    const ip = loadBalancer('sticky', { sessionAffinity: 'ClientIP' });
    const nodesSeen = new Set<string>();
    for (let client = 10; client < 30; client++) {
      const answers = new Set<string>();
      for (let i = 0; i < 5; i++) answers.add(await exchange(ip, `172.18.0.${client}`));
      expect(answers.size).toBe(1);
      nodesSeen.add([...answers][0]!.split(' ')[0]!);
    }
    expect(nodesSeen.size).toBe(2);
  });

  it('closes connections from outside loadBalancerSourceRanges', async () => {
    const ip = loadBalancer('ranged', { loadBalancerSourceRanges: ['172.18.0.0/24'] });
    expect(await exchange(ip, '172.18.0.1')).toMatch(/^172\.18\.0\.[34] saw /);
    expect(await exchange(ip, '192.168.1.5')).toBe('');
  });
});

describe('helpers', () => {
  it('matches IPv4 CIDRs', () => {
    expect(inCidr('10.1.2.3', '10.0.0.0/8')).toBe(true);
    expect(inCidr('11.1.2.3', '10.0.0.0/8')).toBe(false);
    expect(inCidr('1.2.3.4', '0.0.0.0/0')).toBe(true);
    expect(inCidr('172.18.0.1', '172.18.0.1/32')).toBe(true);
    expect(inCidr('172.18.0.2', '172.18.0.1/32')).toBe(false);
  });

  it('hashes a client to the same node whatever the order of the nodes', () => {
    const nodes = ['172.18.0.3', '172.18.0.4'];
    for (const client of ['10.0.0.1', '192.168.7.7', '172.18.0.1']) {
      expect(hashChoice(nodes, client)).toBe(hashChoice([...nodes].reverse(), client));
    }
  });
});
