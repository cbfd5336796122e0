import type { Vantage } from '../../lesson-format/lesson-types.ts';
import type { ProbeOutcome } from '../../probe/probe.ts';
import type { Json, KubeObject } from '../../sandbox/api/kube-object.ts';
import type { CachedObject } from './object-cache.ts';

/**
 * The route a request takes, hop by hop, worked out from the objects the watch sees: which
 * Service an address or name leads to, which endpoints it has, which pod answered. Where the
 * route breaks, the hop is marked and the reason said in a learner's words.
 */

export interface PathRequest {
  from: Vantage;
  /** With `${variables}` already filled in. */
  url: string;
  namespace: string;
  /** Sent as Host (Ingress routing). */
  hostHeader?: string;
  /** curl's --resolve: connect here, keep the URL's host. */
  resolveTo?: string;
}

export interface LastAnswer {
  kind: ProbeOutcome['kind'];
  /** The HTTP status, for responses. */
  status?: number;
  /** The failure in the tool's words. */
  detail?: string;
  /** The pod that answered. */
  pod?: string;
  /** `404 from envoy`, `connection refused`. */
  label: string;
}

export interface PathHop {
  label: string;
  detail?: string;
  state: 'ok' | 'failed' | 'unknown';
  /** Why the route breaks here. */
  why?: string;
}

interface World {
  namespace: string;
  services: KubeObject[];
  slices: KubeObject[];
  pods: KubeObject[];
  nodes: KubeObject[];
  ingresses: KubeObject[];
  gateways: KubeObject[];
}

function worldOf(objects: readonly CachedObject[], namespace: string): World {
  const of = (resourceId: string) =>
    objects
      .filter(
        (entry) =>
          entry.resourceId === resourceId &&
          (resourceId === '/nodes' || entry.object.metadata.namespace === namespace),
      )
      .map((entry) => entry.object);
  return {
    namespace,
    services: of('/services'),
    slices: of('discovery.k8s.io/endpointslices'),
    pods: of('/pods'),
    nodes: of('/nodes'),
    ingresses: of('networking.k8s.io/ingresses'),
    gateways: of('gateway.networking.k8s.io/gateways'),
  };
}

function nodeIP(node: KubeObject): string | undefined {
  return (node.status?.addresses ?? []).find((a: Json) => a.type === 'InternalIP')?.address;
}

function parseUrl(
  url: string,
): { scheme: string; host: string; port: number; path: string } | undefined {
  try {
    const parsed = new URL(url);
    const scheme = parsed.protocol.replace(':', '');
    const port = parsed.port ? Number(parsed.port) : scheme === 'https' ? 443 : 80;
    return { scheme, host: parsed.hostname.replace(/^\[|\]$/g, ''), port, path: parsed.pathname };
  } catch {
    return undefined;
  }
}

const ipPattern = /^\d{1,3}(\.\d{1,3}){3}$/;

function originHop(from: Vantage, world: World): PathHop {
  switch (from.kind) {
    case 'machine':
      return { label: 'your machine', state: 'ok' };
    case 'pod': {
      const pod = world.pods.find((candidate) => candidate.metadata.name === from.name);
      const ip = pod?.status?.podIP;
      return { label: `pod ${from.name}`, ...(ip ? { detail: ip } : {}), state: 'ok' };
    }
    case 'node': {
      const node = world.nodes.find((candidate) => candidate.metadata.name === from.name);
      const ip = node && nodeIP(node);
      return { label: `node ${from.name}`, ...(ip ? { detail: ip } : {}), state: 'ok' };
    }
  }
}

function selectorText(selector: Record<string, string>): string {
  return Object.entries(selector)
    .map(([key, value]) => `${key}=${value}`)
    .join(',');
}

function matches(selector: Record<string, string>, labels: Record<string, string> | undefined) {
  return Object.entries(selector).every(([key, value]) => labels?.[key] === value);
}

interface ReadyEndpoint {
  ip: string;
  port?: number;
  pod?: string;
}

