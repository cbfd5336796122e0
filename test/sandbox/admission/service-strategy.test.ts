import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { admissionFixture, rejection } from '../../support/admission.ts';

const first = () => 0;

function service(name: string, spec: Json): Partial<KubeObject> {
  return { metadata: { name, namespace: 'default' }, spec };
}

describe('Service defaults', () => {
  it('fills what the API server fills for a plain ClusterIP Service', () => {
    const f = admissionFixture({ random: first });
    const { object } = f.create('/services', service('echo', { ports: [{ port: 80 }] }));
    expect(object.spec).toEqual({
      type: 'ClusterIP',
      sessionAffinity: 'None',
      internalTrafficPolicy: 'Cluster',
      ipFamilies: ['IPv4'],
      ipFamilyPolicy: 'SingleStack',
      clusterIP: '10.96.1.1',
      clusterIPs: ['10.96.1.1'],
      ports: [{ port: 80, protocol: 'TCP', targetPort: 80 }],
    });
    expect(object.status).toEqual({ loadBalancer: {} });
  });

  it('adds externalTrafficPolicy for NodePort and allocateLoadBalancerNodePorts for LoadBalancer', () => {
    const f = admissionFixture({ random: first });
    const nodePort = f.create(
      '/services',
      service('np', { type: 'NodePort', ports: [{ port: 80 }] }),
    );
    expect(nodePort.object.spec.externalTrafficPolicy).toBe('Cluster');
    expect(nodePort.object.spec.allocateLoadBalancerNodePorts).toBeUndefined();
    const lb = f.create(
      '/services',
      service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }),
    );
    expect(lb.object.spec).toMatchObject({
      externalTrafficPolicy: 'Cluster',
      allocateLoadBalancerNodePorts: true,
    });
  });

  it('defaults a ClientIP session affinity timeout to three hours', () => {
    const f = admissionFixture();
    const { object } = f.create(
      '/services',
      service('sticky', { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] }),
    );
    expect(object.spec.sessionAffinityConfig).toEqual({ clientIP: { timeoutSeconds: 10800 } });
  });

  it('makes selectorless headless Services dual-stack and selecting ones single-stack', () => {
    const f = admissionFixture();
    const bare = f.create(
      '/services',
      service('bare', { clusterIP: 'None', ports: [{ port: 80 }] }),
    );
    expect(bare.object.spec).toMatchObject({
      clusterIP: 'None',
      clusterIPs: ['None'],
      ipFamilyPolicy: 'RequireDualStack',
      ipFamilies: ['IPv4', 'IPv6'],
    });
    const selecting = f.create(
      '/services',
      service('db', { clusterIP: 'None', selector: { app: 'db' }, ports: [{ port: 5432 }] }),
    );
    expect(selecting.object.spec).toMatchObject({
      ipFamilyPolicy: 'SingleStack',
      ipFamilies: ['IPv4'],
    });
  });

  it('gives ExternalName Services no cluster IP, families or internal traffic policy', () => {
    const f = admissionFixture();
    const { object } = f.create(
      '/services',
      service('ext', { type: 'ExternalName', externalName: 'example.com' }),
    );
    expect(object.spec).toEqual({
      type: 'ExternalName',
      externalName: 'example.com',
      sessionAffinity: 'None',
    });
  });
});

