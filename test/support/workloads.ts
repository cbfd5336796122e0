import { stringify } from 'yaml';

// The agnhost echo workload the lessons, tests and benchmarks keep building: a Deployment of
// `agnhost netexec`, a Service in front of it, and an idle client pod.

export const agnhostImage = 'registry.k8s.io/e2e-test-images/agnhost:2.66.1';

type Fields = Record<string, unknown>;

/** `metadata` with the namespace only when one is given, as hand-written manifests have it. */
function metadataOf(name: string, namespace: string | undefined) {
  return namespace === undefined ? { name } : { name, namespace };
}

/** The agnhost container serving HTTP on 8080; `fields` override or add container fields. */
export function agnhostContainer(fields: Fields = {}) {
  return {
    name: 'agnhost',
    image: agnhostImage,
    args: ['netexec', '--http-port=8080'],
    ...fields,
  };
}

/** agnhost's netexec port, named so Services can target it as `http`. */
export const httpContainerPort = { name: 'http', containerPort: 8080 };

export interface AgnhostDeploymentOptions {
  name?: string;
  namespace?: string;
  replicas?: number;
  image?: string;
  /** Declare the container port as `http` (`httpContainerPort`). */
  namedPort?: boolean;
  /** Pod spec fields besides the containers, e.g. a nodeSelector. */
  podSpec?: Fields;
  /** The whole container, instead of `agnhostContainer()` with `image` and `namedPort`. */
  container?: Fields;
}

/** A Deployment of agnhost pods labelled `app: <name>`. */
export function agnhostDeployment({
  name = 'echo',
  namespace,
  replicas = 2,
  image = agnhostImage,
  namedPort = false,
  podSpec = {},
  container = agnhostContainer(namedPort ? { image, ports: [httpContainerPort] } : { image }),
}: AgnhostDeploymentOptions = {}) {
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: metadataOf(name, namespace),
    spec: {
      replicas,
      selector: { matchLabels: { app: name } },
      template: {
        metadata: { labels: { app: name } },
        spec: { ...podSpec, containers: [container] },
      },
    },
  };
}

/** The same Deployment as a YAML document, for `kubectl apply -f -` (ends with a newline). */
export function agnhostDeploymentYaml(options: AgnhostDeploymentOptions = {}): string {
  return stringify(agnhostDeployment(options));
}

export interface ServiceForOptions {
  name?: string;
  namespace?: string;
  type?: string;
  /** The pods' `app` label; the Service's own name unless given. */
  app?: string;
  /** 8080 unless given; `http` for pods declaring `httpContainerPort`. */
  targetPort?: number | string;
}

/** A Service selecting `app: <app>`, port 80 to the pods' `targetPort`. */
export function serviceFor({
  name = 'echo',
  namespace,
  type,
  app = name,
  targetPort = 8080,
}: ServiceForOptions = {}) {
  const ports = [{ port: 80, targetPort }];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(name, namespace),
    spec: type === undefined ? { selector: { app }, ports } : { type, selector: { app }, ports },
  };
}

/** The same Service as a YAML document, for `kubectl apply -f -` (ends with a newline). */
export function serviceYaml(options: ServiceForOptions = {}): string {
  return stringify(serviceFor(options));
}

export interface ClientPodOptions {
  name?: string;
  namespace?: string;
  image?: string;
  /** The container's name; `agnhost` unless given. */
  container?: string;
}

/** An idle agnhost pod to run commands from. */
export function clientPod({
  name = 'client',
  namespace,
  image = agnhostImage,
  container = 'agnhost',
}: ClientPodOptions = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadataOf(name, namespace),
    spec: { containers: [{ name: container, image, args: ['pause'] }] },
  };
}

/** The same pod as a YAML document, for `kubectl apply -f -` (ends with a newline). */
export function clientPodYaml(options: ClientPodOptions = {}): string {
  return stringify(clientPod(options));
}

/** An Ingress sending every path of each of `hosts` to port 80 of the Service `service`. */
export function ingressFor({
  name,
  namespace,
  hosts = ['echo.example'],
  service = 'echo',
  tls,
}: {
  name: string;
  namespace?: string;
  hosts?: string[];
  service?: string;
  /** Terminate TLS for these hosts with the certificate in this Secret. */
  tls?: { hosts: string[]; secretName: string };
}) {
  const rules = hosts.map((host) => ({
    host,
    http: {
      paths: [
        {
          path: '/',
          pathType: 'Prefix',
          backend: { service: { name: service, port: { number: 80 } } },
        },
      ],
    },
  }));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: metadataOf(name, namespace),
    spec: tls === undefined ? { rules } : { tls: [tls], rules },
  };
}

/** The same Ingress as a YAML document, for `kubectl apply -f -` (ends with a newline). */
export function ingressYaml(options: Parameters<typeof ingressFor>[0]): string {
  return stringify(ingressFor(options));
}
