import { describe, expect, it } from 'vitest';
import { buildReport } from '../../source/inspect/build-report.ts';
import type { ClusterSnapshot } from '../../source/inspect/collect-objects.ts';
import { PodIndex } from '../../source/inspect/pod-index.ts';
import type { KubeObject } from '../../source/sandbox/api/kube-object.ts';

const target = { context: 'kind-x', server: 'https://127.0.0.1:6443', namespace: 'shop' };

function object(kind: string, name: string, rest: Record<string, unknown> = {}, extraMeta = {}) {
  return {
    apiVersion: 'v1',
    kind,
    metadata: { name, namespace: 'shop', ...extraMeta },
    ...rest,
  } as KubeObject;
}

function snapshot(parts: Partial<ClusterSnapshot>): ClusterSnapshot {
  return {
    services: [],
    endpointSlices: [],
    pods: [],
    nodes: [],
    ingresses: [],
    ingressClasses: [],
    gateways: [],
    httpRoutes: [],
    unseen: [],
    ...parts,
  };
}

const pod = (name: string, labels: Record<string, string>, ready: boolean) =>
  object(
    'Pod',
    name,
    {
      spec: { nodeName: 'n1', containers: [{ name: 'app', ports: [{ containerPort: 8080 }] }] },
      status: {
        phase: 'Running',
        conditions: [{ type: 'Ready', status: ready ? 'True' : 'False' }],
      },
    },
    { labels },
  );

