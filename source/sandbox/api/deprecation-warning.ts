import type { ResourceDefinition } from '../resources/resource-definition.ts';

/**
 * The warning the API server attaches to every request for a deprecated resource, which
 * kubectl prints as `Warning: …`. Only v1 Endpoints is deprecated among the kinds served.
 */
export function deprecationWarning(def: ResourceDefinition): string | undefined {
  if (def.id === '/endpoints')
    return 'v1 Endpoints is deprecated in v1.33+; use discovery.k8s.io/v1 EndpointSlice';
  return undefined;
}

/** A `Warning` header value (RFC 7234 warn-code 299, as the API server writes them). */
export function warningHeader(message: string): string {
  return `299 - ${JSON.stringify(message)}`;
}
