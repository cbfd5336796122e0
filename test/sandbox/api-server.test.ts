import { request } from 'node:https';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SandboxHarness, startHarness } from '../support/sandbox.ts';

let harness: SandboxHarness;

beforeAll(async () => {
  harness = await startHarness({ controllers: false });
});
afterAll(async () => {
  await harness.stop();
});

function rawGet(path: string, token?: string): Promise<{ status: number; body: string }> {
  const url = new URL(path, harness.sandbox.url);
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { ca: harness.sandbox.caPem, headers: token ? { Authorization: `Bearer ${token}` } : {} },
      (res) => {
        let body = '';
        res.on('data', (chunk) => {
          body += chunk;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

describe('the sandbox API server', () => {
  it('refuses requests without the bearer token with a 401 Status', async () => {
    const response = await rawGet('/api/v1/namespaces');
    expect(response.status).toBe(401);
    expect(JSON.parse(response.body)).toMatchObject({
      kind: 'Status',
      reason: 'Unauthorized',
      code: 401,
    });
    const wrong = await rawGet('/api/v1/namespaces', 'not-the-token');
    expect(wrong.status).toBe(401);
  });

  it('listens on loopback only', () => {
    expect(harness.sandbox.url).toMatch(/^https:\/\/127\.0\.0\.1:\d+$/);
  });

  it('reports a Kubernetes version kubectl accepts', async () => {
    const response = await rawGet('/version', harness.sandbox.token);
    expect(JSON.parse(response.body)).toMatchObject({ major: '1', minor: '36' });
  });

  it('serves kubectl get nodes with the three kind-like nodes', async () => {
    const result = await harness.kubectl(['get', 'nodes', '-o', 'name']);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n')).toEqual([
      'node/expose-tutor-control-plane',
      'node/expose-tutor-worker',
      'node/expose-tutor-worker2',
    ]);
  });
});