describe('buildReport on fixtures', () => {
  it('a headless Service: cluster IP None, DNS to pod addresses, terminating endpoints told apart', () => {
    const report = buildReport(
      snapshot({
        services: [
          object('Service', 'db', {
            spec: {
              clusterIP: 'None',
              clusterIPs: ['None'],
              selector: { app: 'db' },
              ports: [{ port: 5432 }],
            },
          }),
        ],
        pods: [pod('db-0', { app: 'db' }, true), pod('db-1', { app: 'db' }, false)],
        endpointSlices: [
          object(
            'EndpointSlice',
            'db-abc',
            {
              ports: [{ port: 5432, protocol: 'TCP' }],
              endpoints: [
                {
                  addresses: ['10.244.1.9'],
                  conditions: { ready: true },
                  targetRef: { kind: 'Pod', name: 'db-0' },
                  nodeName: 'n1',
                },
                {
                  addresses: ['10.244.1.10'],
                  conditions: { ready: false, terminating: true },
                  targetRef: { kind: 'Pod', name: 'db-1' },
                },
              ],
            },
            { labels: { 'kubernetes.io/service-name': 'db' } },
          ),
        ],
      }),
      target,
    );
    const db = report.services[0]!;
    expect(db.headless).toBe(true);
    expect(db.clusterIPs).toEqual(['None']);
    expect(db.ports).toEqual([{ protocol: 'TCP', port: 5432, targetPort: 5432 }]);
    expect(db.endpoints?.map((e) => [e.address, e.state, e.pod])).toEqual([
      ['10.244.1.9', 'ready', 'db-0'],
      ['10.244.1.10', 'terminating', 'db-1'],
    ]);
    expect(db.endpointCounts).toEqual({ ready: 1, notReady: 0, terminating: 1 });
    expect(db.matchingPods).toEqual({ total: 2, ready: 1 });
    expect(db.reach[0]?.via).toBe('cluster DNS (pod addresses)');
    // Declared port 8080 but the Service targets 5432: the one warning.
    expect(db.diagnoses.map((d) => d.id)).toEqual(['target-port-not-declared']);
  });

  it('an ExternalName Service: no endpoints expected, a CNAME lookup to try, no warnings', () => {
    const report = buildReport(
      snapshot({
        services: [
          object('Service', 'api', {
            spec: { type: 'ExternalName', externalName: 'api.example.com' },
          }),
        ],
      }),
      target,
    );
    const api = report.services[0]!;
    expect(api.clusterIPs).toEqual([]);
    expect(api.external.externalName).toBe('api.example.com');
    expect(api.endpoints).toEqual([]);
    expect(api.reach).toEqual([
      expect.objectContaining({
        via: 'cluster DNS (CNAME)',
        target: 'api.shop.svc.cluster.local → api.example.com',
      }),
    ]);
    expect(api.diagnoses).toEqual([]);
  });

  it('ClientIP affinity with its default timeout; a Service without selector is not checked against pods', () => {
    const report = buildReport(
      snapshot({
        services: [
          object('Service', 'manual', {
            spec: { sessionAffinity: 'ClientIP', ports: [{ port: 80 }] },
          }),
        ],
      }),
      target,
    );
    const manual = report.services[0]!;
    expect(manual.sessionAffinity).toEqual({ type: 'ClientIP', timeoutSeconds: 10800 });
    expect(manual.selector).toBeNull();
    expect(manual.matchingPods).toBeNull();
    expect(manual.diagnoses).toEqual([]);
  });

  it('a TLS Ingress host gets an https URL; an HTTPRoute to a missing port is a finding', () => {
    const web = object('Service', 'web', {
      spec: { selector: { app: 'web' }, ports: [{ name: 'http', port: 80, targetPort: 8080 }] },
    });
    const report = buildReport(
      snapshot({
        services: [web],
        pods: [pod('web-1', { app: 'web' }, true)],
        ingressClasses: [
          object(
            'IngressClass',
            'nginx',
            {},
            { annotations: { 'ingressclass.kubernetes.io/is-default-class': 'true' } },
          ),
        ],
        ingresses: [
          object('Ingress', 'secure', {
            spec: {
              tls: [{ hosts: ['shop.example.com'], secretName: 'tls' }],
              rules: [
                {
                  host: 'shop.example.com',
                  http: {
                    paths: [
                      {
                        path: '/cart',
                        pathType: 'Prefix',
                        backend: { service: { name: 'web', port: { name: 'http' } } },
                      },
                    ],
                  },
                },
              ],
            },
            status: { loadBalancer: { ingress: [{ ip: '203.0.113.7' }] } },
          }),
        ],
        httpRoutes: [
          object('HTTPRoute', 'wrong', {
            spec: {
              parentRefs: [{ name: 'gw' }],
              rules: [{ backendRefs: [{ name: 'web', port: 8080 }] }],
            },
          }),
        ],
      }),
      target,
    );
    const service = report.services[0]!;
    expect(service.routes).toEqual([
      expect.objectContaining({
        kind: 'Ingress',
        host: 'shop.example.com',
        path: '/cart',
        url: 'https://shop.example.com/cart',
        address: '203.0.113.7',
      }),
    ]);
    expect(service.reach.at(-1)?.command).toBe(
      'curl -sS --resolve shop.example.com:443:203.0.113.7 https://shop.example.com/cart',
    );
    // The Ingress has no class but there is a default: no finding for that.
    expect(report.findings.map((f) => [f.object.kind, f.id])).toEqual([
      ['HTTPRoute', 'route-to-missing-port'],
    ]);
    expect(report.findings[0]!.evidence).toEqual([
      'spec.rules[0].backendRefs[0] → Service "web" port 8080',
      'Service "web" ports: http=80',
    ]);
    expect(report.totals).toEqual({ error: 1, warning: 0, note: 0 });
  });

  it('unreadable kinds leave their checks out instead of guessing', () => {
    const report = buildReport(
      snapshot({
        services: [
          object('Service', 'web', {
            spec: {
              type: 'NodePort',
              selector: { app: 'x' },
              ports: [{ port: 80, nodePort: 30080 }],
            },
          }),
        ],
        pods: null,
        endpointSlices: null,
        nodes: null,
        ingresses: null,
        ingressClasses: null,
      }),
      target,
    );
    const web = report.services[0]!;
    expect(web.endpoints).toBeNull();
    expect(web.diagnoses.map((d) => d.id)).toEqual(['port-open-on-every-node']);
    expect(web.reach.find((r) => r.via === 'node port')?.command).toBe(
      'curl -sS http://<node-address>:30080/',
    );
  });
});

describe('PodIndex', () => {
  it('matches every label of a selector, within the namespace', () => {
    const index = new PodIndex([
      pod('a', { app: 'web', tier: 'front' }, true),
      pod('b', { app: 'web' }, true),
      {
        ...pod('c', { app: 'web', tier: 'front' }, true),
        metadata: { name: 'c', namespace: 'other', labels: { app: 'web', tier: 'front' } },
      },
    ]);
    expect(
      index.matching('shop', { app: 'web', tier: 'front' }).map((p) => p.metadata.name),
    ).toEqual(['a']);
    expect(index.matching('shop', { app: 'web' }).map((p) => p.metadata.name)).toEqual(['a', 'b']);
    expect(index.matching('shop', { app: 'db' })).toEqual([]);
    expect(index.matching('shop', {})).toEqual([]);
  });
});
