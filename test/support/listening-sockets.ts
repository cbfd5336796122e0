import { readdirSync, readFileSync, readlinkSync } from 'node:fs';

/**
 * The TCP sockets this process is listening on, as the kernel reports them (Linux: the
 * process's socket inodes matched against /proc/self/net/tcp and tcp6). Independent of any
 * bookkeeping of our own, so a listener we forgot about shows up too.
 */
export function listeningSockets(): { ip: string; port: number }[] {
  const inodes = new Set<string>();
  for (const fd of readdirSync('/proc/self/fd')) {
    try {
      const match = /^socket:\[(\d+)\]$/.exec(readlinkSync(`/proc/self/fd/${fd}`));
      if (match) inodes.add(match[1]!);
    } catch {
      // The descriptor closed while we looked.
    }
  }
  const sockets: { ip: string; port: number }[] = [];
  for (const [file, decode] of [
    ['/proc/self/net/tcp', decodeIPv4],
    ['/proc/self/net/tcp6', decodeIPv6],
  ] as const) {
    for (const line of readFileSync(file, 'utf8').split('\n').slice(1)) {
      const fields = line.trim().split(/\s+/);
      const [local, state, inode] = [fields[1], fields[3], fields[9]];
      if (!local || state !== '0A' || !inode || !inodes.has(inode)) continue;
      const [hexIP = '', hexPort = ''] = local.split(':');
      sockets.push({ ip: decode(hexIP), port: Number.parseInt(hexPort, 16) });
    }
  }
  return sockets;
}

/** /proc/net/tcp prints an IPv4 address as one little-endian 32-bit word. */
function decodeIPv4(hex: string): string {
  const bytes = Buffer.from(hex, 'hex').reverse();
  return [...bytes].join('.');
}

/** Four little-endian words; IPv4-mapped addresses come back as dotted IPv4. */
function decodeIPv6(hex: string): string {
  const words = [0, 1, 2, 3].map((i) => Buffer.from(hex.slice(i * 8, i * 8 + 8), 'hex').reverse());
  const bytes = Buffer.concat(words);
  if (bytes.subarray(0, 10).every((b) => b === 0) && bytes[10] === 0xff && bytes[11] === 0xff) {
    return [...bytes.subarray(12)].join('.');
  }
  const groups: string[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(bytes.readUInt16BE(i).toString(16));
  return groups.join(':');
}

export function isLoopback(ip: string): boolean {
  return ip.startsWith('127.') || ip === '0:0:0:0:0:0:0:1';
}
