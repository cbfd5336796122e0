import { describe, expect, it } from 'vitest';
import { answeringPod } from '../../source/probe/answering-pod.ts';
import { displayedCurl, probingCurl } from '../../source/probe/curl-command.ts';
import { curlOutcome, parseIncludedResponse } from '../../source/probe/curl-outcome.ts';
import { tallyHits } from '../../source/probe/hit-tally.ts';
import { podCommand } from '../../source/probe/pod-probe.ts';
import type { ProbeResult } from '../../source/probe/probe.ts';
import { hostRoute } from '../../source/probe/sandbox/host-route.ts';
import { shellCommand } from '../../source/probe/shell-words.ts';

describe('reading curl', () => {
  it('splits `curl -i` output into status, headers and body, after interim responses', () => {
    expect(
      parseIncludedResponse(
        'HTTP/1.1 100 Continue\r\n\r\nHTTP/1.1 404 Not Found\r\nContent-Length: 5\r\nX-A: b\r\n\r\nnope\n',
      ),
    ).toEqual({
      status: 404,
      headers: [
        ['Content-Length', '5'],
        ['X-A', 'b'],
      ],
      body: 'nope\n',
    });
  });

  it.each([
    [6, 'curl: (6) Could not resolve host: nope\n', 'dns-failure', 'Could not resolve host: nope'],
    [
      7,
      'curl: (7) Failed to connect to nobody port 80 after 1 ms: Could not connect to server\n',
      'refused',
      'Failed to connect to nobody port 80 after 1 ms: Could not connect to server',
    ],
    [
      28,
      'curl: (28) Connection timed out after 3001 milliseconds\n',
      'timed-out',
      'Connection timed out after 3001 milliseconds',
    ],
    [
      60,
      'curl: (60) SSL certificate problem: self-signed certificate\nMore details here: https://curl.se/docs/sslcerts.html\n',
      'tls-error',
      'SSL certificate problem: self-signed certificate',
    ],
    [52, 'curl: (52) Empty reply from server\n', 'error', 'Empty reply from server'],
  ])('names exit code %i as what it is', (exitCode, stderr, kind, detail) => {
    expect(curlOutcome({ exitCode, stdout: '', stderr })).toEqual({ kind, detail });
  });

  it('reads a response from exit code 0', () => {
    expect(
      curlOutcome({ exitCode: 0, stdout: 'HTTP/1.1 200 OK\r\n\r\necho-1', stderr: '' }),
    ).toEqual({ kind: 'response', status: 200, headers: [], body: 'echo-1' });
  });
});

describe('the answering pod', () => {
  it("is agnhost's /hostname reply", () => {
    expect(answeringPod('http://echo/hostname', 200, 'echo-5d9c7-x2v5q')).toBe('echo-5d9c7-x2v5q');
    expect(answeringPod('http://echo/hostName', 200, 'echo-1\n')).toBe('echo-1');
  });

  it('is nobody for other paths, errors and odd bodies, unless the body is a known pod', () => {
    expect(answeringPod('http://echo/', 200, 'NOW: 2026-11-26')).toBeUndefined();
    expect(answeringPod('http://echo/hostname', 503, 'echo-1')).toBeUndefined();
    expect(answeringPod('http://echo/hostname', 200, '<html>a b</html>')).toBeUndefined();
    expect(answeringPod('http://echo/whoami', 200, 'echo-2', ['echo-1', 'echo-2'])).toBe('echo-2');
  });
});

describe('the hit tally', () => {
  const result = (
    pod: string | undefined,
    kind: 'response' | 'refused' = 'response',
  ): ProbeResult => ({
    index: 0,
    command: '',
    latencyMs: 1,
    outcome:
      kind === 'response'
        ? { kind, status: 200, headers: [], body: pod ?? '' }
        : { kind, detail: 'x' },
    ...(pod ? { pod } : {}),
  });

  it('counts hits per pod, unnamed responses and failures by kind', () => {
    expect(
      tallyHits([
        result('b'),
        result('a'),
        result('b'),
        result(undefined),
        result(undefined, 'refused'),
      ]),
    ).toEqual({
      total: 5,
      pods: [
        { pod: 'a', hits: 1 },
        { pod: 'b', hits: 2 },
      ],
      unnamed: 1,
      failures: { refused: 1 },
    });
  });
});

describe('the commands a probe shows', () => {
  it('quotes words a shell would split', () => {
    expect(shellCommand(['curl', '-H', 'Host: a.example.com', "it's", 'http://x/?a=1&b=2'])).toBe(
      "curl -H 'Host: a.example.com' 'it'\\''s' 'http://x/?a=1&b=2'",
    );
  });

  it('shows kubectl exec with curl -s and the target options', () => {
    expect(
      podCommand(
        { from: 'pod', namespace: 'demo', pod: 'client' },
        {
          from: { from: 'host' },
          target: { url: 'https://shop.example.com/', hostHeader: 'shop', insecure: true },
        },
      ),
    ).toBe("kubectl exec -n demo client -- curl -s -k -H 'Host: shop' https://shop.example.com/");
    expect(displayedCurl({ url: 'http://a/', resolveTo: '10.0.0.1' })).toEqual([
      'curl',
      '-s',
      '--resolve',
      'a:80:10.0.0.1',
      'http://a/',
    ]);
  });

  it('runs curl with -S, -i and a bounded wait', () => {
    expect(probingCurl({ url: 'http://echo/hostname' }, 2500)).toEqual([
      'curl',
      '-sS',
      '-i',
      '-m',
      '2.5',
      'http://echo/hostname',
    ]);
  });
});

describe("your machine's routes", () => {
  const endpoints = [
    {
      kind: 'NodePort' as const,
      object: 'demo/echo',
      virtual: '172.18.0.3:30080',
      host: '127.0.18.3:30080',
      node: 'expose-tutor-worker',
      listening: true,
    },
  ];

  it('reaches exposed addresses through their loopback twins, and loopback as it is', () => {
    expect(hostRoute('172.18.0.3', 30080, endpoints)).toEqual({
      type: 'connect',
      ip: '127.0.18.3',
      port: 30080,
      endpoint: endpoints[0],
    });
    expect(hostRoute('127.0.0.1', 8080, endpoints)).toEqual({
      type: 'connect',
      ip: '127.0.0.1',
      port: 8080,
    });
  });

  it('has no route to cluster IPs, pod IPs or unexposed ports', () => {
    expect(hostRoute('10.96.41.7', 80, endpoints)).toEqual({
      type: 'unreachable',
      detail: '10.96.41.7 is a cluster-internal address: your machine has no route to it',
    });
    expect(hostRoute('10.244.1.5', 8080, endpoints)).toMatchObject({
      type: 'unreachable',
      detail: '10.244.1.5 is a pod address inside the cluster: your machine has no route to it',
    });
    expect(hostRoute('172.18.0.3', 8080, endpoints).type).toBe('unreachable');
  });
});
