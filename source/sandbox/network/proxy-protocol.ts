/**
 * The HAProxy PROXY protocol, version 1: one text line in front of a TCP stream naming the
 * connection's original source and destination. The sandbox uses it to carry *virtual*
 * addresses (pod IPs, cluster IPs, node IPs) over real loopback connections.
 * https://www.haproxy.org/download/2.9/doc/proxy-protocol.txt
 */

export interface VirtualAddress {
  ip: string;
  port: number;
}

/** One virtual connection: who connects, and to what. */
export interface Flow {
  source: VirtualAddress;
  destination: VirtualAddress;
}

/** The longest v1 header the spec allows, CRLF included. */
export const maxHeaderLength = 107;

export function encodeProxyHeader(flow: Flow): string {
  const { source, destination } = flow;
  return `PROXY TCP4 ${source.ip} ${destination.ip} ${source.port} ${destination.port}\r\n`;
}

const ipv4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

function isPort(value: number): boolean {
  return Number.isInteger(value) && value >= 0 && value <= 65535;
}

/** Parses a header line (without CRLF); undefined when it is not a valid TCP4 header. */
export function decodeProxyHeader(line: string): Flow | undefined {
  const parts = line.split(' ');
  if (parts.length !== 6 || parts[0] !== 'PROXY' || parts[1] !== 'TCP4') return undefined;
  const [, , sourceIP, destinationIP, sourcePort, destinationPort] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  if (!ipv4.test(sourceIP) || !ipv4.test(destinationIP)) return undefined;
  const flow = {
    source: { ip: sourceIP, port: Number(sourcePort) },
    destination: { ip: destinationIP, port: Number(destinationPort) },
  };
  return isPort(flow.source.port) && isPort(flow.destination.port) ? flow : undefined;
}
