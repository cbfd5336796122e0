import { describe, expect, it } from 'vitest';
import {
  curlCommand,
  exposureChanges,
  exposureLine,
  requestHint,
} from '../../source/cli/host-endpoint-lines.ts';
import type { KubeObject } from '../../source/sandbox/api/kube-object.ts';
import type { HostEndpoint } from '../../source/sandbox/network/host-port-plan.ts';

const nodePort: HostEndpoint = {
  kind: 'NodePort',
  object: 'default/echo',
  virtual: '172.18.0.3:30080',
  host: '127.18.0.3:30080',
  node: 'expose-tutor-worker',
  listening: true,
};
const loadBalancer: HostEndpoint = {
  kind: 'LoadBalancer',
  object: 'default/echo',
  virtual: '172.18.0.100:80',
  host: '127.18.0.100:80',
  listening: true,
};

describe('exposure lines', () => {
  it('print a copyable curl and the address it stands for', () => {
    expect(exposureLine(nodePort)).toBe(
      'NodePort default/echo on expose-tutor-worker: curl http://127.18.0.3:30080/hostname (172.18.0.3:30080)',
    );
    expect(exposureLine(loadBalancer)).toBe(
      'LoadBalancer default/echo: curl http://127.18.0.100/hostname (172.18.0.100:80)',
    );
    expect(exposureLine({ ...loadBalancer, host: '127.0.0.1:41234' })).toBe(
      'LoadBalancer default/echo: curl http://127.0.0.1:41234/hostname (172.18.0.100:80)',
    );
  });

  it('give Ingress and Gateway requests the host name their rules route', () => {
    const ingress: HostEndpoint = {
      kind: 'Ingress',
      object: 'shop/web',
      virtual: '172.18.0.101:80',
      host: '127.18.0.101:80',
      listening: true,
    };
    const object = {
      apiVersion: 'networking.k8s.io/v1',
      kind: 'Ingress',
      metadata: { namespace: 'shop', name: 'web' },
      spec: {
        rules: [
          { http: { paths: [{ path: '/', pathType: 'Prefix' }] } },
          { host: '*.shop.example', http: { paths: [{ path: '/cart', pathType: 'Prefix' }] } },
        ],
      },
    } as KubeObject;
    const hint = requestHint(ingress, object);
    expect(hint).toEqual({ hostname: 'demo.shop.example', path: '/cart' });
    expect(curlCommand(ingress, hint)).toBe(
      "curl -H 'Host: demo.shop.example' http://127.18.0.101/cart",
    );
    const secure = { ...ingress, virtual: '172.18.0.101:443', host: '127.0.0.1:40443' };
    expect(curlCommand(secure, { hostname: 'shop.example' })).toBe(
      'curl -k --resolve shop.example:40443:127.0.0.1 https://shop.example:40443/',
    );
    expect(curlCommand({ ...secure, host: '127.18.0.101:443' })).toBe(
      'curl -k https://127.18.0.101/',
    );
  });

  it('report new and moved exposures once, and those that went away', () => {
    const first = exposureChanges(new Map(), [nodePort, loadBalancer]);
    expect(first.lines).toHaveLength(2);
    const same = exposureChanges(first.next, [nodePort, loadBalancer]);
    expect(same.lines).toEqual([]);
    const moved = exposureChanges(same.next, [{ ...loadBalancer, host: '127.0.0.1:40000' }]);
    expect(moved.lines).toEqual([
      'LoadBalancer default/echo: curl http://127.0.0.1:40000/hostname (172.18.0.100:80)',
      'NodePort default/echo on expose-tutor-worker: no longer exposed (172.18.0.3:30080)',
    ]);
  });
});
