import { describe, expect, it } from 'vitest';
import type { Json, KubeObject } from '../../../source/sandbox/api/kube-object.ts';
import {
  isAgnhostImage,
  listenersOf,
  programOf,
} from '../../../source/sandbox/network/container-program.ts';

const agnhost = 'registry.k8s.io/e2e-test-images/agnhost:2.53';

describe('programOf: what a container listens on', () => {
  it.each([
    ['args netexec --http-port=8080', { args: ['netexec', '--http-port=8080'] }, 8080],
    ['args netexec --http-port 9000', { args: ['netexec', '--http-port', '9000'] }, 9000],
    ['netexec without a port flag: 8080', { args: ['netexec', '--udp-port=-1'] }, 8080],
    ['command /agnhost netexec', { command: ['/agnhost', 'netexec', '--http-port=81'] }, 81],
    ['command /agnhost with args', { command: ['/agnhost'], args: ['netexec'] }, 8080],
    ['the last --http-port wins', { args: ['netexec', '--http-port=1', '--http-port=2'] }, 2],
  ])('%s', (_what, fields, port) => {
    expect(programOf({ name: 'c', image: agnhost, ...fields })).toEqual({
      kind: 'netexec',
      httpPort: port,
    });
  });

  it.each([
    [
      'another image',
      { image: 'nginx:1.27' },
      'the sandbox runs no program for image "nginx:1.27": only registry.k8s.io/e2e-test-images/agnhost with "netexec" answers connections',
    ],
    [
      'agnhost without arguments (its CMD is pause)',
      { image: agnhost },
      'agnhost "pause" listens on no port in the sandbox; "agnhost netexec --http-port=<port>" serves HTTP',
    ],
    [
      'agnhost through a shell',
      { image: agnhost, command: ['sh', '-c', '/agnhost netexec'] },
      'container "c" runs a command the sandbox does not simulate (["sh","-c","/agnhost netexec"]); only "/agnhost netexec" answers connections',
    ],
    [
      'a port flag that is not a number',
      { image: agnhost, args: ['netexec', '--http-port=http'] },
      'agnhost netexec exits at start: invalid argument "http" for "--http-port" flag',
    ],
  ])('serves nothing for %s, and says why', (_what, fields, reason) => {
    expect(programOf({ name: 'c', ...fields })).toEqual({ kind: 'silent', reason });
  });

  it('knows agnhost by its repository, whatever the tag or digest', () => {
    expect(isAgnhostImage('registry.k8s.io/e2e-test-images/agnhost:2.40')).toBe(true);
    expect(isAgnhostImage('registry.k8s.io/e2e-test-images/agnhost@sha256:abc')).toBe(true);
    expect(isAgnhostImage('registry.k8s.io/e2e-test-images/agnhost')).toBe(true);
    expect(isAgnhostImage('k8s.gcr.io/e2e-test-images/agnhost:2.32')).toBe(true);
    expect(isAgnhostImage('example.com/agnhost:2.53')).toBe(false);
  });
});

describe('listenersOf: a pod’s containers share one network namespace', () => {
  it('lists every netexec container’s port', () => {
    const containers: Json[] = [
      { name: 'web', image: agnhost, args: ['netexec', '--http-port=8080'] },
      { name: 'sidecar', image: 'busybox' },
      { name: 'admin', image: agnhost, args: ['netexec', '--http-port=9090'] },
    ];
    const pod: KubeObject = { apiVersion: 'v1', kind: 'Pod', metadata: {}, spec: { containers } };
    expect(listenersOf(pod)).toEqual([
      { port: 8080, container: 'web' },
      { port: 9090, container: 'admin' },
    ]);
  });
});