function readyEndpoints(service: KubeObject, servicePort: Json, world: World): ReadyEndpoint[] {
  const endpoints: ReadyEndpoint[] = [];
  for (const slice of world.slices) {
    if (slice.metadata.labels?.['kubernetes.io/service-name'] !== service.metadata.name) continue;
    const port = (slice.ports ?? []).find(
      (candidate: Json) => (candidate.name ?? '') === (servicePort.name ?? ''),
    )?.port;
    for (const endpoint of slice.endpoints ?? []) {
      if (endpoint.conditions?.ready === false) continue;
      for (const ip of endpoint.addresses ?? [])
        endpoints.push({
          ip,
          ...(port !== undefined ? { port } : {}),
          ...(endpoint.targetRef?.name ? { pod: endpoint.targetRef.name } : {}),
        });
    }
  }
  return endpoints;
}

/** Why a Service with a selector has no ready endpoint, from the pods the watch sees. */
function whyNoEndpoints(service: KubeObject, world: World): string {
  const selector: Record<string, string> | undefined = service.spec?.selector;
  const name = `svc/${service.metadata.name}`;
  if (!selector || Object.keys(selector).length === 0)
    return `${name} has no selector, and no EndpointSlice lists an address for it`;
  const matching = world.pods.filter((pod) => matches(selector, pod.metadata.labels));
  if (matching.length === 0)
    return `${name} selects pods with ${selectorText(selector)}, and no pod in ${world.namespace} has those labels`;
  return `${matching.length} ${matching.length === 1 ? 'pod matches' : 'pods match'} ${selectorText(selector)}, but none is ready yet`;
}

function containerPorts(pod: KubeObject): number[] {
  return (pod.spec?.containers ?? []).flatMap((container: Json) =>
    (container.ports ?? []).map((port: Json) => port.containerPort as number),
  );
}

/** The hops after a Service: its port, its ready endpoints, the pod that answered. */
function serviceHops(
  service: KubeObject,
  servicePort: Json,
  entry: string,
  world: World,
  last: LastAnswer | undefined,
): PathHop[] {
  const name = `svc/${service.metadata.name}`;
  const clusterIP = service.spec?.clusterIP;
  const hop: PathHop = {
    label:
      `${name} ${clusterIP && clusterIP !== 'None' ? `${clusterIP}:${servicePort.port}` : ''}`.trim(),
    detail: entry,
    state: 'ok',
  };
  const endpoints = readyEndpoints(service, servicePort, world);
  if (endpoints.length === 0) {
    return [{ ...hop, state: 'failed', why: whyNoEndpoints(service, world) }];
  }
  hop.detail = `${entry}; ${endpoints.length} ready ${endpoints.length === 1 ? 'endpoint' : 'endpoints'}`;
  const answered = last?.pod ? endpoints.find((endpoint) => endpoint.pod === last.pod) : undefined;
  const port = endpoints[0]!.port ?? servicePort.targetPort;
  const podHop: PathHop = answered
    ? {
        label: `pod ${answered.pod} ${answered.ip}:${answered.port ?? port}`,
        detail: 'answered the last request',
        state: 'ok',
      }
    : {
        label: `pods ${endpoints.map((endpoint) => endpoint.pod ?? endpoint.ip).join(', ')}`,
        detail: `one of them answers, on port ${port}`,
        state: 'unknown',
      };
  if (last?.kind === 'refused') {
    const targetPods = world.pods.filter((pod) =>
      endpoints.some((endpoint) => endpoint.pod === pod.metadata.name),
    );
    const declared = [...new Set(targetPods.flatMap(containerPorts))];
    const why =
      typeof port === 'number' && declared.length > 0 && !declared.includes(port)
        ? `nothing listens on port ${port} in the pods: their container listens on ${declared.join(', ')} — check the Service's targetPort`
        : `the pod refused the connection on port ${port}`;
    return [hop, { ...podHop, state: 'failed', why }];
  }
  return [hop, podHop];
}

function servicePortFor(service: KubeObject, port: number, field: 'port' | 'nodePort') {
  return (service.spec?.ports ?? []).find((candidate: Json) => candidate[field] === port);
}

function portsText(service: KubeObject): string {
  return (service.spec?.ports ?? [])
    .map((port: Json) => `${port.port}/${port.protocol ?? 'TCP'}`)
    .join(', ');
}

