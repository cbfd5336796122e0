import type { Socket } from 'node:net';
import type { VirtualAddress } from '../network/proxy-protocol.ts';

/**
 * One DNS answer for one fully qualified name and record type A, as a stub resolver gets it
 * from its nameserver: NOERROR with the CNAME chain followed and the addresses found (none is
 * NODATA), or NXDOMAIN.
 */
export type DnsResponse =
  | {
      rcode: 'NOERROR';
      /** CNAME records met on the way, in order: `{name, target}`, targets with a trailing dot. */
      cnames: { name: string; target: string }[];
      addresses: string[];
      /** Whether the server is authoritative for the name (CoreDNS is, for the cluster domain). */
      authoritative: boolean;
    }
  | { rcode: 'NXDOMAIN' };

/** The nameserver a machine's /etc/resolv.conf points at. */
export interface NameServer {
  readonly address: string;
  /** Asks for the A records of `fqdn` (no trailing dot). */
  queryA(fqdn: string): Promise<DnsResponse>;
}

/** A machine's view of the network: its own address, its nameserver and connect(). */
export interface MachineNetwork {
  /** The address peers see as this machine's: the pod IP, or the node's internal IP. */
  readonly ip: string;
  readonly nameServer: NameServer;
  /**
   * Opens a TCP connection from this machine. Rejects like connect(2) would: refused, or timed
   * out after `timeoutMs` (a dropped SYN) — a `DialError` with `ECONNREFUSED` or `ETIMEDOUT`.
   */
  connect(destination: VirtualAddress, timeoutMs: number): Promise<MachineConnection>;
}

/** An open TCP connection and the ephemeral port the machine gave it. */
export interface MachineConnection {
  socket: Socket;
  localPort: number;
}

/**
 * Where a command runs: a pod's container, or a node. Commands see only this — its hostname,
 * its files (/etc/hosts, /etc/resolv.conf, …), its environment and its network.
 */
export interface ShellMachine {
  readonly hostname: string;
  readonly files: ReadonlyMap<string, string>;
  readonly env: Readonly<Record<string, string>>;
  readonly network: MachineNetwork;
}

/** A running command's standard streams. */
export interface ShellIO {
  /** Standard input, when the caller attached one (`kubectl exec -i`). */
  readonly stdin: AsyncIterable<Buffer> | undefined;
  stdout(data: string | Uint8Array): void;
  stderr(data: string | Uint8Array): void;
  /** Whether the streams are a terminal (`kubectl exec -t`): programs write differently then. */
  readonly tty: boolean;
  /** Aborted when the caller goes away: the command should stop. */
  readonly signal: AbortSignal;
}

/** A program: its arguments (without argv[0]) in, its exit code out. */
export type Program = (args: string[], machine: ShellMachine, io: ShellIO) => Promise<number>;
