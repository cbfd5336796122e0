import { findResource } from '../resources/catalog.ts';
import type { ResourceDefinition } from '../resources/resource-definition.ts';

/** A request path resolved to the resource it addresses. */
export interface ResourceRoute {
  def: ResourceDefinition;
  /** Set for namespaced paths (`/namespaces/NS/...`), absent for all-namespace lists. */
  namespace?: string;
  name?: string;
  subresource?: string;
}

export type RoutePath =
  | { type: 'resource'; route: ResourceRoute }
  | { type: 'unknown-resource'; group: string; version: string; plural: string }
  | { type: 'other' };

/**
 * `/api/v1/namespaces/default/services/echo/status` →
 * `{def: services, namespace: default, name: echo, subresource: status}`.
 */
export function parseResourcePath(pathname: string): RoutePath {
  const parts = pathname.split('/').filter(Boolean).map(decodeURIComponent);
  let group: string;
  let version: string;
  let rest: string[];
  if (parts[0] === 'api' && parts.length >= 3) {
    group = '';
    version = parts[1]!;
    rest = parts.slice(2);
  } else if (parts[0] === 'apis' && parts.length >= 4) {
    group = parts[1]!;
    version = parts[2]!;
    rest = parts.slice(3);
  } else {
    return { type: 'other' };
  }

  let namespace: string | undefined;
  // `/namespaces/NS/<plural>...` addresses namespaced objects; `/namespaces/NS` alone is a Namespace.
  if (rest[0] === 'namespaces' && rest.length >= 3) {
    namespace = rest[1];
    rest = rest.slice(2);
  }
  const [plural, name, subresource] = rest as [string, string?, string?];
  const def = findResource(group, version, plural);
  if (!def) return { type: 'unknown-resource', group, version, plural };
  if (namespace !== undefined && !def.namespaced)
    return { type: 'unknown-resource', group, version, plural };
  return {
    type: 'resource',
    route: {
      def,
      ...(namespace !== undefined ? { namespace } : {}),
      ...(name ? { name } : {}),
      ...(subresource ? { subresource } : {}),
    },
  };
}
