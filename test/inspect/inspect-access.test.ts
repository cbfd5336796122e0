import { writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parse, stringify } from 'yaml';
import { runInspectCommand } from '../../source/cli/commands/inspect-command.ts';
import type { InspectReport } from '../../source/inspect/inspect-report.ts';
import { resourceById } from '../../source/sandbox/resources/catalog.ts';
import { startCli } from '../cli/run-cli.ts';
import { type SandboxHarness, startHarness } from '../support/sandbox.ts';
import { tempDirectory } from '../support/temp-directory.ts';
import { textSink } from '../support/text-sink.ts';

// A user whose RBAC allows no Ingresses and no Pods, and contexts that cannot be reached.
let harness: SandboxHarness;
let twoContexts: string;
let closedPort: number;

beforeAll(async () => {
  harness = await startHarness({ forbid: ['ingresses', 'pods'] });
  harness.sandbox.ops.create(resourceById('/services'), {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: { name: 'web', namespace: 'default' },
    spec: { selector: { app: 'nothing-has-this' }, ports: [{ port: 80, targetPort: 8080 }] },
  });
  closedPort = await new Promise<number>((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
  // The sandbox's kubeconfig plus an unreachable kind-x context, which is the current one.
  const config = parse(harness.sandbox.kubeconfig());
  config.clusters.push({
    name: 'kind-x',
    cluster: { server: `https://127.0.0.1:${closedPort}`, 'insecure-skip-tls-verify': true },
  });
  config.users.push({ name: 'kind-x', user: { token: 'unused' } });
  config.contexts.push({ name: 'kind-x', context: { cluster: 'kind-x', user: 'kind-x' } });
  config['current-context'] = 'kind-x';
  twoContexts = join(harness.kubeconfigPath, '..', 'two-contexts');
  writeFileSync(twoContexts, stringify(config), { mode: 0o600 });
});

afterAll(async () => {
  await harness?.stop();
});

describe('inspect with a user who may not read everything', () => {
  it('reports what it could not see and still reports the rest', async () => {
    harness.sandbox.audit.clear();
    const stdout = textSink();
    await runInspectCommand({ kubeconfig: harness.kubeconfigPath, json: true }, { stdout });
    const report = JSON.parse(stdout.text()) as InspectReport;
    expect(report.unseen).toEqual([
      {
        resource: 'pods',
        reason: 'Forbidden',
        message:
          'pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" in the namespace "default"',
        consequence: 'selectors and target ports are not checked against pods',
      },
      {
        resource: 'ingresses.networking.k8s.io',
        reason: 'Forbidden',
        message:
          'ingresses.networking.k8s.io is forbidden: User "kubernetes-admin" cannot list resource "ingresses" in API group "networking.k8s.io" in the namespace "default"',
        consequence: 'routes from Ingresses are not shown or checked',
      },
    ]);
    const web = report.services.find((service) => service.name === 'web');
    expect(web?.endpointCounts).toEqual({ ready: 0, notReady: 0, terminating: 0 });
    // Without pods, a selector matching nothing cannot be told from one it cannot check.
    expect(web?.matchingPods).toBeNull();
    expect(web?.diagnoses).toEqual([]);
    const refused = harness.sandbox.audit.all().filter((entry) => entry.code === 403);
    expect(refused.map((entry) => entry.path).sort()).toEqual([
      '/api/v1/namespaces/default/pods',
      '/apis/networking.k8s.io/v1/namespaces/default/ingresses',
    ]);
    expect(harness.sandbox.audit.all().every((entry) => entry.method === 'GET')).toBe(true);
  });

  it('says so in the plain report', async () => {
    const stdout = textSink();
    await runInspectCommand({ kubeconfig: harness.kubeconfigPath, plain: true }, { stdout });
    expect(stdout.text()).toContain(
      'Could not see:\n  pods: Forbidden — pods is forbidden: User "kubernetes-admin" cannot list resource "pods" in API group "" in the namespace "default"\n    so selectors and target ports are not checked against pods',
    );
    expect(stdout.text()).toContain('default/web  ClusterIP');
  });
});

describe('inspect --context', () => {
  it('an unreachable API server: one line naming the context and server, exit 2', async () => {
    const result = await startCli(['inspect', '--kubeconfig', twoContexts]);
    expect(result.exitCode).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `k8s-expose-tutor: cannot reach the API server of context "kind-x" at https://127.0.0.1:${closedPort}: connection refused`,
    );
  });

  it('selects another context of the kubeconfig', async () => {
    const result = await startCli([
      'inspect',
      '--kubeconfig',
      twoContexts,
      '--context',
      'expose-tutor-sandbox',
      '-A',
      '--json',
    ]);
    expect(result.stderr).toBe('');
    expect(result.exitCode).toBe(0);
    const report = JSON.parse(result.stdout) as InspectReport;
    expect(report.context).toBe('expose-tutor-sandbox');
    expect(report.scope).toEqual({ allNamespaces: true });
    expect(report.services.map((service) => `${service.namespace}/${service.name}`)).toEqual([
      'default/kubernetes',
      'default/web',
      'kube-system/kube-dns',
    ]);
  });

  it('an unknown context: one line, exit 2', async () => {
    const result = await startCli(['inspect', '--kubeconfig', twoContexts, '--context', 'nope']);
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'k8s-expose-tutor: context "nope" does not exist in the kubeconfig (contexts: expose-tutor-sandbox, kind-x)',
    );
  });

  it('no kubeconfig anywhere: one line naming the fix, exit 2, instead of a made-up localhost context', async () => {
    const home = tempDirectory('inspect-home-');
    const result = await startCli(['inspect'], { env: { HOME: home, KUBECONFIG: '' } });
    expect(result.exitCode).toBe(2);
    expect(result.stderr).toBe(
      'k8s-expose-tutor: no kubeconfig found (KUBECONFIG is unset or names no file, and ~/.kube/config does not exist): point --kubeconfig at one, or run `k8s-expose-tutor sandbox` and use the kubeconfig it prints',
    );
  });
});
