import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  decodeProxyHeader,
  encodeProxyHeader,
} from '../../../source/sandbox/network/proxy-protocol.ts';
import { DialError, VirtualNetwork } from '../../../source/sandbox/network/virtual-network.ts';

const network = new VirtualNetwork();
beforeAll(async () => {
  await network.start();
  network.setRouter((flow) => {
    if (flow.destination.ip === '10.244.1.5' && flow.destination.port === 8080) {
      return {
        type: 'accept',
        handle(socket, seen) {
          socket.on('data', (data) =>
            socket.write(`${seen.source.ip}:${seen.source.port} says ${data}`),
          );
        },
      };
    }
    return flow.destination.ip === '10.244.1.5' ? { type: 'refuse' } : { type: 'drop' };
  });
});
afterAll(async () => {
  await network.stop();
});

const from = { ip: '10.244.2.7', port: 40_000 };

describe('the virtual network fabric', () => {
  it('carries bytes both ways once the destination accepts, with the virtual source known to it', async () => {
    const socket = await network.dial({
      source: from,
      destination: { ip: '10.244.1.5', port: 8080 },
    });
    const reply = new Promise<string>((resolve) =>
      socket.once('data', (data) => resolve(String(data))),
    );
    socket.write('hello');
    expect(await reply).toBe('10.244.2.7:40000 says hello');
    socket.destroy();
  });

  it('refuses when nothing listens on the port', async () => {
    const failure = await network
      .dial({ source: from, destination: { ip: '10.244.1.5', port: 9999 } })
      .catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(DialError);
    expect((failure as DialError).code).toBe('ECONNREFUSED');
  });

  it('times out when the destination drops the connection', async () => {
    const failure = await network
      .dial({ source: from, destination: { ip: '10.244.9.9', port: 80 } }, 200)
      .catch((e: unknown) => e);
    expect((failure as DialError).code).toBe('ETIMEDOUT');
    expect((failure as DialError).message).toBe('connection timed out: 10.244.9.9:80');
  });
});

describe('the PROXY v1 header', () => {
  it('round-trips a flow and rejects malformed lines', () => {
    const flow = {
      source: { ip: '172.18.0.1', port: 51_000 },
      destination: { ip: '10.96.0.10', port: 53 },
    };
    const line = encodeProxyHeader(flow);
    expect(line).toBe('PROXY TCP4 172.18.0.1 10.96.0.10 51000 53\r\n');
    expect(decodeProxyHeader(line.trimEnd())).toEqual(flow);
    expect(decodeProxyHeader('PROXY TCP6 ::1 ::1 1 2')).toBeUndefined();
    expect(decodeProxyHeader('PROXY TCP4 1.2.3 10.0.0.1 1 2')).toBeUndefined();
    expect(decodeProxyHeader('PROXY TCP4 1.2.3.4 10.0.0.1 1 70000')).toBeUndefined();
  });
});
