import type { ResourceRoute } from './route.ts';
import { ApiError, qualifiedResource } from './status.ts';

/** The user a kind kubeconfig authenticates as; the sandbox's token stands for it. */
const sandboxUser = 'kubernetes-admin';

/**
 * The 403 RBAC gives a user who may not touch a resource, worded as the real authorizer's
 * refusal. The sandbox has no RBAC; `forbid` (a sandbox option) simulates a read-limited user
 * for clients such as `inspect` that must degrade gracefully.
 */
export function forbiddenError(verb: string, route: ResourceRoute): ApiError {
  const { group, plural } = route.def;
  const scope = route.namespace ? `in the namespace "${route.namespace}"` : 'at the cluster scope';
  const name = route.name ? ` "${route.name}"` : '';
  return new ApiError(
    403,
    'Forbidden',
    `${qualifiedResource(group, plural)}${name} is forbidden: User "${sandboxUser}" cannot ${verb} resource "${plural}" in API group "${group}" ${scope}`,
    { ...(route.name ? { name: route.name } : {}), ...(group ? { group } : {}), kind: plural },
  );
}
