import { DialError } from '../network/virtual-network.ts';
import { kernelSynTimeoutMs } from './curl/curl-transfer.ts';
import { lookupHost } from './name-lookup.ts';
import type { Program } from './shell-machine.ts';

/** Go's time.ParseDuration for the simple forms flags use: `1s`, `500ms`, `1m30s`, `0`. */
export function parseGoDuration(text: string): number | undefined {
  if (text === '0') return 0;
  const units: Record<string, number> = {
    ns: 1e-6,
    us: 1e-3,
    µs: 1e-3,
    ms: 1,
    s: 1000,
    m: 60_000,
    h: 3_600_000,
  };
  let total = 0;
  let rest = text;
  while (rest) {
    const match = /^(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)/.exec(rest);
    if (!match) return undefined;
    total += Number(match[1]) * units[match[2]!]!;
    rest = rest.slice(match[0].length);
  }
  return text ? total : undefined;
}

/**
 * `agnhost connect HOST:PORT [--timeout=D]`: a TCP connection attempt whose failure is printed
 * with the fixed prefixes tests check for — TIMEOUT, REFUSED, DNS, UNKNOWN — exit 1.
 */
const connect: Program = async (args, machine, io) => {
  let timeoutMs = 0;
  const operands: string[] = [];
  for (let at = 0; at < args.length; at++) {
    const arg = args[at]!;
    const flag = /^--?(timeout|protocol)(?:=(.*))?$/.exec(arg);
    if (!flag) {
      operands.push(arg);
      continue;
    }
    const value = flag[2] ?? args[++at] ?? '';
    if (flag[1] === 'protocol' && value !== 'tcp' && value !== '') {
      io.stderr(`UNKNOWN: the sandbox connects over TCP only, not ${value}\n`);
      return 1;
    }
    if (flag[1] === 'timeout') {
      const parsed = parseGoDuration(value);
      if (parsed === undefined) {
        io.stderr(
          `Error: invalid argument "${value}" for "--timeout" flag: time: invalid duration "${value}"\n`,
        );
        return 1;
      }
      timeoutMs = parsed;
    }
  }
  if (operands.length !== 1) {
    io.stderr(`Error: accepts 1 arg(s), received ${operands.length}\n`);
    return 1;
  }
  const destination = operands[0]!;
  const colon = destination.lastIndexOf(':');
  if (colon < 0) {
    io.stderr(`UNKNOWN: address ${destination}: missing port in address\n`);
    return 1;
  }
  const host = destination.slice(0, colon);
  const port = Number(destination.slice(colon + 1));
  const lookup = await lookupHost(machine, host);
  if (!lookup.found) {
    io.stderr(`DNS: lookup ${host} on ${machine.network.nameServer.address}:53: no such host\n`);
    return 1;
  }
  try {
    const { socket } = await machine.network.connect(
      { ip: lookup.addresses[0]!, port },
      timeoutMs > 0 ? Math.min(timeoutMs, kernelSynTimeoutMs) : kernelSynTimeoutMs,
    );
    socket.destroy();
    return 0;
  } catch (error) {
    if (!(error instanceof DialError)) throw error;
    if (error.code === 'ECONNREFUSED') io.stderr('REFUSED\n');
    else if (timeoutMs > 0) io.stderr('TIMEOUT\n');
    else
      io.stderr(`OTHER: dial tcp ${lookup.addresses[0]}:${port}: connect: connection timed out\n`);
    return 1;
  }
};

/**
 * `/agnhost`: the subcommands that make sense from `kubectl exec` — `connect`, and the ones
 * that print the pod's DNS setup (`etc-hosts`, `dns-suffix`, `dns-server-list`). Its servers
 * (netexec, serve-hostname, pause …) run as the container's own process, not from exec.
 */
export const agnhost: Program = async (args, machine, io) => {
  const [subcommand, ...rest] = args;
  const resolvConf = machine.files.get('/etc/resolv.conf') ?? '';
  switch (subcommand) {
    case 'connect':
      return connect(rest, machine, io);
    case 'etc-hosts':
      io.stdout(machine.files.get('/etc/hosts') ?? '');
      return 0;
    case 'dns-suffix':
      io.stdout(/^search\s+(.*)$/m.exec(resolvConf)?.[1]?.split(/\s+/).join(',') ?? '');
      return 0;
    case 'dns-server-list':
      io.stdout([...resolvConf.matchAll(/^nameserver\s+(\S+)/gm)].map((m) => m[1]).join(','));
      return 0;
    case undefined:
      io.stderr("Usage:\n  agnhost [command]\n\nRun 'agnhost --help' for usage.\n");
      return 1;
    case 'netexec':
    case 'serve-hostname':
    case 'pause':
    case 'porter':
    case 'test-webserver':
      io.stderr(
        `agnhost ${subcommand}: the sandbox runs agnhost's servers as a container's own process (its args), not from exec\n`,
      );
      return 1;
    default:
      io.stderr(
        `Error: unknown command "${subcommand}" for "agnhost"\nRun 'agnhost --help' for usage.\n`,
      );
      return 1;
  }
};
