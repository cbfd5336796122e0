import { lookup } from 'node:dns/promises';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import { performance } from 'node:perf_hooks';
import type { DataPlane } from '../../sandbox/network/data-plane.ts';
import { curlUserAgent } from '../../sandbox/pod-shell/curl/curl-errors.ts';
import { isIPv4 } from '../../sandbox/pod-shell/name-lookup.ts';
import { displayedCurl } from '../curl-command.ts';
import {
  defaultProbeTimeoutMs,
  type ProbeOutcome,
  type ProbeRequest,
  type ProbeResult,
  type ProbeRun,
  type ProbeTarget,
} from '../probe.ts';
import { millisecondsSince, repeatProbe } from '../repeat-probe.ts';
import { shellCommand } from '../shell-words.ts';
import { hostRoute } from './host-route.ts';

/** A request ready to leave this machine, or the failure it meets before it can. */
type Plan =
  | {
      type: 'send';
      url: URL;
      connect: { ip: string; port: number };
      command: string;
    }
  | { type: 'fail'; outcome: ProbeOutcome; command: string };

/** Node's error codes for a certificate it does not trust, as curl words them. */
const certificateProblems: Record<string, string> = {
  DEPTH_ZERO_SELF_SIGNED_CERT: 'self-signed certificate',
  SELF_SIGNED_CERT_IN_CHAIN: 'self-signed certificate in certificate chain',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'unable to get local issuer certificate',
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'unable to verify the first certificate',
  CERT_HAS_EXPIRED: 'certificate has expired',
};

/**
 * Probes from your machine: a real HTTP client to the loopback listeners the sandbox opens
 * for NodePorts, LoadBalancers, Ingresses and Gateways (`dataPlane.hostEndpoints()` maps a
 * cluster address to its loopback twin). Cluster IPs and pod IPs are not reachable, and the
 * probe says so without trying, as a machine outside the cluster has no route to them.
 */
export class HostProbe {
  constructor(private readonly dataPlane: DataPlane) {}

  send(request: ProbeRequest, onResult?: (result: ProbeResult) => void): Promise<ProbeRun> {
    const timeoutMs = request.timeoutMs ?? defaultProbeTimeoutMs;
    return repeatProbe(
      request,
      async () => {
        const started = performance.now();
        const plan = await this.plan(request.target);
        const outcome =
          plan.type === 'fail' ? plan.outcome : await send(plan, request.target, timeoutMs);
        return { command: plan.command, outcome, latencyMs: millisecondsSince(started) };
      },
      onResult,
    );
  }