describe('Service validation', () => {
  const f = admissionFixture();
  const refused = (spec: Json, name = 'bad') =>
    rejection(() => f.create('/services', service(name, spec)));

  it('words each error like kube-apiserver', () => {
    expect(refused({})).toBe('Service "bad" is invalid: spec.ports: Required value');
    expect(refused({ ports: [{ port: 80 }, { port: 81 }] })).toBe(
      'Service "bad" is invalid: [spec.ports[0].name: Required value, spec.ports[1].name: Required value]',
    );
    expect(refused({ ports: [{ port: 80, nodePort: 30080 }] })).toBe(
      'Service "bad" is invalid: spec.ports[0].nodePort: Forbidden: may not be used when `type` is \'ClusterIP\'',
    );
    expect(refused({ externalTrafficPolicy: 'Local', ports: [{ port: 80 }] })).toBe(
      'Service "bad" is invalid: spec.externalTrafficPolicy: Invalid value: "Local": may only be set for externally-accessible services',
    );
    expect(refused({ type: 'ExternalName' })).toBe(
      'Service "bad" is invalid: spec.externalName: Required value',
    );
    expect(refused({ type: 'Nodeport', ports: [{ port: 80 }] })).toBe(
      'Service "bad" is invalid: spec.type: Unsupported value: "Nodeport": supported values: "ClusterIP", "ExternalName", "LoadBalancer", "NodePort"',
    );
    expect(refused({ sessionAffinity: 'Sticky', ports: [{ port: 80 }] })).toBe(
      'Service "bad" is invalid: spec.sessionAffinity: Unsupported value: "Sticky": supported values: "ClientIP", "None"',
    );
  });

  it('checks port numbers, protocols, names and duplicates', () => {
    expect(refused({ ports: [{ port: 70000, protocol: 'HTTP' }] })).toBe(
      'Service "bad" is invalid: [spec.ports[0].port: Invalid value: 70000: must be between 1 and 65535, inclusive, spec.ports[0].protocol: Unsupported value: "HTTP": supported values: "SCTP", "TCP", "UDP", spec.ports[0].targetPort: Invalid value: 70000: must be between 1 and 65535, inclusive]',
    );
    expect(refused({ ports: [{ port: 80, targetPort: 'web_port' }] })).toBe(
      'Service "bad" is invalid: spec.ports[0].targetPort: Invalid value: "web_port": must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)',
    );
    expect(
      refused({
        ports: [
          { name: 'http', port: 80 },
          { name: 'http', port: 80 },
        ],
      }),
    ).toBe(
      'Service "bad" is invalid: [spec.ports[1].name: Duplicate value: "http", spec.ports[1]: Duplicate value: {"Name":"","Protocol":"TCP","AppProtocol":null,"Port":80,"TargetPort":0,"NodePort":0}]',
    );
  });

  it('requires Service names to be DNS-1035 labels', () => {
    expect(refused({ ports: [{ port: 80 }] }, '1st')).toBe(
      `Service "1st" is invalid: metadata.name: Invalid value: "1st": a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character (e.g. 'my-name',  or 'abc-123', regex used for validation is '[a-z]([-a-z0-9]*[a-z0-9])?')`,
    );
  });

  it('refuses headless NodePort Services and bad cluster IPs', () => {
    expect(refused({ type: 'NodePort', clusterIP: 'None', ports: [{ port: 80 }] })).toBe(
      `Service "bad" is invalid: spec.clusterIPs[0]: Invalid value: "None": may not be set to 'None' for NodePort services`,
    );
    expect(refused({ clusterIP: '10.96.0.300', ports: [{ port: 80 }] })).toBe(
      'Service "bad" is invalid: spec.clusterIPs[0]: Invalid value: "10.96.0.300": must be a valid IP address, (e.g. 10.9.8.7 or 2001:db8::ffff)',
    );
  });

  it('warns that externalName is ignored on other types', () => {
    const { warnings } = f.create(
      '/services',
      service('ignored', { externalName: 'example.com', ports: [{ port: 80 }] }),
    );
    expect(warnings).toEqual(['spec.externalName is ignored when spec.type is not "ExternalName"']);
  });
});