/** The first hop's target from an IP address: a cluster IP, a node, a load balancer, a pod. */
function hopsToAddress(
  ip: string,
  port: number,
  request: PathRequest,
  world: World,
  last: LastAnswer | undefined,
): PathHop[] {
  const byClusterIP = world.services.find((service) => service.spec?.clusterIP === ip);
  if (byClusterIP) {
    const servicePort = servicePortFor(byClusterIP, port, 'port');
    const first: PathHop[] =
      request.from.kind === 'machine'
        ? [
            {
              label: `${ip}:${port}`,
              state: 'failed',
              why: `${ip} is a cluster IP: it exists only inside the cluster, so your machine has no route to it — send the request from a pod, or expose the Service with a NodePort or LoadBalancer`,
            },
          ]
        : [];
    if (first.length > 0) return first;
    if (!servicePort)
      return [
        {
          label: `svc/${byClusterIP.metadata.name} ${ip}:${port}`,
          state: 'failed',
          why: `svc/${byClusterIP.metadata.name} has no port ${port} (it serves ${portsText(byClusterIP)})`,
        },
      ];
    return serviceHops(byClusterIP, servicePort, 'cluster IP', world, last);
  }
  const node = world.nodes.find((candidate) => nodeIP(candidate) === ip);
  if (node) {
    const nodeHop: PathHop = {
      label: `${ip}:${port}`,
      detail: `node ${node.metadata.name}`,
      state: 'ok',
    };
    const service = world.services.find((candidate) => servicePortFor(candidate, port, 'nodePort'));
    if (!service)
      return [
        {
          ...nodeHop,
          state: 'failed',
          why: `no Service in ${world.namespace} has NodePort ${port}, so nothing on the node takes the connection`,
        },
      ];
    const servicePort = servicePortFor(service, port, 'nodePort');
    return [
      nodeHop,
      ...serviceHops(
        service,
        servicePort,
        `NodePort ${port} → port ${servicePort.port}`,
        world,
        last,
      ),
    ];
  }
  const balanced = world.services.find((candidate) =>
    (candidate.status?.loadBalancer?.ingress ?? []).some((entry: Json) => entry.ip === ip),
  );
  if (balanced) {
    const servicePort = servicePortFor(balanced, port, 'port');
    const lbHop: PathHop = { label: `${ip}:${port}`, detail: 'load balancer', state: 'ok' };
    if (!servicePort)
      return [
        {
          ...lbHop,
          state: 'failed',
          why: `svc/${balanced.metadata.name} has no port ${port} (it serves ${portsText(balanced)})`,
        },
      ];
    return [lbHop, ...serviceHops(balanced, servicePort, 'load balancer → node port', world, last)];
  }
  const ingress = world.ingresses.find((candidate) =>
    (candidate.status?.loadBalancer?.ingress ?? []).some((entry: Json) => entry.ip === ip),
  );
  if (ingress) return ingressHops(ingress, `${ip}:${port}`, request, world, last);
  const gateway = world.gateways.find((candidate) =>
    (candidate.status?.addresses ?? []).some((entry: Json) => entry.value === ip),
  );
  if (gateway)
    return [
      {
        label: `gateway/${gateway.metadata.name} ${ip}:${port}`,
        detail: 'the Gateway routes by its HTTPRoutes',
        state: 'unknown',
      },
    ];
  const pod = world.pods.find((candidate) => candidate.status?.podIP === ip);
  if (pod) {
    if (request.from.kind === 'machine')
      return [
        {
          label: `pod ${pod.metadata.name} ${ip}:${port}`,
          state: 'failed',
          why: `${ip} is a pod IP: it exists only inside the cluster`,
        },
      ];
    return [{ label: `pod ${pod.metadata.name} ${ip}:${port}`, state: 'ok' }];
  }
  if (ip.startsWith('127.'))
    return [{ label: `${ip}:${port}`, detail: 'this machine (loopback)', state: 'unknown' }];
  return [{ label: `${ip}:${port}`, state: 'unknown' }];
}

