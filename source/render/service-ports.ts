import type { Json } from '../sandbox/api/kube-object.ts';

/**
 * A Service's PORT(S) cell: `80/TCP` for a cluster-internal port, `80:30176/TCP` once a node
 * port is allocated (port:nodePort — the targetPort never shows), comma-separated.
 */
export function servicePorts(ports: readonly Json[] | null | undefined): string {
  return (ports ?? [])
    .map((port) =>
      port.nodePort > 0
        ? `${port.port}:${port.nodePort}/${port.protocol ?? ''}`
        : `${port.port}/${port.protocol ?? ''}`,
    )
    .join(',');
}
