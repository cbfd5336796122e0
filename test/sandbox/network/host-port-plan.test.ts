import { describe, expect, it } from 'vitest';
import type { KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import {
  exposuresOf,
  type ListenerState,
  loopbackAddressFor,
  planListeners,
} from '../../../source/sandbox/network/host-port-plan.ts';

function node(name: string, ip: string): KubeObject {
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name },
    status: { addresses: [{ type: 'InternalIP', address: ip }] },
  };
}

const nodes = [
  node('expose-tutor-control-plane', '172.18.0.2'),
  node('expose-tutor-worker', '172.18.0.3'),
];

function service(name: string, spec: KubeObject['spec'], status?: KubeObject['status']) {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { namespace: 'default', name },
    spec,
    ...(status ? { status } : {}),
  } as KubeObject;
}

const none = { services: [], ingresses: [], gateways: [], nodes };

describe('exposuresOf', () => {
  it('opens every TCP node port on every node, and nothing for ClusterIP Services', () => {
    const exposures = exposuresOf({
      ...none,
      services: [
        service('internal', { type: 'ClusterIP', ports: [{ port: 80 }] }),
        service('echo', {
          type: 'NodePort',
          ports: [
            { port: 80, nodePort: 30080, protocol: 'TCP' },
            { port: 53, nodePort: 30053, protocol: 'UDP' },
          ],
        }),
      ],
    });
    expect(exposures).toEqual([
      {
        kind: 'NodePort',
        object: 'default/echo',
        virtual: { ip: '172.18.0.2', port: 30080 },
        node: 'expose-tutor-control-plane',
      },
      {
        kind: 'NodePort',
        object: 'default/echo',
        virtual: { ip: '172.18.0.3', port: 30080 },
        node: 'expose-tutor-worker',
      },
    ]);
  });

  it('gives a LoadBalancer its node ports, and its address only once published', () => {
    const spec = { type: 'LoadBalancer', ports: [{ port: 80, nodePort: 31000 }] };
    const pending = exposuresOf({ ...none, services: [service('lb', spec)] });
    expect(pending.map((e) => e.kind)).toEqual(['NodePort', 'NodePort']);
    const published = exposuresOf({
      ...none,
      services: [
        service('lb', spec, {
          loadBalancer: { ingress: [{ ip: '172.18.0.100', ipMode: 'Proxy' }] },
        }),
      ],
    });
    expect(published.filter((e) => e.kind === 'LoadBalancer')).toEqual([
      { kind: 'LoadBalancer', object: 'default/lb', virtual: { ip: '172.18.0.100', port: 80 } },
    ]);
  });

  it("serves a namespace's Ingresses on their shared address, with 443 once one has TLS", () => {
    const ingress = (name: string, namespace: string, tls: boolean, ip?: string) =>
      ({
        apiVersion: 'networking.k8s.io/v1',
        kind: 'Ingress',
        metadata: { namespace, name },
        spec: { rules: [{ host: 'a.example' }], ...(tls ? { tls: [{ secretName: 'c' }] } : {}) },
        status: { loadBalancer: ip ? { ingress: [{ ip }] } : {} },
      }) as KubeObject;
    const exposures = exposuresOf({
      ...none,
      ingresses: [
        ingress('plain', 'shop', false, '172.18.0.101'),
        ingress('secure', 'shop', true, '172.18.0.101'),
        ingress('other', 'blog', false, '172.18.0.102'),
        ingress('unpublished', 'misc', true),
      ],
    });
    expect(exposures.map((e) => `${e.object} ${e.virtual.ip}:${e.virtual.port}`)).toEqual([
      'shop/plain 172.18.0.101:80',
      'shop/plain 172.18.0.101:443',
      'shop/secure 172.18.0.101:80',
      'shop/secure 172.18.0.101:443',
      'blog/other 172.18.0.102:80',
    ]);
  });

  it("exposes a Gateway's TCP-based listener ports at its IP addresses", () => {
    const gateway = {
      apiVersion: 'gateway.networking.k8s.io/v1',
      kind: 'Gateway',
      metadata: { namespace: 'default', name: 'web' },
      spec: {
        gatewayClassName: 'cloud-provider-kind',
        listeners: [
          { name: 'http', protocol: 'HTTP', port: 80 },
          { name: 'https', protocol: 'HTTPS', port: 443 },
          { name: 'again', protocol: 'HTTP', port: 80, hostname: 'b.example' },
          { name: 'dns', protocol: 'UDP', port: 53 },
        ],
      },
      status: {
        addresses: [
          { type: 'IPAddress', value: '172.18.0.103' },
          { type: 'Hostname', value: 'gw.example' },
        ],
      },
    } as KubeObject;
    expect(exposuresOf({ ...none, gateways: [gateway] })).toEqual([
      { kind: 'Gateway', object: 'default/web', virtual: { ip: '172.18.0.103', port: 80 } },
      { kind: 'Gateway', object: 'default/web', virtual: { ip: '172.18.0.103', port: 443 } },
    ]);
  });
});