function ingressHops(
  ingress: KubeObject,
  address: string,
  request: PathRequest,
  world: World,
  last: LastAnswer | undefined,
): PathHop[] {
  const url = parseUrl(request.url);
  const host = request.hostHeader ?? url?.host ?? '';
  const path = url?.path ?? '/';
  const hop: PathHop = {
    label: `ingress/${ingress.metadata.name} ${address}`,
    detail: `host ${host}, path ${path}`,
    state: 'ok',
  };
  for (const rule of ingress.spec?.rules ?? []) {
    if (rule.host && rule.host !== host) continue;
    for (const rulePath of rule.http?.paths ?? []) {
      const prefix: string = rulePath.path ?? '/';
      const hit =
        rulePath.pathType === 'Exact'
          ? path === prefix
          : prefix === '/' || path === prefix || path.startsWith(`${prefix.replace(/\/$/, '')}/`);
      if (!hit) continue;
      const backend = rulePath.backend?.service;
      const service = world.services.find((candidate) => candidate.metadata.name === backend?.name);
      if (!service)
        return [
          {
            ...hop,
            state: 'failed',
            why: `the rule sends ${host}${prefix} to svc/${backend?.name}, which does not exist`,
          },
        ];
      const servicePort = (service.spec?.ports ?? []).find(
        (candidate: Json) =>
          candidate.port === backend.port?.number || candidate.name === backend.port?.name,
      );
      if (!servicePort)
        return [
          {
            ...hop,
            state: 'failed',
            why: `svc/${service.metadata.name} has no port ${backend.port?.number ?? backend.port?.name}`,
          },
        ];
      return [
        hop,
        ...serviceHops(service, servicePort, `rule ${rule.host ?? '*'}${prefix}`, world, last),
      ];
    }
  }
  return [
    {
      ...hop,
      state: last && last.kind === 'response' ? 'failed' : 'unknown',
      why: `no rule of ingress/${ingress.metadata.name} matches host ${host} and path ${path}: the ingress controller answers 404 itself`,
    },
  ];
}

/** A cluster DNS name: `echo`, `echo.ns`, `echo.ns.svc`, `echo.ns.svc.cluster.local`. */
function hopsToName(
  host: string,
  port: number,
  request: PathRequest,
  world: World,
  last: LastAnswer | undefined,
): PathHop[] {
  const labels = host.replace(/\.$/, '').split('.');
  const name = labels[0]!;
  const namespace = labels[1] && labels[1] !== 'svc' ? labels[1] : world.namespace;
  if (request.from.kind === 'machine')
    return [
      {
        label: host,
        state: 'failed',
        why: `${host} is a cluster DNS name: only pods (and nodes) resolve it, your machine does not`,
      },
    ];
  const service =
    namespace === world.namespace
      ? world.services.find((candidate) => candidate.metadata.name === name)
      : undefined;
  if (!service)
    return [
      {
        label: host,
        state: namespace === world.namespace ? 'failed' : 'unknown',
        why:
          namespace === world.namespace
            ? `no Service named ${name} in ${namespace}, so the name does not resolve`
            : undefined,
      },
    ];
  const servicePort = servicePortFor(service, port, 'port');
  if (!servicePort)
    return [
      {
        label: `svc/${name} ${service.spec?.clusterIP}:${port}`,
        detail: `DNS ${host}`,
        state: 'failed',
        why: `svc/${name} has no port ${port} (it serves ${portsText(service)}), so the connection is refused`,
      },
    ];
  return serviceHops(service, servicePort, `DNS ${host}`, world, last);
}

/** Marks where a failed answer stopped, when the objects alone did not say. */
function withOutcome(hops: PathHop[], last: LastAnswer | undefined): PathHop[] {
  if (!last || hops.some((hop) => hop.state === 'failed')) return hops;
  const failed = last.kind !== 'response' || (last.status !== undefined && last.status >= 500);
  if (!failed) {
    return hops.map((hop) => (hop.state === 'unknown' ? { ...hop, state: 'ok' as const } : hop));
  }
  const index = hops.length - 1;
  return hops.map((hop, at) =>
    at === index
      ? {
          ...hop,
          state: 'failed' as const,
          why: `${last.label}${last.detail ? `: ${last.detail}` : ''}`,
        }
      : hop,
  );
}

export function requestPath(
  request: PathRequest,
  objects: readonly CachedObject[],
  last?: LastAnswer,
): PathHop[] {
  const world = worldOf(objects, request.namespace);
  const origin = originHop(request.from, world);
  const url = parseUrl(request.url);
  if (!url) return [origin, { label: request.url, state: 'unknown' }];
  const connect = request.resolveTo ?? url.host;
  const hops = ipPattern.test(connect)
    ? hopsToAddress(connect, url.port, request, world, last)
    : hopsToName(connect, url.port, request, world, last);
  return [origin, ...withOutcome(hops, last)];
}
