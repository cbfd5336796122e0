import { describe, expect, it } from 'vitest';
import type { ToolRunner } from '../../source/kind/tool-runner.ts';
import { desktopAddresses, publishedPorts } from '../../source/probe/kind/desktop-addresses.ts';
import { routableAsIs } from '../../source/probe/kind/host-curl-probe.ts';

// Docker Desktop: what `docker ps` and `docker inspect` say decides where a node or
// LoadBalancer address is reached on 127.0.0.1.
const ps = [
  'expose-tutor-control-plane\t127.0.0.1:30080->30080/tcp, 127.0.0.1:30081->30081/tcp, 127.0.0.1:53127->6443/tcp',
  'expose-tutor-worker\t',
  'kindccm-TLRDKPBWWH4DUSI7J7BNE3ABETEPCKSYA6UIWR5B\t0.0.0.0:42381->80/tcp, 0.0.0.0:36673->10000/tcp',
].join('\n');
const addresses: Record<string, string> = {
  'expose-tutor-control-plane': '172.18.0.2 ',
  'expose-tutor-worker': '172.18.0.3 ',
  'kindccm-TLRDKPBWWH4DUSI7J7BNE3ABETEPCKSYA6UIWR5B': '172.18.0.100 ',
};
const calls: string[][] = [];
const run: ToolRunner = async (file, args) => {
  calls.push([file, ...args]);
  const stdout = args[0] === 'ps' ? ps : (addresses[args.at(-1) ?? ''] ?? '');
  return { found: true, exitCode: 0, stdout, stderr: '' };
};
const map = desktopAddresses(run, 'docker');

describe('Docker Desktop addresses', () => {
  it('reads docker ps port columns', () => {
    expect(
      publishedPorts('0.0.0.0:42381->80/tcp, [::]:42381->80/tcp, 127.0.0.1:30080->30080/tcp'),
    ).toEqual(
      new Map([
        [80, 42381],
        [30080, 30080],
      ]),
    );
  });

  it("reaches a NodePort through the control-plane node's mapping", async () => {
    expect(await map({ url: 'http://172.18.0.2:30080/hostname' })).toEqual({
      url: 'http://127.0.0.1:30080/hostname',
    });
  });

  it("reaches a LoadBalancer through cloud-provider-kind's published port, keeping the Host", async () => {
    expect(await map({ url: 'http://172.18.0.100/hostname' })).toEqual({
      url: 'http://127.0.0.1:42381/hostname',
    });
    expect(await map({ url: 'http://shop.example/', resolveTo: '172.18.0.100' })).toEqual({
      url: 'http://127.0.0.1:42381/',
      hostHeader: 'shop.example',
    });
    const tls = { url: 'https://shop.example/', resolveTo: '172.18.0.100' };
    expect(await map(tls)).toEqual(tls);
    expect(await map({ url: 'http://172.18.0.100/', hostHeader: 'shop.example' })).toEqual({
      url: 'http://127.0.0.1:42381/',
      hostHeader: 'shop.example',
    });
  });

  it('says a node address nothing publishes is inside the VM, without trying it', async () => {
    expect(await map({ url: 'http://172.18.0.3:30080/hostname' })).toEqual({
      unreachable:
        "172.18.0.3 is inside Docker Desktop's VM: from this machine only ports published on 127.0.0.1 are reachable (the lessons' NodePorts on the control-plane node, LoadBalancers through cloud-provider-kind)",
    });
  });

  it('cluster and pod IPs are unreachable from any machine', async () => {
    expect(await map({ url: 'http://10.96.14.7/hostname' })).toEqual({
      unreachable: '10.96.14.7 is a cluster-internal address: your machine has no route to it',
    });
    expect(await routableAsIs({ url: 'http://10.244.1.5:8080/hostname' })).toEqual({
      unreachable:
        '10.244.1.5 is a pod address inside the cluster: your machine has no route to it',
    });
    expect(await routableAsIs({ url: 'http://172.18.0.3:30080/' })).toEqual({
      url: 'http://172.18.0.3:30080/',
    });
  });
});
