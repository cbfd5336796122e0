import { connect, type Socket } from 'node:net';
import type { VirtualAddress } from '../../../source/sandbox/network/proxy-protocol.ts';
import { DialError } from '../../../source/sandbox/network/virtual-network.ts';
import type {
  DnsResponse,
  ShellIO,
  ShellMachine,
} from '../../../source/sandbox/pod-shell/shell-machine.ts';

/** How the fake network treats a virtual address: forward to a real local port, refuse, drop. */
export type FakeRoute = { forwardTo: number } | 'refuse' | 'drop';

export interface FakeMachineOptions {
  ip?: string;
  routes: Record<string, FakeRoute>;
  /** A records by fully qualified name; an array of strings is a CNAME target plus addresses. */
  names?: Record<string, string[]>;
  cnames?: Record<string, string>;
  files?: Record<string, string>;
}

/**
 * A machine whose network is a table: `ip:port` → a real loopback server, a refusal or a
 * drop; whose DNS is a table too. For testing programs without a sandbox.
 */
export function fakeMachine(options: FakeMachineOptions): ShellMachine {
  const ip = options.ip ?? '10.244.1.5';
  let nextPort = 40_000;
  return {
    hostname: 'client',
    env: { HOSTNAME: 'client', PATH: '/usr/bin:/bin' },
    files: new Map(
      Object.entries({
        '/etc/resolv.conf':
          'search default.svc.cluster.local svc.cluster.local cluster.local\nnameserver 10.96.0.10\noptions ndots:5\n',
        '/etc/hosts': `127.0.0.1\tlocalhost\n${ip}\tclient\n`,
        ...options.files,
      }),
    ),
    network: {
      ip,
      nameServer: {
        address: '10.96.0.10',
        async queryA(fqdn): Promise<DnsResponse> {
          const target = options.cnames?.[fqdn];
          const addresses = options.names?.[target ?? fqdn];
          if (!target && !addresses) return { rcode: 'NXDOMAIN' };
          return {
            rcode: 'NOERROR',
            cnames: target ? [{ name: fqdn, target: `${target}.` }] : [],
            addresses: addresses ?? [],
            authoritative: fqdn.endsWith('.cluster.local'),
          };
        },
      },
      connect(destination: VirtualAddress, timeoutMs: number) {
        const localPort = nextPort++;
        const flow = { source: { ip, port: localPort }, destination };
        const route = options.routes[`${destination.ip}:${destination.port}`] ?? 'drop';
        return new Promise((resolve, reject) => {
          if (route === 'refuse') return reject(new DialError('ECONNREFUSED', flow));
          if (route === 'drop') {
            setTimeout(() => reject(new DialError('ETIMEDOUT', flow)), timeoutMs);
            return;
          }
          const socket: Socket = connect(route.forwardTo, '127.0.0.1', () =>
            resolve({ socket, localPort }),
          );
          socket.once('error', reject);
        });
      },
    },
  };
}

/** Streams that collect what a program writes. */
export function capturingIO(tty = false): ShellIO & { out(): string; err(): string } {
  let stdout = '';
  let stderr = '';
  return {
    stdin: undefined,
    tty,
    signal: new AbortController().signal,
    stdout: (data) => {
      stdout += Buffer.from(data).toString();
    },
    stderr: (data) => {
      stderr += Buffer.from(data).toString();
    },
    out: () => stdout,
    err: () => stderr,
  };
}