describe('Service allocation', () => {
  it('gives the seeded kubernetes and kube-dns Services exactly their addresses', () => {
    const f = admissionFixture();
    expect(f.get('/services', 'default', 'kubernetes')?.spec.clusterIPs).toEqual(['10.96.0.1']);
    expect(f.get('/services', 'kube-system', 'kube-dns')?.spec.clusterIP).toBe('10.96.0.10');
  });

  it('honours a requested cluster IP and refuses it out of range or taken', () => {
    const f = admissionFixture();
    const { object } = f.create(
      '/services',
      service('pinned', { clusterIP: '10.96.0.50', ports: [{ port: 80 }] }),
    );
    expect(object.spec.clusterIPs).toEqual(['10.96.0.50']);
    expect(
      rejection(() =>
        f.create(
          '/services',
          service('far', { clusterIP: '123.123.123.123', ports: [{ port: 80 }] }),
        ),
      ),
    ).toBe(
      'Service "far" is invalid: spec.clusterIPs: Invalid value: ["123.123.123.123"]: failed to allocate IP 123.123.123.123: the provided IP (123.123.123.123) is not in the valid range. The range of valid IPs is 10.96.0.0/16',
    );
    expect(
      rejection(() =>
        f.create('/services', service('dns2', { clusterIP: '10.96.0.10', ports: [{ port: 53 }] })),
      ),
    ).toBe(
      'Service "dns2" is invalid: spec.clusterIPs: Invalid value: ["10.96.0.10"]: failed to allocate IP 10.96.0.10: provided IP is already allocated',
    );
  });

  it('allocates node ports for NodePort and LoadBalancer Services, honouring requests', () => {
    const f = admissionFixture({ random: first });
    const np = f.create(
      '/services',
      service('np', {
        type: 'NodePort',
        ports: [
          { name: 'a', port: 80 },
          { name: 'b', port: 81, nodePort: 30081 },
        ],
      }),
    );
    expect(np.object.spec.ports.map((p: Json) => p.nodePort)).toEqual([30086, 30081]);
    const lb = f.create(
      '/services',
      service('lb', { type: 'LoadBalancer', ports: [{ port: 80 }] }),
    );
    expect(lb.object.spec.ports[0].nodePort).toBe(30087);
  });

  it('refuses node ports out of range or already allocated', () => {
    const f = admissionFixture();
    f.create(
      '/services',
      service('first', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    );
    expect(
      rejection(() =>
        f.create(
          '/services',
          service('low', { type: 'NodePort', ports: [{ port: 80, nodePort: 80 }] }),
        ),
      ),
    ).toBe(
      'Service "low" is invalid: spec.ports[0].nodePort: Invalid value: 80: provided port is not in the valid range. The range of valid ports is 30000-32767',
    );
    expect(
      rejection(() =>
        f.create(
          '/services',
          service('again', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
        ),
      ),
    ).toBe(
      'Service "again" is invalid: spec.ports[0].nodePort: Invalid value: 30080: provided port is already allocated',
    );
  });

  it('frees node ports and addresses on delete', () => {
    const f = admissionFixture();
    f.create(
      '/services',
      service('gone', {
        type: 'NodePort',
        clusterIP: '10.96.0.77',
        ports: [{ port: 80, nodePort: 30080 }],
      }),
    );
    f.delete('/services', 'default', 'gone');
    const { object } = f.create(
      '/services',
      service('reuse', {
        type: 'NodePort',
        clusterIP: '10.96.0.77',
        ports: [{ port: 80, nodePort: 30080 }],
      }),
    );
    expect(object.spec.ports[0].nodePort).toBe(30080);
  });

  it('keeps allocations across updates, even when the client resends the YAML without them', () => {
    const f = admissionFixture();
    const created = f.create(
      '/services',
      service('keep', { type: 'NodePort', ports: [{ port: 80 }] }),
    ).object;
    const resent: KubeObject = {
      ...created,
      spec: { type: 'NodePort', ports: [{ port: 80 }] },
    };
    const updated = f.update('/services', resent).object;
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
    expect(updated.spec.ports[0].nodePort).toBe(created.spec.ports[0].nodePort);
  });

  it('refuses to change the cluster IP of an existing Service', () => {
    const f = admissionFixture();
    const created = f.create('/services', service('fixed', { ports: [{ port: 80 }] })).object;
    const moved = structuredClone(created);
    moved.spec.clusterIP = '10.96.0.99';
    expect(rejection(() => f.update('/services', moved))).toBe(
      'Service "fixed" is invalid: spec.clusterIPs[0]: Invalid value: ["10.96.0.99"]: may not change once set',
    );
  });

  it('frees node ports when a NodePort Service becomes ClusterIP', () => {
    const f = admissionFixture();
    const created = f.create(
      '/services',
      service('shrink', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    ).object;
    const patched = structuredClone(created);
    patched.spec.type = 'ClusterIP';
    const updated = f.update('/services', patched).object;
    expect(updated.spec.ports[0].nodePort).toBeUndefined();
    expect(updated.spec.externalTrafficPolicy).toBeUndefined();
    expect(updated.spec.clusterIP).toBe(created.spec.clusterIP);
    const other = f.create(
      '/services',
      service('taker', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    );
    expect(other.object.spec.ports[0].nodePort).toBe(30080);
  });

  it('releases the cluster IP when a Service becomes ExternalName', () => {
    const f = admissionFixture();
    const created = f.create(
      '/services',
      service('named', { clusterIP: '10.96.0.88', ports: [{ port: 80 }] }),
    ).object;
    const external = structuredClone(created);
    external.spec.type = 'ExternalName';
    external.spec.externalName = 'example.com';
    const updated = f.update('/services', external).object;
    expect(updated.spec.clusterIP).toBeUndefined();
    expect(updated.spec.ipFamilies).toBeUndefined();
    f.create('/services', service('next', { clusterIP: '10.96.0.88', ports: [{ port: 80 }] }));
  });

  it('does not consume node ports on dry runs or failed writes', () => {
    const f = admissionFixture();
    const dry = f.create(
      '/services',
      service('dry', { type: 'NodePort', ports: [{ port: 80, nodePort: 30090 }] }),
      { dryRun: true },
    );
    expect(dry.object.spec.ports[0].nodePort).toBe(30090);
    expect(f.get('/services', 'default', 'dry')).toBeUndefined();
    // The second port fails, so the first one's claim must not stick either.
    f.create(
      '/services',
      service('holder', { type: 'NodePort', ports: [{ port: 80, nodePort: 30092 }] }),
    );
    rejection(() =>
      f.create(
        '/services',
        service('half', {
          type: 'NodePort',
          ports: [
            { name: 'a', port: 80, nodePort: 30091 },
            { name: 'b', port: 81, nodePort: 30092 },
          ],
        }),
      ),
    );
    const { object } = f.create(
      '/services',
      service('after', {
        type: 'NodePort',
        ports: [
          { name: 'a', port: 80, nodePort: 30090 },
          { name: 'b', port: 81, nodePort: 30091 },
        ],
      }),
    );
    expect(object.spec.ports.map((p: Json) => p.nodePort)).toEqual([30090, 30091]);
  });

  it('gives a Local LoadBalancer a health-check node port', () => {
    const f = admissionFixture({ random: first });
    const { object } = f.create(
      '/services',
      service('local', {
        type: 'LoadBalancer',
        externalTrafficPolicy: 'Local',
        ports: [{ port: 80 }],
      }),
    );
    expect(object.spec.ports[0].nodePort).toBe(30086);
    expect(object.spec.healthCheckNodePort).toBe(30087);
  });

  it('keeps allocations of separate sandboxes apart', () => {
    const a = admissionFixture();
    const b = admissionFixture();
    a.create(
      '/services',
      service('same', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    );
    const { object } = b.create(
      '/services',
      service('same', { type: 'NodePort', ports: [{ port: 80, nodePort: 30080 }] }),
    );
    expect(object.spec.ports[0].nodePort).toBe(30080);
  });
});
