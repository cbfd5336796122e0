import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cloudProviderKindImage, nodeImage } from './kind-versions.ts';

/**
 * The Envoy image cloud-provider-kind v0.11.1 starts for each LoadBalancer and Gateway
 * (pkg/constants: DefaultProxyImageRegistry + DefaultProxyImageName).
 */
export const envoyImage = 'docker.io/envoyproxy/envoy:v1.33.2';

/** `kindest/node:v1.36.1` from the pinned `kindest/node:v1.36.1@sha256:…`. */
export function withoutDigest(image: string): string {
  return image.split('@')[0] ?? image;
}

/** Every `image:` the lessons' manifests name (agnhost, pinned). */
export function lessonImages(lessonsDirectory: string): string[] {
  const images = new Set<string>();
  const visit = (dir: string) => {
    if (!existsSync(dir)) return;
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) visit(path);
      else if (/\.(ya?ml|md)$/.test(entry.name))
        for (const match of readFileSync(path, 'utf8').matchAll(
          /^\s*-?\s*image:\s*["']?([^\s"'#]+)/gm,
        ))
          if (match[1]) images.add(match[1]);
    }
  };
  visit(lessonsDirectory);
  return [...images].sort();
}

/**
 * What a workshop tarball holds. Images for this machine's engine: the node image (by tag:
 * `docker save` drops repo digests, so the digest reference would not resolve after a load),
 * cloud-provider-kind and its Envoy. Images for the cluster's nodes: what the lessons run.
 */
export function workshopImages(lessonsDirectory: string): { host: string[]; cluster: string[] } {
  return {
    host: [withoutDigest(nodeImage), cloudProviderKindImage, envoyImage],
    cluster: lessonImages(lessonsDirectory),
  };
}
