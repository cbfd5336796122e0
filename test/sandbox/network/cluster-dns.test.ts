import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import { dnsVantageOf } from '../../../source/sandbox/network/cluster-dns.ts';
import { eventually, type SandboxHarness, startHarness } from '../../support/sandbox.ts';

// Cluster DNS as pods (CoreDNS, resolv.conf search paths, ndots 5) and kind nodes (Docker's
// DNS) get it.
let harness: SandboxHarness;
beforeAll(async () => {
  harness = await startHarness();
  const applied = await harness.kubectl(['apply', '-f', '-'], manifests);
  expect(applied.stderr).toBe('');
  await eventually(
    () => readyAddresses('db').length === 2 && readyAddresses('empty-headless').length === 0,
    10_000,
    'the headless Service’s endpoints',
  );
});
afterAll(async () => {
  await harness.stop();
});

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';
const manifests = `
apiVersion: v1
kind: Namespace
metadata: {name: shop}
---
apiVersion: v1
kind: Service
metadata: {name: echo, namespace: shop}
spec:
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: db, namespace: shop}
spec:
  clusterIP: None
  selector: {app: db}
  ports: [{port: 5432}]
---
apiVersion: v1
kind: Service
metadata: {name: empty-headless, namespace: shop}
spec:
  clusterIP: None
  selector: {app: nobody}
  ports: [{port: 80}]
---
apiVersion: v1
kind: Service
metadata: {name: docs, namespace: shop}
spec:
  type: ExternalName
  externalName: kubernetes.io
---
apiVersion: v1
kind: Service
metadata: {name: alias, namespace: shop}
spec:
  type: ExternalName
  externalName: echo.shop.svc.cluster.local
${[0, 1]
  .map(
    (i) => `---
apiVersion: v1
kind: Pod
metadata: {name: db-${i}, namespace: shop, labels: {app: db}}
spec:
  hostname: db-${i}
  subdomain: db
  containers: [{name: db, image: ${agnhost}, args: [netexec]}]`,
  )
  .join('\n')}
`;

function dns() {
  return harness.sandbox.clusterNetwork.dns;
}

function clusterIP(namespace: string, name: string): string {
  return harness.sandbox.store.peek('/services', namespace, name)!.spec.clusterIP;
}

function podIP(name: string): string {
  return harness.sandbox.store.peek('/pods', 'shop', name)?.status?.podIP;
}

function readyAddresses(service: string): string[] {
  return harness.sandbox.store
    .scan('discovery.k8s.io/endpointslices', 'shop')
    .filter((s) => s.metadata.labels?.['kubernetes.io/service-name'] === service)
    .flatMap((s) => (s.endpoints ?? []) as Json[])
    .filter((e) => e.conditions.ready)
    .map((e) => e.addresses[0]);
}

