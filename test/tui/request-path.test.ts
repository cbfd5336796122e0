import { describe, expect, it } from 'vitest';
import { pathLines } from '../../source/tui/state/path-lines.ts';
import { type PathRequest, requestPath } from '../../source/tui/state/request-path.ts';
import { plainText } from '../../source/tui/text/styled-line.ts';
import {
  cached,
  echoWorld,
  endpointSlice,
  namespace,
  pod,
  service,
} from './support/cluster-objects.ts';

const fromClient = (url: string): PathRequest => ({
  from: { kind: 'pod', name: 'client' },
  url,
  namespace,
});
const fromMachine = (url: string): PathRequest => ({ from: { kind: 'machine' }, url, namespace });

describe('requestPath', () => {
  it('follows a Service name to the pod that answered', () => {
    const hops = requestPath(fromClient('http://echo/hostname'), cached(echoWorld()), {
      kind: 'response',
      status: 200,
      pod: 'echo-6d9f8c7b5-fghij',
      label: '200',
    });
    expect(hops).toEqual([
      { label: 'pod client', detail: '10.244.2.9', state: 'ok' },
      { label: 'svc/echo 10.96.41.7:80', detail: 'DNS echo; 3 ready endpoints', state: 'ok' },
      {
        label: 'pod echo-6d9f8c7b5-fghij 10.244.2.6:8080',
        detail: 'answered the last request',
        state: 'ok',
      },
    ]);
  });

  it('goes through a node port, the way the issue writes it', () => {
    const world = echoWorld().map((object) =>
      object.kind === 'Service'
        ? service('echo', '10.96.41.7', { type: 'NodePort', nodePort: 30080 })
        : object,
    );
    const hops = requestPath(fromMachine('http://172.18.0.3:30080/hostname'), cached(world), {
      kind: 'response',
      status: 200,
      pod: 'echo-6d9f8c7b5-abcde',
      label: '200',
    });
    expect(hops.map((hop) => `${hop.label}${hop.detail ? ` (${hop.detail})` : ''}`)).toEqual([
      'your machine',
      '172.18.0.3:30080 (node expose-tutor-worker)',
      'svc/echo 10.96.41.7:80 (NodePort 30080 → port 80; 3 ready endpoints)',
      'pod echo-6d9f8c7b5-abcde 10.244.1.5:8080 (answered the last request)',
    ]);
  });

  it('marks a Service whose selector matches no pod, and says why', () => {
    const world = [
      ...echoWorld(),
      service('echo-backend', '10.96.7.7', { selector: { app: 'echo', tier: 'backend' } }),
    ];
    const hops = requestPath(fromClient('http://echo-backend/hostname'), cached(world), {
      kind: 'refused',
      detail: 'Failed to connect to echo-backend port 80: Connection refused',
      label: 'connection refused',
    });
    expect(hops.at(-1)).toEqual({
      label: 'svc/echo-backend 10.96.7.7:80',
      detail: 'DNS echo-backend',
      state: 'failed',
      why: 'svc/echo-backend selects pods with app=echo,tier=backend, and no pod in clusterip has those labels',
    });
  });

  it('says when the matching pods are not ready yet', () => {
    const world = [
      pod('echo-x', '10.244.1.5', { ready: false }),
      service('echo', '10.96.41.7'),
      endpointSlice('echo', [{ pod: 'echo-x', ip: '10.244.1.5', ready: false }]),
    ];
    const [, hop] = requestPath(fromClient('http://echo/'), cached(world));
    expect(hop).toMatchObject({
      state: 'failed',
      why: '1 pod matches app=echo, but none is ready yet',
    });
  });

  it('blames a targetPort that no container listens on when the pod refuses', () => {
    const world = [
      pod('echo-x', '10.244.1.5'),
      service('echo', '10.96.41.7', { targetPort: 9090 }),
      endpointSlice('echo', [{ pod: 'echo-x', ip: '10.244.1.5' }], 9090),
    ];
    const hops = requestPath(fromClient('http://echo/'), cached(world), {
      kind: 'refused',
      label: 'connection refused',
    });
    expect(hops.at(-1)).toMatchObject({
      state: 'failed',
      why: "nothing listens on port 9090 in the pods: their container listens on 8080 — check the Service's targetPort",
    });
  });

  it('explains that cluster IPs and cluster names do not exist outside the cluster', () => {
    const [, byIP] = requestPath(fromMachine('http://10.96.41.7/'), cached(echoWorld()));
    expect(byIP).toMatchObject({ state: 'failed', label: '10.96.41.7:80' });
    expect(byIP!.why).toMatch(/^10\.96\.41\.7 is a cluster IP: it exists only inside the cluster/);
    const [, byName] = requestPath(
      fromMachine('http://echo.clusterip.svc.cluster.local/'),
      cached(echoWorld()),
    );
    expect(byName!.why).toBe(
      'echo.clusterip.svc.cluster.local is a cluster DNS name: only pods (and nodes) resolve it, your machine does not',
    );
  });

  it('names a port the Service does not have', () => {
    const [, hop] = requestPath(fromClient('http://echo:8080/'), cached(echoWorld()));
    expect(hop).toMatchObject({
      state: 'failed',
      why: 'svc/echo has no port 8080 (it serves 80/TCP), so the connection is refused',
    });
  });

  it('marks the last hop with the failure when the objects look fine', () => {
    const hops = requestPath(fromClient('http://echo/'), cached(echoWorld()), {
      kind: 'timed-out',
      detail: 'Connection timed out after 3000 milliseconds',
      label: 'timed out',
    });
    expect(hops.at(-1)).toMatchObject({
      state: 'failed',
      why: 'timed out: Connection timed out after 3000 milliseconds',
    });
  });
});

describe('pathLines', () => {
  it('writes the request, then a hop a line, the failed one marked and explained', () => {
    const world = [
      ...echoWorld(),
      service('echo-backend', '10.96.7.7', { selector: { tier: 'backend' } }),
    ];
    const hops = requestPath(fromClient('http://echo-backend/'), cached(world));
    const lines = pathLines({ url: 'http://echo-backend/', from: 'pod/client' }, hops, 60).map(
      plainText,
    );
    expect(lines).toEqual([
      'http://echo-backend/ from pod/client',
      '  pod client · 10.244.2.9',
      '✗ svc/echo-backend 10.96.7.7:80 · DNS echo-backend',
      '    why: svc/echo-backend selects pods with tier=backend,',
      '    and no pod in clusterip has those labels',
    ]);
  });
});
