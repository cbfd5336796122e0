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

export interface AgnhostDeploymentOptions {
  name?: string;
  namespace?: string;
  replicas?: number;
  /** The pod template's container; `agnhostContainer()` unless given. */
  container?: Fields;
}

/** A Deployment of agnhost pods labelled `app: <name>`. */
export function agnhostDeployment({
  name = 'echo',
  namespace,
  replicas = 2,
  container = agnhostContainer(),
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
        spec: { containers: [container] },
      },
    },
  };
}

export interface ServiceForOptions {
  name?: string;
  namespace?: string;
  type?: string;
}

/** A Service selecting `app: <name>`, port 80 to the pods' 8080. */
export function serviceFor({ name = 'echo', namespace, type }: ServiceForOptions = {}) {
  const ports = [{ port: 80, targetPort: 8080 }];
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: metadataOf(name, namespace),
    spec:
      type === undefined
        ? { selector: { app: name }, ports }
        : { type, selector: { app: name }, ports },
  };
}

/** An idle agnhost pod to run commands from. */
export function clientPod({
  name = 'client',
  namespace,
}: {
  name?: string;
  namespace?: string;
} = {}) {
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: metadataOf(name, namespace),
    spec: { containers: [{ name: 'agnhost', image: agnhostImage, args: ['pause'] }] },
  };
}