describe('from a pod', () => {
  it.each([
    ['echo', 'shop'],
    ['echo.shop', 'default'],
    ['echo.shop.svc', 'default'],
    ['echo.shop.svc.cluster.local', 'default'],
    ['ECHO.shop.svc.cluster.local.', 'default'],
  ])('resolves %s (from namespace %s) to the cluster IP', (name, namespace) => {
    expect(dns().resolve(name, { namespace })).toEqual({
      status: 'NOERROR',
      name: 'echo.shop.svc.cluster.local',
      addresses: [clusterIP('shop', 'echo')],
    });
  });

  it('tries the search domains first for names with fewer than 5 dots', () => {
    expect(dns().resolve('echo', { namespace: 'default' })).toEqual({
      status: 'NXDOMAIN',
      name: 'echo',
      tried: [
        'echo.default.svc.cluster.local',
        'echo.svc.cluster.local',
        'echo.cluster.local',
        'echo',
      ],
      note: 'the sandbox has no internet: only cluster names (from pods) and node names resolve',
    });
    expect(dns().resolve('kubernetes.default', { namespace: 'shop' })).toMatchObject({
      status: 'NOERROR',
      name: 'kubernetes.default.svc.cluster.local',
      addresses: ['10.96.0.1'],
    });
  });

  it('resolves a headless Service to its ready pods, and a pod by hostname.subdomain', () => {
    const answer = dns().resolve('db', { namespace: 'shop' });
    expect(answer.status).toBe('NOERROR');
    expect(answer.status === 'NOERROR' && [...answer.addresses].sort()).toEqual(
      [podIP('db-0'), podIP('db-1')].sort(),
    );
    expect(dns().resolve('db-1.db', { namespace: 'shop' })).toEqual({
      status: 'NOERROR',
      name: 'db-1.db.shop.svc.cluster.local',
      addresses: [podIP('db-1')],
    });
    expect(
      dns().resolve('empty-headless.shop.svc.cluster.local', { namespace: 'shop' }).status,
    ).toBe('NXDOMAIN');
  });

  it('answers an ExternalName Service with a CNAME to its externalName', () => {
    expect(dns().resolve('docs', { namespace: 'shop' })).toEqual({
      status: 'NOERROR',
      name: 'docs.shop.svc.cluster.local',
      cname: 'kubernetes.io',
      addresses: [],
      note: 'the sandbox has no internet: only cluster names (from pods) and node names resolve',
    });
    expect(dns().resolve('alias', { namespace: 'shop' })).toEqual({
      status: 'NOERROR',
      name: 'alias.shop.svc.cluster.local',
      cname: 'echo.shop.svc.cluster.local',
      addresses: [clusterIP('shop', 'echo')],
    });
  });

  it('resolves pod A records (pods insecure) and the node names Docker’s DNS knows', () => {
    expect(dns().resolve('10-244-1-7.shop.pod.cluster.local', { namespace: 'default' })).toEqual({
      status: 'NOERROR',
      name: '10-244-1-7.shop.pod.cluster.local',
      addresses: ['10.244.1.7'],
    });
    expect(dns().resolve('expose-tutor-worker', { namespace: 'default' })).toEqual({
      status: 'NOERROR',
      name: 'expose-tutor-worker',
      addresses: ['172.18.0.3'],
    });
  });

  it('does not resolve a Service in a namespace it is not in, or a missing one', () => {
    expect(dns().resolve('echo.default', { namespace: 'shop' }).status).toBe('NXDOMAIN');
    expect(dns().resolve('missing.shop.svc.cluster.local', { namespace: 'shop' }).status).toBe(
      'NXDOMAIN',
    );
  });
});

describe('one query, without the search list', () => {
  it('answers exactly the name asked, from the vantage’s server', () => {
    expect(dns().query('echo.shop.svc.cluster.local', { namespace: 'default' })).toEqual({
      status: 'NOERROR',
      name: 'echo.shop.svc.cluster.local',
      addresses: [clusterIP('shop', 'echo')],
    });
    expect(dns().query('echo', { namespace: 'shop' })).toEqual({
      status: 'NXDOMAIN',
      name: 'echo',
      tried: ['echo'],
    });
    expect(dns().query('echo.shop.svc.cluster.local').status).toBe('NXDOMAIN');
    expect(dns().query('expose-tutor-worker2')).toMatchObject({ addresses: ['172.18.0.4'] });
  });
});

describe('from a node', () => {
  it('does not resolve cluster names, as a kind node does not, and says why', () => {
    expect(dns().resolve('echo.shop.svc.cluster.local')).toEqual({
      status: 'NXDOMAIN',
      name: 'echo.shop.svc.cluster.local',
      tried: ['echo.shop.svc.cluster.local'],
      note: "kind nodes resolve through Docker's DNS, not the cluster's: Service names resolve only inside pods",
    });
  });

  it('resolves the node names and IP literals', () => {
    expect(dns().resolve('expose-tutor-control-plane')).toMatchObject({
      status: 'NOERROR',
      addresses: ['172.18.0.2'],
    });
    expect(dns().resolve('10.96.0.1')).toMatchObject({
      status: 'NOERROR',
      addresses: ['10.96.0.1'],
    });
  });
});

describe('dnsVantageOf', () => {
  const pod = (spec: Json): KubeObject => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'p', namespace: 'shop' },
    spec,
  });

  it.each([
    ['ClusterFirst (the default) uses cluster DNS', {}, { namespace: 'shop' }],
    ['hostNetwork with ClusterFirst falls back to the node’s', { hostNetwork: true }, {}],
    [
      'ClusterFirstWithHostNet uses cluster DNS',
      { hostNetwork: true, dnsPolicy: 'ClusterFirstWithHostNet' },
      { namespace: 'shop' },
    ],
    ['Default uses the node’s', { dnsPolicy: 'Default' }, {}],
  ])('%s', (_what, spec, expected) => {
    expect(dnsVantageOf(pod(spec))).toEqual(expected);
  });
});
