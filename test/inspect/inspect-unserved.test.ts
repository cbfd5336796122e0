import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { stringify } from 'yaml';
import { runInspectCommand } from '../../source/cli/commands/inspect-command.ts';
import type { InspectReport } from '../../source/inspect/inspect-report.ts';
import { textSink } from '../support/text-sink.ts';

// A cluster without the Gateway API installed: its paths answer the API server's bare 404
// page. Served over plain HTTP (client-node allows it with insecure-skip-tls-verify).
let server: Server;
let dir: string;
const requests: string[] = [];

beforeAll(async () => {
  server = createServer((request, response) => {
    requests.push(`${request.method} ${request.url}`);
    if (request.url?.startsWith('/apis/gateway.networking.k8s.io/')) {
      response.writeHead(404, { 'Content-Type': 'text/plain; charset=utf-8' });
      return void response.end('404 page not found\n');
    }
    const items = request.url?.startsWith('/api/v1/namespaces/default/services')
      ? [
          {
            metadata: { name: 'web', namespace: 'default' },
            spec: { clusterIPs: ['10.96.0.9'], ports: [{ port: 80 }] },
          },
        ]
      : [];
    response.writeHead(200, { 'Content-Type': 'application/json' });
    response.end(JSON.stringify({ kind: 'List', apiVersion: 'v1', metadata: {}, items }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  dir = mkdtempSync(join(tmpdir(), 'inspect-unserved-'));
  writeFileSync(
    join(dir, 'kubeconfig'),
    stringify({
      apiVersion: 'v1',
      kind: 'Config',
      clusters: [
        {
          name: 'old',
          cluster: { server: `http://127.0.0.1:${port}`, 'insecure-skip-tls-verify': true },
        },
      ],
      users: [{ name: 'old', user: { token: 't' } }],
      contexts: [{ name: 'old', context: { cluster: 'old', user: 'old' } }],
      'current-context': 'old',
    }),
  );
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  rmSync(dir, { recursive: true, force: true });
});

it('a kind the cluster does not serve is reported as unseen, and the rest still is', async () => {
  const stdout = textSink();
  await runInspectCommand({ kubeconfig: join(dir, 'kubeconfig'), json: true }, { stdout });
  const report = JSON.parse(stdout.text()) as InspectReport;
  expect(report.unseen).toEqual([
    {
      resource: 'gateways.gateway.networking.k8s.io',
      reason: 'NotFound',
      message: 'the server does not serve gateways in gateway.networking.k8s.io/v1',
      consequence: 'Gateway addresses are not shown',
    },
    {
      resource: 'httproutes.gateway.networking.k8s.io',
      reason: 'NotFound',
      message: 'the server does not serve httproutes in gateway.networking.k8s.io/v1',
      consequence: 'routes from HTTPRoutes are not shown or checked',
    },
  ]);
  expect(report.services.map((service) => service.name)).toEqual(['web']);
  expect(requests.every((request) => request.startsWith('GET '))).toBe(true);
});