  private async plan(target: ProbeTarget): Promise<Plan> {
    let url: URL;
    try {
      url = new URL(/^[a-z]+:\/\//i.test(target.url) ? target.url : `http://${target.url}`);
    } catch {
      return {
        type: 'fail',
        outcome: { kind: 'error', detail: `not a URL: ${target.url}` },
        command: shellCommand(displayedCurl(target)),
      };
    }
    const port = url.port ? Number(url.port) : url.protocol === 'https:' ? 443 : 80;
    const name = url.hostname;
    const fail = (outcome: ProbeOutcome): Plan => ({
      type: 'fail',
      outcome,
      command: shellCommand(displayedCurl(target)),
    });
    let ip = target.resolveTo ?? name;
    if (!isIPv4(ip)) {
      if (ip === 'localhost') ip = '127.0.0.1';
      else if (ip.endsWith('.cluster.local') || !ip.includes('.'))
        return fail({
          kind: 'dns-failure',
          detail: `Could not resolve host: ${ip} (your machine does not use the cluster's DNS)`,
        });
      else {
        const found = await lookup(ip, { family: 4 }).catch(() => undefined);
        if (!found) return fail({ kind: 'dns-failure', detail: `Could not resolve host: ${ip}` });
        ip = found.address;
      }
    }
    const route = hostRoute(ip, port, this.dataPlane.hostEndpoints());
    if (route.type === 'unreachable')
      return fail({ kind: 'unreachable-from-host', detail: route.detail });
    const connect = { ip: route.ip, port: route.port };
    return { type: 'send', url, connect, command: hostCommand(target, url, port, connect) };
  }
}

/** The curl command that makes the same request from this machine, at the loopback address. */
function hostCommand(
  target: ProbeTarget,
  url: URL,
  port: number,
  connect: { ip: string; port: number },
): string {
  if (isIPv4(url.hostname) && !target.resolveTo) {
    const local = new URL(url);
    local.hostname = connect.ip;
    local.port = String(connect.port);
    return shellCommand(displayedCurl(target, local.toString()));
  }
  // A name stays in the URL (Host header, TLS SNI); curl is told where to connect instead.
  const { resolveTo: _, ...rest } = target;
  const pin =
    connect.port === port
      ? ['--resolve', `${url.hostname}:${port}:${connect.ip}`]
      : ['--connect-to', `${url.hostname}:${port}:${connect.ip}:${connect.port}`];
  const argv = displayedCurl(rest);
  return shellCommand([...argv.slice(0, -1), ...pin, argv[argv.length - 1]!]);
}

function send(
  plan: Extract<Plan, { type: 'send' }>,
  target: ProbeTarget,
  timeoutMs: number,
): Promise<ProbeOutcome> {
  const { url, connect } = plan;
  const secure = url.protocol === 'https:';
  const headers: [string, string][] = [
    ['Host', target.hostHeader ?? url.host],
    ['User-Agent', curlUserAgent],
    ['Accept', '*/*'],
    ...Object.entries(target.headers ?? {}),
  ];
  return new Promise<ProbeOutcome>((resolve) => {
    let settled = false;
    const settle = (outcome: ProbeOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    const options = {
      host: connect.ip,
      port: connect.port,
      method: target.method ?? 'GET',
      path: `${url.pathname}${url.search}`,
      headers: headers.flat(),
      setHost: false,
      agent: false as const,
    };
    const onResponse = (response: IncomingMessage) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.once('end', () => {
        const pairs: [string, string][] = [];
        for (let at = 0; at < response.rawHeaders.length; at += 2)
          pairs.push([response.rawHeaders[at]!, response.rawHeaders[at + 1]!]);
        settle({
          kind: 'response',
          status: response.statusCode ?? 0,
          headers: pairs,
          body: Buffer.concat(chunks).toString('utf8'),
        });
      });
      response.once('error', (error) => settle(failureOf(error, connect)));
    };
    const client = secure
      ? httpsRequest(
          {
            ...options,
            ...(isIPv4(url.hostname) ? {} : { servername: url.hostname }),
            rejectUnauthorized: !target.insecure,
          },
          onResponse,
        )
      : httpRequest(options, onResponse);
    const timer = setTimeout(() => {
      settle({
        kind: 'timed-out',
        detail: `Operation timed out after ${timeoutMs} milliseconds with 0 bytes received`,
      });
      client.destroy();
    }, timeoutMs);
    client.once('error', (error) => settle(failureOf(error, connect)));
    client.end();
  });
}

function failureOf(
  error: NodeJS.ErrnoException,
  connect: { ip: string; port: number },
): ProbeOutcome {
  const code = error.code ?? '';
  if (code === 'ECONNREFUSED')
    return {
      kind: 'refused',
      detail: `Failed to connect to ${connect.ip} port ${connect.port}: Connection refused`,
    };
  if (code === 'ETIMEDOUT') return { kind: 'timed-out', detail: error.message };
  if (certificateProblems[code])
    return { kind: 'tls-error', detail: `SSL certificate problem: ${certificateProblems[code]}` };
  if (code === 'ERR_TLS_CERT_ALTNAME_INVALID' || code.startsWith('ERR_SSL') || code.includes('TLS'))
    return { kind: 'tls-error', detail: error.message };
  if (code === 'ECONNRESET')
    return { kind: 'error', detail: 'Recv failure: Connection reset by peer' };
  return { kind: 'error', detail: error.message };
}
