import type { Json } from '../sandbox/api/kube-object.ts';

/** CONTAINERS and IMAGES of a pod template, each comma-separated (layoutContainerCells). */
export function containerCells(containers: readonly Json[] | null | undefined): {
  names: string;
  images: string;
} {
  const list = containers ?? [];
  return {
    names: list.map((c) => c.name ?? '').join(','),
    images: list.map((c) => c.image ?? '').join(','),
  };
}
