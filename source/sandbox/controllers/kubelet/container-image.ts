import { createHash } from 'node:crypto';
import type { Json } from '../../api/kube-object.ts';

/**
 * An image reference as containerd reports it in a pod's status: with its registry, the
 * `library/` of Docker Hub's official images and a tag (`nginx` → `docker.io/library/nginx:latest`).
 */
export function normalizedImage(image: string): string {
  const { repository, tag, digest } = splitImage(image);
  if (digest) return `${repository}@${digest}`;
  return `${repository}:${tag ?? 'latest'}`;
}

/** `repository@sha256:…`: a digest derived from the reference, stable for one image. */
export function imageIdOf(image: string): string {
  const { repository, digest } = splitImage(image);
  if (digest) return `${repository}@${digest}`;
  return `${repository}@sha256:${createHash('sha256').update(normalizedImage(image)).digest('hex')}`;
}

/** A plausible compressed size in bytes, stable for one image (tens of megabytes). */
export function imageSizeOf(image: string): number {
  const digest = createHash('sha256').update(normalizedImage(image)).digest();
  return 20_000_000 + (digest.readUInt32BE(0) % 60_000_000);
}

/** The pull policy the API server defaults: Always for `:latest` or no tag, else IfNotPresent. */
export function pullPolicyOf(container: Json): 'Always' | 'IfNotPresent' | 'Never' {
  const policy = container.imagePullPolicy;
  if (policy === 'Always' || policy === 'IfNotPresent' || policy === 'Never') return policy;
  const { tag, digest } = splitImage(String(container.image ?? ''));
  return !digest && (!tag || tag === 'latest') ? 'Always' : 'IfNotPresent';
}

function splitImage(image: string): { repository: string; tag?: string; digest?: string } {
  const [name = '', digest] = image.split('@');
  const lastSlash = name.lastIndexOf('/');
  const colon = name.lastIndexOf(':');
  const hasTag = colon > lastSlash;
  const path = hasTag ? name.slice(0, colon) : name;
  const tag = hasTag ? name.slice(colon + 1) : undefined;
  const first = path.split('/')[0] ?? '';
  const hasRegistry =
    path.includes('/') && (first.includes('.') || first.includes(':') || first === 'localhost');
  let repository = path;
  if (!hasRegistry) repository = `docker.io/${path.includes('/') ? path : `library/${path}`}`;
  return { repository, ...(tag ? { tag } : {}), ...(digest ? { digest } : {}) };
}
