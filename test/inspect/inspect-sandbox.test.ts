import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runInspectCommand } from '../../source/cli/commands/inspect-command.ts';
import type {
  Diagnosis,
  InspectReport,
  ServiceReport,
} from '../../source/inspect/inspect-report.ts';
import { eventually, type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { textSink } from '../support/text-sink.ts';

const fixtures = import.meta.dirname;
let harness: SandboxHarness;
let report: InspectReport;
let plain: string;

async function inspect(args: { json?: boolean; plain?: boolean; namespace?: string }) {
  const stdout = textSink();
  await runInspectCommand({ kubeconfig: harness.kubeconfigPath, ...args }, { stdout });
  return stdout.text();
}

beforeAll(async () => {
  harness = await startHarness();
  const namespace = await harness.kubectl(['create', 'namespace', 'inspect-demo']);
  expect(namespace.stderr).toBe('');
  const applied = await harness.kubectl(['apply', '-f', join(fixtures, 'exposures.yaml')]);
  expect(applied.exitCode, applied.stderr).toBe(0);
  // No default IngressClass any more: the next Ingress without a class stays classless.
  const unmarked = await harness.kubectl([
    'annotate',
    'ingressclass',
    'cloud-provider-kind',
    'ingressclass.kubernetes.io/is-default-class-',
  ]);
  expect(unmarked.exitCode, unmarked.stderr).toBe(0);
  const classless = await harness.kubectl([
    'apply',
    '-f',
    join(fixtures, 'classless-ingress.yaml'),
  ]);
  expect(classless.exitCode, classless.stderr).toBe(0);
  // Settled: web's two pods ready, the LoadBalancer, Ingress and Gateway have addresses, and
  // sleepy's pods exist (never ready).
  await eventually(
    async () => {
      const json = JSON.parse(await inspect({ json: true, namespace: 'inspect-demo' }));
      const web = serviceOf(json, 'web');
      const lb = serviceOf(json, 'web-lb');
      const sleepy = serviceOf(json, 'never-ready');
      return (
        web.endpointCounts?.ready === 2 &&
        lb.external.loadBalancer.length === 1 &&
        web.routes.filter((route) => route.name === 'web' && route.address).length === 2 &&
        sleepy.matchingPods?.total === 2 &&
        serviceOf(json, 'local-only').endpointCounts?.ready === 1
      );
    },
    30_000,
    'the exposures to settle',
  );
  harness.sandbox.audit.clear();
  report = JSON.parse(await inspect({ json: true, namespace: 'inspect-demo' }));
  plain = await inspect({ plain: true, namespace: 'inspect-demo' });
}, 60_000);

afterAll(async () => {
  await harness?.stop();
});

function serviceOf(json: InspectReport, name: string): ServiceReport {
  const service = json.services.find((candidate) => candidate.name === name);
  if (!service) throw new Error(`no Service ${name} in the report`);
  return service;
}

function diagnosisOf(diagnoses: Diagnosis[], id: string): Diagnosis {
  const found = diagnoses.find((diagnosis) => diagnosis.id === id);
  if (!found) throw new Error(`no ${id} among ${diagnoses.map((d) => d.id).join(', ')}`);
  return found;
}

/** The plain report's block for one Service: from its header to the next blank line. */
function plainBlock(name: string): string {
  const start = plain.indexOf(`\ninspect-demo/${name}  `);
  expect(start, `block of ${name}`).toBeGreaterThanOrEqual(0);
  const end = plain.indexOf('\n\n', start + 1);
  return plain.slice(start, end < 0 ? undefined : end);
}

describe('inspect against a sandbox with healthy and broken exposures', () => {
  it('reports schema version 1, the context and the namespace', () => {
    expect(report.schemaVersion).toBe(1);
    expect(report.context).toBe('expose-tutor-sandbox');
    expect(report.server).toBe(harness.sandbox.url);
    expect(report.scope).toEqual({ allNamespaces: false, namespace: 'inspect-demo' });
    expect(report.unseen).toEqual([]);
  });

  it('describes a healthy Service fully and gives it no warning', () => {
    const web = serviceOf(report, 'web');
    expect(web.type).toBe('ClusterIP');
    expect(web.clusterIPs[0]).toMatch(/^10\.96\./);
    expect(web.ports).toEqual([{ name: 'http', protocol: 'TCP', port: 80, targetPort: 'http' }]);
    expect(web.endpoints).toHaveLength(2);
    for (const endpoint of web.endpoints ?? []) {
      expect(endpoint.state).toBe('ready');
      expect(endpoint.pod).toMatch(/^web-[a-z0-9]+-[a-z0-9]{5}$/);
      expect(endpoint.node).toMatch(/^expose-tutor-worker2?$/);
      expect(endpoint.ports).toEqual(['8080/TCP']);
    }
    expect(web.diagnoses).toEqual([]);
    const ingress = web.routes.find((route) => route.kind === 'Ingress' && route.name === 'web');
    expect(ingress).toMatchObject({ name: 'web', host: 'web.example.test', path: '/' });
    expect(ingress?.url).toBe('http://web.example.test/');
    const httpRoute = web.routes.find(
      (route) => route.kind === 'HTTPRoute' && route.name === 'web',
    );
    expect(httpRoute).toMatchObject({ gateways: ['inspect-demo/gw'], host: 'gw.example.test' });
    expect(web.reach.map((reach) => reach.via)).toEqual([
      'cluster DNS',
      'Ingress web',
      'HTTPRoute web',
    ]);
    expect(web.reach[0]?.command).toContain(
      'curl -sS http://web.inspect-demo.svc.cluster.local:80/',
    );
    expect(web.reach[1]?.command).toBe(
      `curl -sS --resolve web.example.test:80:${ingress?.address} http://web.example.test/`,
    );
    expect(plainBlock('web')).toContain('[ok]');
    expect(plainBlock('web')).not.toMatch(/ERROR|WARNING/);
  });

  it('gives a LoadBalancer with an address only the note about node ports', () => {
    const lb = serviceOf(report, 'web-lb');
    expect(lb.external.loadBalancer[0]).toMatch(/^172\.18\.0\.\d+$/);
    expect(lb.diagnoses.map((d) => [d.id, d.severity])).toEqual([
      ['port-open-on-every-node', 'note'],
    ]);
    const note = lb.diagnoses[0]!;
    expect(note.evidence).toContain('nodes: 172.18.0.2, 172.18.0.3, 172.18.0.4');
    expect(lb.reach.map((reach) => reach.via)).toEqual([
      'cluster DNS',
      'node port',
      'load balancer',
    ]);
    expect(plainBlock('web-lb')).toContain('[ok]');
    expect(plainBlock('web-lb')).toContain('NOTE [port-open-on-every-node]');
  });

  const expected: [service: string, id: string, severity: string, evidence: RegExp][] = [
    ['no-pods', 'selector-matches-no-pods', 'error', /^spec\.selector: app=web-typo$/],
    [
      'never-ready',
      'no-ready-pods',
      'error',
      /^pod sleepy-[a-z0-9]+-[a-z0-9]{5}: Running, not ready/,
    ],
    [
      'bad-name',
      'named-target-port-missing',
      'error',
      /^selected pods declare: 8080\/TCP \(http\)/,
    ],
    ['bad-number', 'target-port-not-declared', 'warning', /^spec\.ports\[0\]\.targetPort: 9090$/],
    [
      'pending-lb',
      'load-balancer-pending',
      'warning',
      /spec\.loadBalancerClass: example\.com\/no-such-provider/,
    ],
    ['local-only', 'local-traffic-nodes-without-endpoints', 'warning', /^no ready endpoint on: /],
    ['ext-ips', 'deprecated-external-ips', 'warning', /^spec\.externalIPs: 172\.18\.0\.50$/],
  ];

  it.each(expected)(
    'names the problem of %s: %s, with its evidence and fix',
    (name, id, severity, evidence) => {
      const diagnosis = diagnosisOf(serviceOf(report, name).diagnoses, id);
      expect(diagnosis.severity).toBe(severity);
      expect(
        diagnosis.evidence.some((line) => evidence.test(line)),
        diagnosis.evidence.join('\n'),
      ).toBe(true);
      expect(diagnosis.fix.length).toBeGreaterThan(20);
      const block = plainBlock(name);
      expect(block).toContain(`${severity.toUpperCase()} [${id}] ${diagnosis.summary}`);
      for (const line of diagnosis.evidence) expect(block).toContain(`evidence: ${line}`);
      expect(block).toContain(`fix: ${diagnosis.fix}`);
    },
  );

  it('says which nodes lack endpoints under externalTrafficPolicy: Local', () => {
    const local = serviceOf(report, 'local-only');
    const node = local.endpoints?.[0]?.node;
    const diagnosis = diagnosisOf(local.diagnoses, 'local-traffic-nodes-without-endpoints');
    expect(diagnosis.evidence).toContain(`ready endpoints on: ${node}`);
    expect(diagnosis.summary).toContain('2 of 3 nodes have no ready endpoint');
    // Only the node with the endpoint answers on the node port: the command uses its address.
    const nodePort = local.reach.find((reach) => reach.via === 'node port');
    expect(nodePort?.target.split(',')).toHaveLength(1);
  });

  const findings: [kind: string, name: string, id: string, evidence: string][] = [
    [
      'Ingress',
      'to-ghost',
      'route-to-missing-service',
      'no Service "ghost" in namespace "inspect-demo"',
    ],
    [
      'HTTPRoute',
      'to-ghost',
      'route-to-missing-service',
      'no Service "ghost" in namespace "inspect-demo"',
    ],
    ['Ingress', 'wrong-port', 'route-to-missing-port', 'Service "web" ports: http=80'],
    [
      'Ingress',
      'classless',
      'ingress-without-class',
      'IngressClasses: cloud-provider-kind; none is annotated ingressclass.kubernetes.io/is-default-class: "true"',
    ],
    [
      'Ingress',
      'annotated',
      'deprecated-ingress-class-annotation',
      'metadata.annotations["kubernetes.io/ingress.class"]: "cloud-provider-kind"',
    ],
  ];

  it.each(findings)('names the problem of %s %s: %s', (kind, name, id, evidence) => {
    const finding = report.findings.find(
      (candidate) =>
        candidate.id === id && candidate.object.kind === kind && candidate.object.name === name,
    );
    expect(finding, `${kind} ${name} ${id}`).toBeDefined();
    expect(finding?.evidence).toContain(evidence);
    expect(plain).toContain(`[${id}] ${finding?.summary}`);
    expect(plain).toContain(`evidence: ${evidence}`);
  });

  it('counts every diagnosis in the totals and the plain summary line', () => {
    const all = [...report.services.flatMap((s) => s.diagnoses), ...report.findings];
    expect(report.totals.error).toBe(all.filter((d) => d.severity === 'error').length);
    expect(report.totals.warning).toBe(all.filter((d) => d.severity === 'warning').length);
    expect(plain).toContain(
      `${report.services.length} Services, 7 with problems; ${report.totals.error} errors, ${report.totals.warning} warnings`,
    );
  });

  it('sent only get and list requests, with limit/continue paging', () => {
    const entries = harness.sandbox.audit.all();
    expect(entries.length).toBeGreaterThan(0);
    const verbs = new Set(entries.map((entry) => entry.verb));
    for (const verb of verbs) expect(['get', 'list', 'watch']).toContain(verb);
    expect(new Set(entries.map((entry) => entry.method))).toEqual(new Set(['GET']));
    const listed = entries.filter((entry) => entry.verb === 'list').map((entry) => entry.path);
    for (const path of [
      '/api/v1/namespaces/inspect-demo/services',
      '/apis/discovery.k8s.io/v1/namespaces/inspect-demo/endpointslices',
      '/api/v1/namespaces/inspect-demo/pods',
      '/api/v1/nodes',
      '/apis/networking.k8s.io/v1/namespaces/inspect-demo/ingresses',
      '/apis/networking.k8s.io/v1/ingressclasses',
      '/apis/gateway.networking.k8s.io/v1/namespaces/inspect-demo/gateways',
      '/apis/gateway.networking.k8s.io/v1/namespaces/inspect-demo/httproutes',
    ])
      expect(listed).toContain(path);
    expect(entries.every((entry) => entry.query.includes('limit=500'))).toBe(true);
  });
});
