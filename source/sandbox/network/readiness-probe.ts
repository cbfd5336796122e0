import type { Json, KubeObject } from '../api/kube-object.ts';
import { kubernetesVersion } from '../cluster/seed.ts';
import { programOf } from './container-program.ts';
import type { DataPlane } from './data-plane.ts';
import { httpRequestOver } from './http-over-socket.ts';
import { DialError } from './virtual-network.ts';

/**
 * The kubelet's probe of one container, made for real over the fabric from the node's IP, as
 * the kubelet (in the node's network namespace) makes it:
 *
 *   probeContainer(dataPlane, pod, container, probe, nodeIP) → { success, message? }
 *   probePodReadiness(dataPlane, pod, nodeIP) → every container's readiness probe, all must pass;
 *       a container the sandbox runs no program for has the reason added to its failure
 *
 * httpGet: GET path (query included) on host (default the pod IP) and port (a number, or a
 * container port's name) with `User-Agent: kube-probe/<minor>`; 200–399 succeeds. tcpSocket:
 * the connection is accepted. `message` is worded like the kubelet's Unhealthy event.
 * The sandbox runs no commands and no gRPC health servers: exec probes succeed (a container
 * runs no filesystem to check) and gRPC probes fail, which the message says.
 */

export interface ProbeResult {
  success: boolean;
  /** The kubelet's event message for a failure, e.g. `Readiness probe failed: …`. */
  message?: string;
}

const [, major, minor] = /^v(\d+)\.(\d+)/.exec(kubernetesVersion) ?? ['', '1', '36'];
const userAgent = `kube-probe/${major}.${minor}`;

export async function probeContainer(
  dataPlane: DataPlane,
  pod: Readonly<KubeObject>,
  container: Json,
  probe: Json,
  nodeIP: string,
  kind = 'Readiness',
): Promise<ProbeResult> {
  const timeoutMs = (probe.timeoutSeconds ?? 1) * 1000;
  const podIP: string = pod.status?.podIP ?? '';
  const failed = (detail: string): ProbeResult => ({
    success: false,
    message: `${kind} probe failed: ${detail}`,
  });
  if (probe.exec) return { success: true };
  if (probe.grpc) return failed('the sandbox runs no gRPC health server');
  const action: Json | undefined = probe.httpGet ?? probe.tcpSocket;
  if (!action) return { success: true };
  const port = resolvePort(container, action.port);
  if (port === undefined) {
    return {
      success: false,
      message: `${kind} probe errored: unable to find port ${JSON.stringify(action.port)}`,
    };
  }
  const host: string = action.host || podIP;
  const target = `${host}:${port}`;
  const source = { ip: nodeIP, port: ephemeralPort() };
  const destination = { ip: host, port };

  if (probe.tcpSocket) {
    try {
      (await dataPlane.network.dial({ source, destination }, timeoutMs)).destroy();
      return { success: true };
    } catch (error) {
      return failed(`dial tcp ${target}: ${dialFailure(error)}`);
    }
  }

  const scheme = String(action.scheme ?? 'HTTP').toLowerCase();
  const path = String(action.path ?? '/');
  const url = `${scheme}://${target}${path.startsWith('/') ? '' : '/'}${path}`;
  const started = Date.now();
  let socket: Awaited<ReturnType<typeof dataPlane.network.dial>>;
  try {
    socket = await dataPlane.network.dial({ source, destination }, timeoutMs);
  } catch (error) {
    if (isRefusal(error))
      return failed(`Get "${url}": dial tcp ${target}: connect: connection refused`);
    return failed(`Get "${url}": ${clientTimeout}`);
  }
  if (scheme === 'https') {
    // Every server in the sandbox speaks plain HTTP.
    socket.destroy();
    return failed(`Get "${url}": http: server gave HTTP response to HTTPS client`);
  }
  const headers: Record<string, string> = { 'User-Agent': userAgent, Accept: '*/*' };
  let hostHeader = target;
  for (const header of (action.httpHeaders ?? []) as Json[]) {
    if (String(header.name).toLowerCase() === 'host') hostHeader = String(header.value);
    else headers[String(header.name)] = String(header.value);
  }
  try {
    const reply = await httpRequestOver(socket, {
      path: `${path.startsWith('/') ? '' : '/'}${path}`,
      host: hostHeader,
      headers,
      timeoutMs: Math.max(1, timeoutMs - (Date.now() - started)),
    });
    if (reply.status >= 200 && reply.status < 400) return { success: true };
    return failed(`HTTP probe failed with statuscode: ${reply.status}`);
  } catch {
    return failed(`Get "${url}": ${clientTimeout}`);
  }
}

/** Every container's readiness probe in turn: ready when all succeed (a pod without any is). */
export async function probePodReadiness(
  dataPlane: DataPlane,
  pod: Readonly<KubeObject>,
  nodeIP: string,
): Promise<ProbeResult> {
  for (const container of (pod.spec?.containers ?? []) as Json[]) {
    if (!container.readinessProbe) continue;
    const result = await probeContainer(
      dataPlane,
      pod,
      container,
      container.readinessProbe,
      nodeIP,
    );
    if (result.success) continue;
    // A probe of a container the sandbox runs no program for fails for that reason: say so.
    const program = programOf(container);
    const why = program.kind === 'silent' ? ` (in the sandbox: ${program.reason})` : '';
    return { success: false, message: `${result.message}${why}` };
  }
  return { success: true };
}

/** A probe's port: a number, or the name of one of the container's ports. */
function resolvePort(container: Json, port: unknown): number | undefined {
  if (typeof port === 'number') return port;
  if (/^\d+$/.test(String(port))) return Number(port);
  const named = ((container.ports ?? []) as Json[]).find((p) => p.name === port);
  return typeof named?.containerPort === 'number' ? named.containerPort : undefined;
}

const clientTimeout = 'context deadline exceeded (Client.Timeout exceeded while awaiting headers)';

function isRefusal(error: unknown): boolean {
  return error instanceof DialError && error.code === 'ECONNREFUSED';
}

function dialFailure(error: unknown): string {
  return isRefusal(error) ? 'connect: connection refused' : 'i/o timeout';
}

/** An ephemeral source port from Linux's default range. */
function ephemeralPort(): number {
  return 32768 + Math.floor(Math.random() * (60999 - 32768));
}