describe('loopbackAddressFor', () => {
  it('keeps the last three octets, so each kind address has its own loopback twin', () => {
    expect(loopbackAddressFor('172.18.0.3')).toBe('127.18.0.3');
    expect(loopbackAddressFor('172.18.0.100')).toBe('127.18.0.100');
  });
});

describe('planListeners', () => {
  const linuxRoot = { loopbackRange: true, unprivilegedPortStart: 0 };
  const linuxUser = { loopbackRange: true, unprivilegedPortStart: 1024 };
  const macUser = { loopbackRange: false, unprivilegedPortStart: 1024 };
  const at = (ip: string, port: number) => ({ ip, port });
  const wanted = (ip: string, port: number, accepting = true) => ({
    virtual: at(ip, port),
    accepting,
  });

  it('on Linux gives each virtual address its loopback twin with the real port', () => {
    expect(
      planListeners(
        [wanted('172.18.0.3', 30080), wanted('172.18.0.100', 80)],
        new Map(),
        linuxRoot,
      ),
    ).toEqual([
      { type: 'open', virtual: at('172.18.0.3', 30080), preferred: at('127.18.0.3', 30080) },
      { type: 'open', virtual: at('172.18.0.100', 80), preferred: at('127.18.0.100', 80) },
    ]);
  });

  it('leaves a privileged port to any free port for a user without the privilege', () => {
    expect(planListeners([wanted('172.18.0.100', 80)], new Map(), linuxUser)).toEqual([
      { type: 'open', virtual: at('172.18.0.100', 80), preferred: undefined },
    ]);
  });

  it('where only 127.0.0.1 exists, the first exposure of a port gets it and the rest remap', () => {
    const steps = planListeners(
      [wanted('172.18.0.2', 30080), wanted('172.18.0.3', 30080), wanted('172.18.0.4', 30081)],
      new Map(),
      macUser,
    );
    expect(steps).toEqual([
      { type: 'open', virtual: at('172.18.0.2', 30080), preferred: at('127.0.0.1', 30080) },
      { type: 'open', virtual: at('172.18.0.3', 30080), preferred: undefined },
      { type: 'open', virtual: at('172.18.0.4', 30081), preferred: at('127.0.0.1', 30081) },
    ]);
  });

  it('keeps existing listeners, forgets gone ones and never prefers an address already held', () => {
    const current = new Map<string, ListenerState>([
      ['172.18.0.9:30080', { host: at('127.0.0.1', 30080), open: true }],
      ['172.18.0.2:30090', { host: at('127.0.0.1', 30090), open: true }],
    ]);
    expect(
      planListeners([wanted('172.18.0.9', 30080), wanted('172.18.0.3', 30080)], current, macUser),
    ).toEqual([
      { type: 'forget', virtual: at('172.18.0.2', 30090) },
      { type: 'open', virtual: at('172.18.0.3', 30080), preferred: undefined },
    ]);
  });

  it('pauses a refusing listener and reopens it at the same host address', () => {
    const open = new Map<string, ListenerState>([
      ['172.18.0.3:30080', { host: at('127.0.0.1', 41000), open: true }],
    ]);
    expect(planListeners([wanted('172.18.0.3', 30080, false)], open, linuxRoot)).toEqual([
      { type: 'pause', virtual: at('172.18.0.3', 30080) },
    ]);
    const paused = new Map<string, ListenerState>([
      ['172.18.0.3:30080', { host: at('127.0.0.1', 41000), open: false }],
    ]);
    expect(planListeners([wanted('172.18.0.3', 30080)], paused, linuxRoot)).toEqual([
      { type: 'open', virtual: at('172.18.0.3', 30080), preferred: at('127.0.0.1', 41000) },
    ]);
    expect(planListeners([wanted('172.18.0.3', 30080, false)], paused, linuxRoot)).toEqual([]);
  });

  it('binds a new refusing exposure once, then pauses it, so it has a host address', () => {
    expect(planListeners([wanted('172.18.0.3', 30080, false)], new Map(), linuxRoot)).toEqual([
      { type: 'open', virtual: at('172.18.0.3', 30080), preferred: at('127.18.0.3', 30080) },
      { type: 'pause', virtual: at('172.18.0.3', 30080) },
    ]);
  });
});
