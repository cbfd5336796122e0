/**
 * The versions the tutor is built against. The node image is the one kind v0.32.0 defaults
 * to (pkg/apis/config/defaults/image.go at the v0.32.0 tag), pinned by digest so every
 * learner's cluster runs the same Kubernetes.
 */
export const nodeImage =
  'kindest/node:v1.36.1@sha256:3489c7674813ba5d8b1a9977baea8a6e553784dab7b84759d1014dbd78f7ebd5';
/** Node images are built for a kind release; older kind may not boot them. */
export const minimumKindVersion = '0.32.0';
/** kubectl within one minor version of the v1.36 API server (the supported skew). */
export const minimumKubectlVersion = '1.35.0';
export const cloudProviderKindImage =
  'registry.k8s.io/cloud-provider-kind/cloud-controller-manager:v0.11.1';
/** The container the tutor starts for cloud-provider-kind on Linux; down removes only it. */
export const cloudProviderContainerName = 'expose-tutor-cloud-provider-kind';
export const defaultClusterName = 'expose-tutor';
/**
 * NodePorts the lessons fix in their manifests (lessons/03-nodeport): on Docker Desktop they
 * are mapped to the same port on 127.0.0.1, since the node IPs are not routable from the host.
 */
export const lessonNodePorts = [30080, 30081] as const;

/** `1.36.1` from `v1.36.1`, `kind v0.32.0 go1.25.5 linux/amd64`, `v0.33.0-alpha+abc`. */
export function parseVersion(text: string): [number, number, number] | undefined {
  const match = /v?(\d+)\.(\d+)\.(\d+)/.exec(text);
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2]), Number(match[3])];
}

export function versionAtLeast(version: string, minimum: string): boolean {
  const have = parseVersion(version);
  const want = parseVersion(minimum);
  if (!have || !want) return false;
  for (let index = 0; index < 3; index++) {
    if (have[index]! !== want[index]!) return have[index]! > want[index]!;
  }
  return true;
}

/** The kubeconfig context kind writes for a cluster. */
export function kindContext(clusterName: string): string {
  return `kind-${clusterName}`;
}
